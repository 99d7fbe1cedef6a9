/**
 * Second moments and principal directions for the learned sketches, in float64.
 * @module
 */
import { symmetricEigen } from '../../core/eigen.js';
import type { Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';

/** Rows per chunk of the Gram product: each chunk's float32 sum is short, the total float64. */
const CHUNK_ROWS = 256;

/** (D) column means of A, float64. */
export function columnMeans(A: Matrix): Float64Array {
  const { rows: N, cols: D, data } = A;
  const mean = new Float64Array(D);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < D; i++) mean[i] += data[n * D + i];
  }
  for (let i = 0; i < D; i++) mean[i] /= N;
  return mean;
}

/**
 * (A − 1μᵀ)ᵀ(A − 1μᵀ): (D, D) f64 row-major, μ = 0 when `mean` is null. Each chunk of rows is
 * centred and multiplied by the float32 GEMM kernel; the chunks' products add up in float64,
 * so rounding grows with the chunk length, not with N.
 */
export function gram(A: Matrix, mean: Float64Array | null): Float64Array {
  const { rows: N, cols: D, data } = A;
  const S = new Float64Array(D * D);
  const X = new Float32Array(CHUNK_ROWS * D);
  const Xt = new Float32Array(D * CHUNK_ROWS);
  for (let n0 = 0; n0 < N; n0 += CHUNK_ROWS) {
    const R = Math.min(CHUNK_ROWS, N - n0);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < D; i++) {
        const v = data[(n0 + r) * D + i] - (mean === null ? 0 : mean[i]);
        X[r * D + i] = v;
        Xt[i * R + r] = v;
      }
    }
    const part = gemm(Xt.subarray(0, D * R), X.subarray(0, R * D), D, R, D);
    for (let i = 0; i < S.length; i++) S[i] += part[i];
  }
  return S;
}

/**
 * The unit eigenvectors of the d largest eigenvalues of the symmetric (D, D) S, as the columns
 * of a (D, d) f32 row-major matrix, largest first.
 */
export function topEigenvectors(S: Float64Array, D: number, d: number): Float32Array {
  const { vectors } = symmetricEigen(S, D);
  const V = new Float32Array(D * d);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < d; k++) V[i * d + k] = vectors[i * D + k];
  }
  return V;
}
