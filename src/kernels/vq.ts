/**
 * Kernel entry points of the vector-quantization methods (PQ, OPQ, Bolt): nearest-centroid
 * encoding of row-major A and the float-table scan, each on the WebAssembly kernels or on their
 * scalar twins (the backend of ./index.js). Callers validate; these functions trust inputs.
 * @module
 */
import type { Matrix } from '../core/matrix.js';
import { CHUNK_BYTES, getBackend, type Backend } from './index.js';
import { scanFloatF32 } from './scalar/float-scan.js';
import { nearestU8 } from './scalar/nearest.js';
import { Arena, kernels } from './wasm/loader.js';

/** C codebooks of K centroids over contiguous blocks of D dims, as nearest_u8 reads them. */
export interface NearestTables {
  readonly D: number;
  readonly C: number;
  /** A multiple of 16, at most 256. */
  readonly K: number;
  /** (C + 1) i32: codebook c covers dims [starts[c], starts[c + 1]). */
  readonly starts: Int32Array;
  /**
   * (K · D) f32: codebook c from offset K · starts[c], (K / 16, Dc, 16): for each group of 16
   * centroids and each dim of the block, the 16 values contiguous.
   */
  readonly ct: Float32Array;
  /** (C, K) f64: ‖c_k‖² / 2, ‖c_k‖² summed in float64 over the block's dims in order. */
  readonly halves: Float64Array;
}

/**
 * The tables of centroids (K · D) f32, codebook c's (K, Dc) row-major from offset K · starts[c]
 * (the layout of BlockCodebooks.centroids).
 */
export function nearestTables(centroids: Float32Array, starts: Int32Array, K: number):
  NearestTables {
  const C = starts.length - 1;
  const D = starts[C];
  const ct = new Float32Array(K * D);
  const halves = new Float64Array(C * K);
  for (let c = 0; c < C; c++) {
    const s = starts[c];
    const Dc = starts[c + 1] - s;
    for (let k = 0; k < K; k++) {
      const src = K * s + k * Dc;
      const dst = K * s + (k >> 4) * Dc * 16 + (k & 15);
      let norm = 0;
      for (let j = 0; j < Dc; j++) {
        const v = centroids[src + j];
        ct[dst + j * 16] = v;
        norm += v * v;
      }
      halves[c * K + k] = norm / 2;
    }
  }
  return { D, C, K, starts, ct, halves };
}

/** Codes of rows of A and which rows were not finite. */
export interface NearestCodes {
  /** (N, C) u8 row-major: the nearest centroid per codebook, lowest k on ties. */
  readonly codes: Uint8Array;
  /** (N) u8: 1 for a row of A with a NaN or ±Infinity anywhere in it. */
  readonly flags: Uint8Array;
}

/** Encodes every row of A (N, t.D) by nearest centroid in each codebook. */
export function nearestCodes(A: Matrix, t: NearestTables, backend: Backend = getBackend()):
  NearestCodes {
  const { rows: N, cols: D, data } = A;
  const { C, K } = t;
  const codes = new Uint8Array(N * C);
  const flags = new Uint8Array(N);
  if (N === 0) return { codes, flags };
  if (backend === 'scalar') {
    nearestU8(data, N, D, C, t.starts, K, t.ct, t.halves, codes, flags);
    return { codes, flags };
  }
  const k = kernels();
  const arena = new Arena(k);
  // Rows go in cache-sized chunks, each encoded while still in cache (as for gemm).
  const chunkRows = Math.min(N, Math.max(1, Math.floor(CHUNK_BYTES / (4 * D))));
  const pStarts = arena.alloc(4 * (C + 1));
  const pCt = arena.alloc(4 * K * D);
  const pHalves = arena.alloc(8 * C * K);
  const pA = arena.alloc(4 * chunkRows * D);
  const pCodes = arena.alloc(N * C);
  const pFlags = arena.alloc(N);
  arena.i32(pStarts, C + 1).set(t.starts);
  arena.f32(pCt, K * D).set(t.ct);
  arena.f64(pHalves, C * K).set(t.halves);
  const chunk = arena.f32(pA, chunkRows * D);
  for (let r0 = 0; r0 < N; r0 += chunkRows) {
    const rows = Math.min(N, r0 + chunkRows) - r0;
    chunk.set(data.subarray(r0 * D, (r0 + rows) * D));
    k.nearest_u8(pA, rows, D, C, pStarts, K, pCt, pHalves, pCodes + r0 * C, pFlags + r0);
  }
  codes.set(arena.u8(pCodes, N * C));
  flags.set(arena.u8(pFlags, N));
  return { codes, flags };
}

/**
 * Y (N, M) f32 row-major: Y[n, m] = Σ_c T[c][codes[n, c]][m], summed in float32 in codebook
 * order from 0, the same bits on either backend.
 * @param codes (N, C) u8 row-major, each below K
 * @param T (C, K, M) f32: T[c][k][m] at (c * K + k) * M + m
 */
export function scanFloat(codes: Uint8Array, N: number, C: number, K: number, T: Float32Array,
  M: number, backend: Backend = getBackend()): Float32Array {
  if (N === 0 || M === 0) return new Float32Array(N * M);
  if (backend === 'scalar') {
    const out = new Float32Array(N * M);
    scanFloatF32(codes, N, C, K, T, M, out);
    return out;
  }
  const k = kernels();
  const arena = new Arena(k);
  // Table rows padded to whole vectors: (C, K, Mp) with zero columns past M.
  const Mp = Math.ceil(M / 4) * 4;
  const pT = arena.alloc(4 * C * K * Mp);
  const pCodes = arena.alloc(N * C);
  const pOut = arena.alloc(4 * N * M);
  const padded = arena.f32(pT, C * K * Mp);
  if (Mp === M) padded.set(T);
  else {
    padded.fill(0);
    for (let r = 0; r < C * K; r++) padded.set(T.subarray(r * M, (r + 1) * M), r * Mp);
  }
  arena.u8(pCodes, N * C).set(codes);
  k.scanFloat_f32(pCodes, N, C, K, pT, M, Mp, pOut);
  return arena.f32(pOut, N * M).slice();
}
