/**
 * The common contract for non-finite query rows: a row of A holding NaN or ±Infinity gives a
 * row of NaN outputs, whatever the method (some methods would otherwise give finite garbage,
 * for example a nearest-centroid code chosen by a NaN distance).
 * @module
 */
import type { Matrix } from '../core/matrix.js';

/** Whether row n of the (N, D) f32 row-major `data` holds only finite values. */
export function rowFinite(data: Float32Array, n: number, D: number): boolean {
  let bad = 0;
  // x - x is 0 for finite x and NaN otherwise; the sum stays NaN once it is NaN.
  for (let j = n * D, end = j + D; j < end; j++) bad += data[j] - data[j];
  return bad === 0;
}

/** Sets to NaN every row of Y whose row of A is not all finite; returns Y. */
export function markRowsNonFinite(A: Matrix, Y: Matrix): Matrix {
  const M = Y.cols;
  for (let i = 0; i < A.rows; i++) {
    if (!rowFinite(A.data, i, A.cols)) Y.data.fill(NaN, i * M, (i + 1) * M);
  }
  return Y;
}

/**
 * The same contract at the cost of reading Y instead of A, for products in which a
 * non-finite row of A always makes every output of its row non-finite (NaN·b is NaN for every
 * b, ±Infinity·b is ±Infinity or NaN, and a sum with a non-finite term stays non-finite), as
 * in a dense product A·B or A·V·Q. Only the rows whose first output is not finite are read
 * in A, to tell a non-finite input from a finite one whose product overflowed.
 */
export function markRowsNonFiniteByOutput(A: Matrix, Y: Matrix): Matrix {
  const M = Y.cols;
  if (M === 0) return Y;
  for (let i = 0; i < Y.rows; i++) {
    const y = Y.data[i * M];
    if (y - y !== 0 && !rowFinite(A.data, i, A.cols)) Y.data.fill(NaN, i * M, (i + 1) * M);
  }
  return Y;
}
