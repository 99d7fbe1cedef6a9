/**
 * The one matrix type of the library. Every matrix is a compact row-major Float32Array of
 * rows × cols: element (i, j) is `data[i * cols + j]`. Buffers with another layout say so where
 * they are declared.
 * @module
 */
import {
  InvalidArgumentError, NonFiniteError, OutOfMemoryError, ShapeMismatchError,
} from './errors.js';

/** A dense row-major float32 matrix: `data.length === rows * cols`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** (rows, cols) float32, row-major. */
  readonly data: Float32Array;
}

/**
 * Wraps or allocates a matrix.
 * @param rows number of rows, an integer ≥ 0
 * @param cols number of columns, an integer ≥ 0
 * @param data optional (rows, cols) row-major values; copied from a plain array, kept if typed
 * @throws InvalidArgumentError when a count is not a non-negative integer
 * @throws ShapeMismatchError when data has the wrong length
 * @example
 * const A = matrix(2, 3, [1, 2, 3, 4, 5, 6]); // A.data[1 * 3 + 2] === 6
 */
export function matrix(rows: number, cols: number,
  data?: Float32Array | ArrayLike<number>): Matrix {
  checkCount('rows', rows);
  checkCount('cols', cols);
  if (data === undefined) return { rows, cols, data: allocate(rows, cols) };
  if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
    throw new InvalidArgumentError('data', 'must be a Float32Array or an array of numbers',
      data === null ? null : typeof data);
  }
  if (data.length !== rows * cols) {
    throw new ShapeMismatchError('matrix data', `${rows}×${cols} = ${rows * cols} values`,
      `${data.length} values`);
  }
  let values: Float32Array;
  try {
    values = data instanceof Float32Array ? data : Float32Array.from(data);
  } catch {
    throw new InvalidArgumentError('data', 'must hold numbers', 'values of another type');
  }
  return { rows, cols, data: values };
}

/**
 * A zeroed matrix whose data lies on a SharedArrayBuffer, or a copy of `data` on one: the
 * input that worker threads read in place (see `MultiplyOptions.threads`). Filling it where
 * the rows are made (reading a file into it, writing activations into it) saves the copy a
 * threaded query otherwise makes of the rows it hands to other threads.
 * @param rows number of rows, an integer ≥ 0
 * @param cols number of columns, an integer ≥ 0
 * @param data optional (rows, cols) row-major values to copy in
 * @throws InvalidArgumentError when a count is not a non-negative integer
 * @throws ShapeMismatchError when data has the wrong length
 * @throws OutOfMemoryError when the buffer cannot be allocated
 * @example
 * const A = sharedMatrix(10000, 512); // A.data.buffer instanceof SharedArrayBuffer
 * fillRows(A.data);                   // however the rows are made
 * const Y = model.multiply(A, { threads: 2 });
 */
export function sharedMatrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  checkCount('rows', rows);
  checkCount('cols', cols);
  if (data !== undefined && (data === null || typeof data !== 'object' ||
    typeof data.length !== 'number')) {
    throw new InvalidArgumentError('data', 'must be a Float32Array or an array of numbers',
      data === null ? null : typeof data);
  }
  if (data !== undefined && data.length !== rows * cols) {
    throw new ShapeMismatchError('matrix data', `${rows}×${cols} = ${rows * cols} values`,
      `${data.length} values`);
  }
  let values: Float32Array;
  try {
    values = new Float32Array(new SharedArrayBuffer(4 * rows * cols));
  } catch {
    throw new OutOfMemoryError(`a shared ${rows}×${cols} matrix`, 4 * rows * cols);
  }
  if (data !== undefined) values.set(data);
  return { rows, cols, data: values };
}

/** Checks that `value` is a well-formed Matrix and returns it; used by public entry points. */
export function checkMatrix(argument: string, value: unknown): Matrix {
  const m = value as Matrix | null;
  if (m === null || typeof m !== 'object' || !(m.data instanceof Float32Array)) {
    throw new InvalidArgumentError(argument, 'must be a Matrix { rows, cols, data: Float32Array }',
      m === null ? null : typeof m);
  }
  checkCount(`${argument}.rows`, m.rows);
  checkCount(`${argument}.cols`, m.cols);
  if (m.data.length !== m.rows * m.cols) {
    throw new ShapeMismatchError(argument,
      `data of ${m.rows}×${m.cols} = ${m.rows * m.cols} values`,
      `${m.data.length} values`);
  }
  return m;
}

/** Throws NonFiniteError naming the first NaN or ±Infinity entry of `m`. */
export function checkFinite(argument: string, m: Matrix): void {
  const { data, cols } = m;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // v - v is NaN exactly when v is NaN or ±Infinity, and it is cheaper than Number.isFinite.
    if (v - v !== 0) throw new NonFiniteError(argument, Math.floor(i / cols), i % cols, v);
  }
}

/** The largest magnitude among the values (0 for none): the size an error message shows. */
export function largestMagnitude(values: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < values.length; i++) top = Math.max(top, Math.abs(values[i]));
  return top;
}

/** Returns the transpose as a new row-major matrix. */
export function transpose(m: Matrix): Matrix {
  checkMatrix('m', m);
  const out = new Float32Array(m.rows * m.cols);
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  }
  return { rows: cols, cols: rows, data: out };
}

/** Rows [start, end) as a view that shares memory with `m`. */
export function sliceRows(m: Matrix, start: number, end: number): Matrix {
  checkMatrix('m', m);
  checkCount('start', start);
  checkCount('end', end);
  const s = Math.max(0, Math.min(start, m.rows));
  const e = Math.max(s, Math.min(end, m.rows));
  return { rows: e - s, cols: m.cols, data: m.data.subarray(s * m.cols, e * m.cols) };
}

/** The rows listed in `index`, copied, in that order. */
export function takeRows(m: Matrix, index: ArrayLike<number>): Matrix {
  checkMatrix('m', m);
  const out = new Float32Array(index.length * m.cols);
  for (let i = 0; i < index.length; i++) {
    const r = index[i];
    if (!Number.isInteger(r) || r < 0 || r >= m.rows) {
      throw new InvalidArgumentError(`index[${i}]`, `must be a row number from 0 to ${m.rows - 1}`,
        r);
    }
    out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
  }
  return { rows: index.length, cols: m.cols, data: out };
}

/** A zeroed (rows, cols) buffer, or OutOfMemoryError when it cannot be allocated. */
function allocate(rows: number, cols: number): Float32Array {
  try {
    return new Float32Array(rows * cols);
  } catch {
    throw new OutOfMemoryError(`a ${rows}×${cols} matrix`, 4 * rows * cols);
  }
}

function checkCount(argument: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(argument, 'must be an integer ≥ 0', value);
  }
}
