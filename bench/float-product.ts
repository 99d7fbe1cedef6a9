/**
 * A model's product with float64 tables and exact sums, from its codes: what a float
 * simulation of the method computes, with none of the 8-bit table quantization or averaging.
 * The benchmarks use it to tell the method's error from the quantization's.
 */
import type { Matrix } from '../src/core/matrix.js';
import type { MaddnessModel } from '../src/methods/maddness/model.js';

/** Σ_c P[c, code(c)] · B in float64, for the rows of A: (N, M) f32 row-major. */
export function floatProduct(model: MaddnessModel, A: Matrix, B: Matrix): Matrix {
  const { C, D, prototypes: P } = model.snapshot();
  const codes = model.encode(A);
  const M = B.cols;
  // T (C · 16, M) f64: each prototype's product with B.
  const T = new Float64Array(C * 16 * M);
  for (let u = 0; u < C * 16; u++) {
    for (let j = 0; j < D; j++) {
      const p = P[u * D + j];
      if (p === 0) continue;
      for (let m = 0; m < M; m++) T[u * M + m] += p * B.data[j * M + m];
    }
  }
  const out = new Float32Array(A.rows * M);
  const row = new Float64Array(M);
  for (let i = 0; i < A.rows; i++) {
    row.fill(0);
    for (let c = 0; c < C; c++) {
      const u = c * 16 + codes[i * C + c];
      for (let m = 0; m < M; m++) row[m] += T[u * M + m];
    }
    out.set(row, i * M);
  }
  return { rows: A.rows, cols: M, data: out };
}
