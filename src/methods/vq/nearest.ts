/**
 * Nearest-centroid search by GEMM: argmin_k ‖x − c_k‖² = argmin_k (‖c_k‖² − 2
 * x·c_k), the dot products of a block of points with all K centroids computed by the project's
 * float32 GEMM. Ties go to the lowest k; a NaN point gets code 0 (callers turn its outputs to NaN).
 * @module
 */
import { gemm } from '../../kernels/index.js';

/** Centroids in the form the search reads, derived once from (K, d) row-major centroids. */
export interface SearchTables {
  readonly K: number;
  readonly d: number;
  /** (d, K) f32 row-major: the centroids transposed, the right-hand side of the GEMM. */
  readonly ct: Float32Array;
  /** (K) f64: ‖c_k‖² of the float32 centroids. */
  readonly norms: Float64Array;
}

/** Output elements of one GEMM call: bounds the scratch of a large search to 4 MB. */
const CHUNK_VALUES = 1 << 20;

/** The search tables of centroids (K, d) f32 row-major. */
export function searchTables(centroids: Float32Array, K: number, d: number): SearchTables {
  const ct = new Float32Array(d * K);
  const norms = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = centroids[k * d + j];
      ct[j * K + k] = v;
      s += v * v;
    }
    norms[k] = s;
  }
  return { K, d, ct, norms };
}

/**
 * Writes the nearest centroid of each point of X (n, d) f32 row-major to
 * out[i * stride + offset].
 */
export function nearestInto(X: Float32Array, n: number, t: SearchTables,
  out: Int32Array | Uint8Array, stride: number, offset: number): void {
  const { K, d, ct, norms } = t;
  const rows = Math.max(1, Math.floor(CHUNK_VALUES / K));
  for (let r0 = 0; r0 < n; r0 += rows) {
    const r1 = Math.min(n, r0 + rows);
    const dots = gemm(X.subarray(r0 * d, r1 * d), ct, r1 - r0, d, K);
    for (let i = r0; i < r1; i++) {
      const base = (i - r0) * K;
      let best = Infinity;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        const v = norms[k] - 2 * dots[base + k];
        if (v < best) {
          best = v;
          arg = k;
        }
      }
      out[i * stride + offset] = arg;
    }
  }
}

/** (n) i32: the nearest of the K centroids (K, d) f32 row-major for each point of X. */
export function nearestCentroids(X: Float32Array, n: number, d: number, centroids: Float32Array,
  K: number): Int32Array {
  const out = new Int32Array(n);
  nearestInto(X, n, searchTables(centroids, K, d), out, 1, 0);
  return out;
}
