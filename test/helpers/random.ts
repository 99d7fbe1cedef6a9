/** Seeded random inputs for tests. */
import type { Matrix } from '../../src/core/matrix.js';
import { Rng } from '../../src/core/rng.js';

/** (rows, cols) standard normal entries. */
export function gaussian(rows: number, cols: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows, cols, data };
}

/** (length) uniform bytes in [0, bound). */
export function bytes(length: number, bound: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.int(bound);
  return out;
}

/** Correlated rows: a low-rank signal plus noise, closer to real activations than iid noise. */
export function lowRank(rows: number, cols: number, rank: number, seed: number): Matrix {
  const U = gaussian(rows, rank, seed);
  const V = gaussian(rank, cols, seed + 1);
  const noise = gaussian(rows, cols, seed + 2);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let r = 0; r < rank; r++) s += U.data[i * rank + r] * V.data[r * cols + j];
      data[i * cols + j] = s + 0.3 * noise.data[i * cols + j];
    }
  }
  return { rows, cols, data };
}

/** (rows, cols) standard normal entries drawn from `rng`, row by row. */
export function normalRows(rng: Rng, rows: number, cols: number): Matrix {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows, cols, data };
}

/** z · w plus noise of standard deviation 0.1 drawn from `rng`: low-rank rows like activations. */
export function mixRows(rng: Rng, z: Matrix, w: Matrix): Matrix {
  const { rows } = z;
  const k = z.cols;
  const D = w.cols;
  const data = new Float32Array(rows * D);
  for (let n = 0; n < rows; n++) {
    for (let d = 0; d < D; d++) {
      let s = 0.1 * rng.normal();
      for (let j = 0; j < k; j++) s += z.data[n * k + j] * w.data[j * D + d];
      data[n * D + d] = s;
    }
  }
  return { rows, cols: D, data };
}
