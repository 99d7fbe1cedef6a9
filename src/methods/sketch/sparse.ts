/**
 * Sparse matrices in compressed sparse row form, for the sketches whose transform is sparse
 * (FastJL's projection, SparsePCA's components): a query costs one multiply per nonzero.
 * @module
 */
import { BadModelFileError } from '../../core/errors.js';
import type { MethodState, StateArray } from '../method.js';
import { checkIndexRange, checkStateArray } from '../state-check.js';

/** A (rows, cols) sparse matrix. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  /** (rows + 1) i32: the nonzeros of row k are entries indptr[k] .. indptr[k + 1) − 1. */
  readonly indptr: Int32Array;
  /** (nnz) i32: the column of each nonzero. */
  readonly index: Int32Array;
  /** (nnz) f32: the value of each nonzero. */
  readonly values: Float32Array;
}

/** Builds a Csr from per-row lists of (column, value), in any column order. */
export function csrFromRows(rows: readonly { index: number[]; values: number[] }[],
  cols: number): Csr {
  const indptr = new Int32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) indptr[k + 1] = indptr[k] + rows[k].index.length;
  const index = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  for (let k = 0; k < rows.length; k++) {
    index.set(rows[k].index, indptr[k]);
    values.set(rows[k].values, indptr[k]);
  }
  return { rows: rows.length, cols, indptr, index, values };
}

/**
 * out[outStart + k] = Σ_e values[e] · x[xStart + index[e]] over the nonzeros e of row k, for
 * every row k: the product S x of one vector, accumulated in float64.
 */
export function csrTimes(S: Csr, x: Float32Array, xStart: number, out: Float32Array,
  outStart: number): void {
  const { indptr, index, values } = S;
  for (let k = 0; k < S.rows; k++) {
    let s = 0;
    for (let e = indptr[k], end = indptr[k + 1]; e < end; e++) {
      s += values[e] * x[xStart + index[e]];
    }
    out[outStart + k] = s;
  }
}

/** The arrays of a Csr under a name prefix: `<p>Indptr`, `<p>Index`, `<p>Values`. */
export function csrArrays(prefix: string, S: Csr): Record<string, StateArray> {
  return { [`${prefix}Indptr`]: S.indptr, [`${prefix}Index`]: S.index,
    [`${prefix}Values`]: S.values };
}

/** A saved (rows, cols) Csr, checked: indptr starts at 0 and never decreases, columns valid. */
export function csrFromState(state: MethodState, prefix: string, rows: number, cols: number,
  source: string): Csr {
  const indptr = checkStateArray(state, `${prefix}Indptr`, Int32Array, rows + 1, source);
  for (let k = 0; k < rows; k++) {
    if (indptr[0] !== 0 || indptr[k + 1] < indptr[k]) {
      throw new BadModelFileError(source, `array ${prefix}Indptr is not a row pointer at ${k}`);
    }
  }
  const nnz = indptr[rows];
  const index = checkStateArray(state, `${prefix}Index`, Int32Array, nnz, source);
  checkIndexRange(index, 0, cols, `${prefix}Index`, source);
  const values = checkStateArray(state, `${prefix}Values`, Float32Array, nnz, source);
  return { rows, cols, indptr, index, values };
}
