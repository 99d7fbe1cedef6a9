/** Synthetic data with the structure vector quantization exploits, and state helpers. */
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import type { MethodState, StateArray } from '../../src/methods/method.js';
import { Rng } from '../../src/core/rng.js';

/**
 * (rows, cols) points around `clusters` Gaussian centres of spread 3, with noise of standard
 * deviation `noise`: what k-means should find.
 */
export function clustered(rows: number, cols: number, clusters: number, noise: number,
  seed: number): Matrix {
  const rng = new Rng(seed);
  const centres = Float64Array.from({ length: clusters * cols }, () => 3 * rng.normal());
  const data = new Float32Array(rows * cols);
  for (let n = 0; n < rows; n++) {
    const k = rng.int(clusters);
    for (let j = 0; j < cols; j++) {
      data[n * cols + j] = centres[k * cols + j] + noise * rng.normal();
    }
  }
  return { rows, cols, data };
}

/** The state with one array replaced (or removed when `value` is undefined). */
export function withArray(state: MethodState, name: string, value: StateArray | undefined):
  MethodState {
  const arrays: Record<string, StateArray> = { ...state.arrays };
  if (value === undefined) delete arrays[name];
  else arrays[name] = value;
  return { ...state, arrays };
}

/** Whether two float arrays are equal bit for bit (NaN equal to NaN). */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The first `nTrain` rows and the rest, as a training and a test set of one distribution. */
export function split(A: Matrix, nTrain: number): [Matrix, Matrix] {
  return [sliceRows(A, 0, nTrain), sliceRows(A, nTrain, A.rows)];
}
