/** Seeded row samples and scoring helpers the tasks share. */
import { takeRows, type Matrix } from '../../src/core/matrix.js';
import { nmse } from '../../src/core/metrics.js';
import { Rng } from '../../src/core/rng.js';

/** At most n rows of A drawn without replacement (seeded), kept in their original order. */
export function sampleRows(A: Matrix, n: number, seed: number): Matrix {
  if (n >= A.rows) return A;
  const pick = new Rng(seed).permutation(A.rows).subarray(0, n);
  return takeRows(A, Uint32Array.from(pick).sort());
}

/** NMSE, with 1 − NMSE beside it (the filter task's metric). */
export function errorMetrics(exact: Float64Array, Y: Matrix): Record<string, number> {
  const e = nmse(exact, Y);
  return { nmse: e, oneMinusNmse: 1 - e };
}
