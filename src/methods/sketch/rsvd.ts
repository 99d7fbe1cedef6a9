/**
 * Randomized SVD of A_train (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1): a range
 * finder with ℓ = min(d + p, N, D) Gaussian test vectors, p = 10, and q = 2 power iterations,
 * each product re-orthonormalized; then the exact SVD of the small ℓ×D matrix Qᵀ A. V is the
 * top-d right singular vectors. The rows are not centred: this is the SVD of A_train itself
 * (the centred variant is `pca`). Directions the range finder cannot find (d > rank) are zero
 * columns of V, which only shrink the sketch.
 * @module
 */
import { orthonormalizeColumns, symmetricEigen } from '../../core/eigen.js';
import { transpose, type Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { gemm } from '../../kernels/index.js';
import type { Params } from '../params.js';
import { denseSpec, type DenseFit, type DenseKind } from './dense.js';
import { D_PARAM, SEED_PARAM, sketchGrid } from './params.js';

/** Oversampling p and power iterations q. */
export const RSVD_OVERSAMPLING = 10;
export const RSVD_POWER_ITERATIONS = 2;

/** Orthonormal columns of the (rows, cols) f32 product, as f32 for the next GEMM. */
function orthonormal(Y: Float32Array, rows: number, cols: number): Float32Array {
  const Q = Float64Array.from(Y);
  orthonormalizeColumns(Q, rows, cols);
  return Float32Array.from(Q);
}

/** Top-d right singular vectors of A by the randomized range finder, (D, d) f32. */
export function randomizedRightVectors(A: Matrix, d: number, seed: number): Float32Array {
  const { rows: N, cols: D } = A;
  const l = Math.min(d + RSVD_OVERSAMPLING, N, D);
  const rng = new Rng(seed);
  const omega = new Float32Array(D * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  // At: (D, N) f32 row-major, for the products Aᵀ Q.
  const At = transpose(A).data;
  let Q = orthonormal(gemm(A.data, omega, N, D, l), N, l);
  for (let t = 0; t < RSVD_POWER_ITERATIONS; t++) {
    const Z = orthonormal(gemm(At, Q, D, N, l), D, l);
    Q = orthonormal(gemm(A.data, Z, N, D, l), N, l);
  }
  // Z = Aᵀ Q = (Qᵀ A)ᵀ: (D, l). The small matrix's SVD from its Gram Zᵀ Z = U Σ² Uᵀ:
  // the right singular vectors of Qᵀ A are Z u_k / σ_k.
  const Z = Float64Array.from(gemm(At, Q, D, N, l));
  const K = new Float64Array(l * l);
  for (let i = 0; i < D; i++) {
    for (let a = 0; a < l; a++) {
      const za = Z[i * l + a];
      for (let b = 0; b < l; b++) K[a * l + b] += za * Z[i * l + b];
    }
  }
  const { values, vectors } = symmetricEigen(K, l);
  const V = new Float64Array(D * d);
  // σ² below this is rounding of the float32 products, not a direction of A.
  const floor = 1e-10 * Math.max(values[0], 0);
  for (let k = 0; k < Math.min(d, l); k++) {
    if (!(values[k] > floor)) continue;
    const inv = 1 / Math.sqrt(values[k]);
    for (let i = 0; i < D; i++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += Z[i * l + a] * vectors[a * l + k];
      V[i * d + k] = s * inv;
    }
  }
  orthonormalizeColumns(V, D, d);
  return Float32Array.from(V);
}

function fitRsvd(A: Matrix, _B: Matrix | undefined, params: Params): DenseFit {
  const V = randomizedRightVectors(A, params.d as number, params.seed as number);
  return { V, W: null, mean: null, scale: 1 };
}

const rsvdKind: DenseKind = {
  name: 'rsvd', needsB: false, twoSided: false, centred: false, fit: fitRsvd,
};

export const rsvdSpec = denseSpec(rsvdKind,
  'randomized SVD of A_train (p = 10, q = 2): top-d right singular vectors', [D_PARAM, SEED_PARAM],
  sketchGrid);
