/**
 * The non-finite contract of src/methods/nonfinite.ts from the encoder's flags: the encoder
 * kernel already reads every value of every row of A, so it flags the rows holding a NaN or
 * ±Infinity as it goes, sparing a second pass over A (about as long as Bolt's whole scan).
 * @module
 */
import type { Matrix } from '../../core/matrix.js';

/** Sets to NaN every row n of Y with flags[n] ≠ 0; returns Y. flags (N) u8. */
export function markFlaggedRows(Y: Matrix, flags: Uint8Array): Matrix {
  const M = Y.cols;
  for (let n = 0; n < Y.rows; n++) if (flags[n] !== 0) Y.data.fill(NaN, n * M, (n + 1) * M);
  return Y;
}
