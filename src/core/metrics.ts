/**
 * Error measures of an approximate product against its exact value.
 * @module
 */
import { ShapeMismatchError } from './errors.js';
import { checkMatrix, type Matrix } from './matrix.js';

/**
 * Normalized mean squared error: mean((Y − Ŷ)²) / var(Y), the variance over all entries of the
 * exact result Y, accumulated in float64.
 */
export function nmse(exact: Matrix | Float64Array, approx: Matrix): number {
  const y = exact instanceof Float64Array ? exact : checkMatrix('exact', exact).data;
  checkMatrix('approx', approx);
  if (y.length !== approx.data.length) {
    throw new ShapeMismatchError('nmse', `${y.length} values`, `${approx.data.length} values`);
  }
  const n = y.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let variance = 0;
  let se = 0;
  for (let i = 0; i < n; i++) {
    variance += (y[i] - mean) ** 2;
    se += (y[i] - approx.data[i]) ** 2;
  }
  return variance > 0 ? se / variance : se === 0 ? 0 : Infinity;
}

/** A·B in float64 (the reference of tests and error figures): (N, M) row-major. */
export function matmulF64(A: Matrix, B: Matrix): Float64Array {
  checkMatrix('A', A);
  checkMatrix('B', B);
  if (A.cols !== B.rows) {
    throw new ShapeMismatchError('matmulF64', `B with ${A.cols} rows`, `${B.rows}×${B.cols}`);
  }
  const { rows: N, cols: D } = A;
  const M = B.cols;
  const out = new Float64Array(N * M);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < D; k++) {
      const a = A.data[i * D + k];
      if (a === 0) continue;
      const bRow = k * M;
      const o = i * M;
      for (let j = 0; j < M; j++) out[o + j] += a * B.data[bRow + j];
    }
  }
  return out;
}

/** Median of at least one value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
