/**
 * Second moments and principal directions for the learned sketches, in float64.
 * @module
 */
import { symmetricEigen } from '../../core/eigen.js';
import type { Matrix } from '../../core/matrix.js';

/** (D) column means of A, float64. */
export function columnMeans(A: Matrix): Float64Array {
  const { rows: N, cols: D, data } = A;
  const mean = new Float64Array(D);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < D; i++) mean[i] += data[n * D + i];
  }
  for (let i = 0; i < D; i++) mean[i] /= N;
  return mean;
}

/**
 * (A − 1μᵀ)ᵀ(A − 1μᵀ): (D, D) f64 row-major, μ = 0 when `mean` is null. Products and
 * sums are float64: a float32 Gram has rounding eigenvalues near 1e-7 of the largest, which the
 * pseudo-inverses of Co-occurring Directions would take for directions of the data.
 */
export function gram(A: Matrix, mean: Float64Array | null): Float64Array {
  const { rows: N, cols: D, data } = A;
  const S = new Float64Array(D * D);
  const x = new Float64Array(D);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < D; i++) x[i] = data[n * D + i] - (mean === null ? 0 : mean[i]);
    // The upper triangle only; the lower one is mirrored at the end.
    for (let i = 0; i < D; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      for (let j = i, o = i * D; j < D; j++) S[o + j] += xi * x[j];
    }
  }
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < i; j++) S[i * D + j] = S[j * D + i];
  }
  return S;
}

/**
 * The unit eigenvectors of the d largest eigenvalues of the symmetric (D, D) S, as the columns
 * of a (D, d) f32 row-major matrix, largest first.
 */
export function topEigenvectors(S: Float64Array, D: number, d: number): Float32Array {
  const { vectors } = symmetricEigen(S, D);
  const V = new Float32Array(D * d);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < d; k++) V[i * d + k] = vectors[i * D + k];
  }
  return V;
}
