/**
 * From float trees to the int8 encoder the kernels run (ALGORITHM.md section 2.3), and the
 * codes of rows under it.
 * @module
 */
import type { Matrix } from '../../core/matrix.js';
import {
  encodeRows, paddedCodebooks, type EncoderTables,
} from '../../kernels/index.js';
import { LEVELS, type HashTree } from './hash-tree.js';

/** The training range of a column of A, by column index. */
export type RangeOf = (dim: number) => { lo: number; hi: number };

/** Quantized threshold of a bucket that does not split: every int8 value is ≥ it. */
export const ALWAYS_RIGHT = -128;

/**
 * Quantizes each level's thresholds with one offset and one power-of-two scale per
 * (codebook, level), chosen from the split column's range over the training rows so that the
 * range maps into [-127, 127]. A threshold t becomes ceil((t - off) * scale): the int8 rule
 * x_q ≥ t_q then sends a training value right exactly when its grid cell is at or above t's.
 * `rangeOf` gives each dim's range: the training rows' (columnRanges, computed once for many
 * trees) or, without training rows, an assumed one.
 */
export function quantizeEncoder(trees: readonly HashTree[], rangeOf: RangeOf): EncoderTables {
  const C = trees.length;
  const dims = new Int32Array(C * LEVELS);
  const offsets = new Float32Array(C * LEVELS);
  const scales = new Float32Array(C * LEVELS);
  const thresholds = new Int8Array(C * LEVELS * 16).fill(ALWAYS_RIGHT);
  for (let c = 0; c < C; c++) {
    for (let t = 0; t < LEVELS; t++) {
      const q = c * LEVELS + t;
      const dim = trees[c].dims[t];
      dims[q] = dim;
      const { lo, hi } = rangeOf(dim);
      const scale = hi > lo ? 2 ** Math.floor(Math.log2(254 / (hi - lo))) : 1;
      // Power-of-two scales past float32's exponent range cannot occur for finite float32
      // data (hi - lo ≥ 2^-149), but clamp so the stored value is always finite and normal.
      scales[q] = Math.min(Math.max(scale, 2 ** -126), 2 ** 127);
      offsets[q] = Math.fround(lo + (hi - lo) / 2);
      for (let b = 0; b < 1 << t; b++) {
        const thr = trees[c].thresholds[t * 16 + b];
        if (thr === -Infinity) continue;
        const g = Math.ceil(Math.fround(Math.fround(thr - offsets[q]) * scales[q]));
        thresholds[q * 16 + b] = Math.min(127, Math.max(-127, g));
      }
    }
  }
  return { C, Cs: paddedCodebooks(C), dims, offsets, scales, thresholds };
}

/** Codes (N, C) u8 row-major of the rows of A under the encoder, through the kernels. */
export function encodeToCodes(A: Matrix, enc: EncoderTables): Uint8Array {
  return unpackCodes(encodeRows(A, enc).codes, A.rows, enc.C, enc.Cs);
}

/** Packed (Npad / 16, Cs / 2, 16) codes to (N, C) u8 row-major. */
export function unpackCodes(packed: Uint8Array, N: number, C: number, Cs: number): Uint8Array {
  const codes = new Uint8Array(N * C);
  const pairs = Cs >> 1;
  for (let n = 0; n < N; n++) {
    const base = (n >> 4) * pairs * 16 + (n & 15);
    for (let c = 0; c < C; c++) {
      const byte = packed[base + (c >> 1) * 16];
      codes[n * C + c] = c & 1 ? byte >> 4 : byte & 15;
    }
  }
  return codes;
}

/**
 * The ranges of all columns of A in one pass over its rows, for a fit that quantizes many
 * trees (refinement): reading one column at a time strides over every row each time.
 * Each column's min and max are taken in row order.
 */
export function columnRanges(A: Matrix): RangeOf {
  const { rows, cols, data } = A;
  // (cols) f64 each: running min and max per column.
  const lo = new Float64Array(cols).fill(Infinity);
  const hi = new Float64Array(cols).fill(-Infinity);
  for (let n = 0; n < rows; n++) {
    const row = n * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[row + j];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  return (dim) => (rows === 0 ? { lo: 0, hi: 0 } : { lo: lo[dim], hi: hi[dim] });
}
