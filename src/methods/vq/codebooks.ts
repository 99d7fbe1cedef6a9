/**
 * C k-means codebooks over contiguous blocks of the D columns (the block split of
 * ALGORITHM.md section 2.1, so D need not be a multiple of C): training, nearest-centroid
 * encoding, float tables against B, and reconstruction. PQ, OPQ and Bolt are built on it.
 * @module
 */
import { assert, InvalidArgumentError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { gemm } from '../../kernels/index.js';
import { nearestCodes, nearestTables, type NearestCodes, type NearestTables }
  from '../../kernels/vq.js';
import { blockStarts } from '../maddness/subspaces.js';
import { kmeans } from './kmeans.js';

/** Trained codebooks; immutable once built. */
export class BlockCodebooks {
  readonly D: number;
  readonly C: number;
  /** Centroids per codebook: a multiple of 16 (the encoder's groups), at most 256 (bytes). */
  readonly K: number;
  /** (C + 1) i32: codebook c covers columns [starts[c], starts[c + 1]). */
  readonly starts: Int32Array;
  /** (K · D) f32: codebook c's centroids, (K, Dc) row-major, from offset K · starts[c]. */
  readonly centroids: Float32Array;
  /** The centroids transposed per group of 16, and their norms, as the encoder reads them. */
  readonly #search: NearestTables;

  constructor(D: number, C: number, K: number, centroids: Float32Array) {
    assert(K % 16 === 0 && K > 0 && K <= 256, 'PQ, OPQ and Bolt use K = 256 or 16');
    this.D = D;
    this.C = C;
    this.K = K;
    this.starts = blockStarts(D, C);
    this.centroids = centroids;
    this.#search = nearestTables(centroids, this.starts, K);
  }

  /**
   * k-means per block on the rows of A, one generator for all codebooks in order.
   * @param warm codebooks of the same shapes whose centroids start the iterations
   * @throws InvalidArgumentError when C > D
   */
  static train(A: Matrix, C: number, K: number, seed: number, iterations: number,
    warm?: BlockCodebooks): BlockCodebooks {
    checkCodebooks(C, A.cols);
    const starts = blockStarts(A.cols, C);
    const centroids = new Float32Array(K * A.cols);
    const rng = new Rng(seed);
    for (let c = 0; c < C; c++) {
      const Dc = starts[c + 1] - starts[c];
      const X = columnBlock(A, starts[c], starts[c + 1], 0, A.rows);
      const initial = warm?.block(c);
      const result = kmeans(X, A.rows, Dc, { K, seed, iterations, initial }, rng);
      centroids.set(result.centroids, K * starts[c]);
    }
    return new BlockCodebooks(A.cols, C, K, centroids);
  }

  /** (K, Dc) f32 row-major: the centroids of codebook c (a view). */
  block(c: number): Float32Array {
    const { K, starts } = this;
    return this.centroids.subarray(K * starts[c], K * starts[c + 1]);
  }

  /** (N, C) u8 row-major: the nearest centroid of every row of A in every codebook. */
  encode(A: Matrix): Uint8Array {
    return this.encodeRows(A).codes;
  }

  /**
   * The codes of `encode` and (N) u8 flags of the rows of A holding a NaN or ±Infinity, from
   * one pass of the nearest-centroid kernel over row-major A (see src/kernels/vq.ts). The codes
   * are those of the GEMM-based search of ./nearest.js: the same float32 dot products and
   * float64 distances, lowest k on ties.
   */
  encodeRows(A: Matrix): NearestCodes {
    return nearestCodes(A, this.#search);
  }

  /**
   * (C, K, M) f32: T[c][k][m] = centroid k of codebook c · B[block c, m], one GEMM per
   * codebook on the contiguous rows of B that the block covers.
   * @throws InvalidArgumentError when a product leaves the float32 range
   */
  tables(B: Matrix): Float32Array {
    const { C, K, starts } = this;
    const M = B.cols;
    const T = new Float32Array(C * K * M);
    for (let c = 0; c < C; c++) {
      const Dc = starts[c + 1] - starts[c];
      const Bc = B.data.subarray(starts[c] * M, starts[c + 1] * M);
      T.set(gemm(this.block(c), Bc, K, Dc, M), c * K * M);
    }
    for (let i = 0; i < T.length; i++) {
      if (T[i] - T[i] !== 0) {
        throw new InvalidArgumentError('B', 'is too large: its products with the centroids ' +
          'leave the float32 range', T[i]);
      }
    }
    return T;
  }

  /** (N, D) f32: each row replaced by its centroids, codes (N, C) u8 row-major. */
  reconstruct(codes: Uint8Array, N: number): Matrix {
    const { C, D, starts } = this;
    const data = new Float32Array(N * D);
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        const Dc = starts[c + 1] - starts[c];
        const src = this.block(c).subarray(codes[n * C + c] * Dc, (codes[n * C + c] + 1) * Dc);
        data.set(src, n * D + starts[c]);
      }
    }
    return { rows: N, cols: D, data };
  }
}

/** @throws InvalidArgumentError when there are more codebooks than columns */
export function checkCodebooks(C: number, D: number): void {
  if (C > D) {
    throw new InvalidArgumentError('codebooks', `must be at most D = ${D} (one column or more ` +
      'per codebook)', C);
  }
}

/** (r1 − r0, e − s) f32 row-major: columns [s, e) of rows [r0, r1) of A, copied. */
export function columnBlock(A: Matrix, s: number, e: number, r0: number, r1: number):
  Float32Array {
  const w = e - s;
  const D = A.cols;
  const out = new Float32Array((r1 - r0) * w);
  const a = A.data;
  // A plain loop: blocks are a few dozen values wide, where a subarray per row costs more
  // than the copy.
  for (let n = r0, o = 0; n < r1; n++) {
    for (let j = n * D + s, end = n * D + e; j < end; j++) out[o++] = a[j];
  }
  return out;
}
