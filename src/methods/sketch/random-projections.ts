/**
 * Random projections, Y ≈ (A V)(κ VᵀB) with V (D, d) drawn from the seed, independent of the
 * data. Every V here has unit-norm columns, and κ = D/d makes the estimate unbiased,
 * E[κ V Vᵀ] = I, for all four draws:
 * - Gaussian with unit columns: each column is uniform on the sphere, E[v vᵀ] = I/D;
 * - orthogonalized Gaussian: V Vᵀ projects onto a uniform random d-plane, E = (d/D) I;
 * - Rademacher, entries ±1/√D: E[v vᵀ] = I/D (equivalently, entries ±1/√d with κ = 1);
 * - Hadamard: d distinct random columns of H of order D' = 2^ceil(log2 D), first D rows, times
 *   1/√D; distinct rows of H are orthogonal, so E[V Vᵀ] = (d/D) I even when D' > D.
 * @module
 */
import { orthonormalizeColumns } from '../../core/eigen.js';
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import type { Params } from '../params.js';
import { denseSpec, type DenseFit, type DenseKind } from './dense.js';
import { hadamardEntry, nextPowerOfTwo } from './hadamard.js';
import { D_PARAM, SEED_PARAM, sketchGrid } from './params.js';

const PARAMS = [D_PARAM, SEED_PARAM];

/** A data-independent kind: V drawn from (D, d, seed); κ = D/d. */
function randomKind(name: string, draw: (rng: Rng, D: number, d: number) => Float32Array):
  DenseKind {
  return {
    name, needsB: false, twoSided: false, centred: false,
    fit: (A: Matrix, _B: Matrix | undefined, params: Params): DenseFit => {
      const d = params.d as number;
      const V = draw(new Rng(params.seed as number), A.cols, d);
      return { V, W: null, mean: null, scale: A.cols / d };
    },
  };
}

/** (D, d) standard normal draws, row-major, in float64. */
function gaussianColumns(rng: Rng, D: number, d: number): Float64Array {
  const G = new Float64Array(D * d);
  for (let i = 0; i < G.length; i++) G[i] = rng.normal();
  return G;
}

/** Scales every column of the (D, d) row-major G to unit norm, as float32. */
function unitColumns(G: Float64Array, D: number, d: number): Float32Array {
  const norms = new Float64Array(d);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < d; k++) norms[k] += G[i * d + k] ** 2;
  }
  // A Gaussian column is zero with probability 0; the guard keeps such a column zero.
  for (let k = 0; k < d; k++) norms[k] = norms[k] > 0 ? 1 / Math.sqrt(norms[k]) : 0;
  const V = new Float32Array(D * d);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < d; k++) V[i * d + k] = G[i * d + k] * norms[k];
  }
  return V;
}

const gaussKind = randomKind('rp-gauss', (rng, D, d) => unitColumns(gaussianColumns(rng, D, d),
  D, d));

const orthoKind = randomKind('rp-ortho', (rng, D, d) => {
  const G = gaussianColumns(rng, D, d);
  // d ≤ D Gaussian columns are independent with probability 1, so the rank is d; a dependent
  // column would come back zero and only shrink the sketch.
  orthonormalizeColumns(G, D, d);
  return Float32Array.from(G);
});

const rademacherKind = randomKind('rp-rademacher', (rng, D, d) => {
  const a = 1 / Math.sqrt(D);
  const V = new Float32Array(D * d);
  for (let i = 0; i < V.length; i++) V[i] = (rng.nextU32() & 1) === 0 ? a : -a;
  return V;
});

const hadamardKind = randomKind('rp-hadamard', (rng, D, d) => {
  const columns = rng.permutation(nextPowerOfTwo(D)).subarray(0, d);
  const a = 1 / Math.sqrt(D);
  const V = new Float32Array(D * d);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < d; k++) V[i * d + k] = a * hadamardEntry(i, columns[k]);
  }
  return V;
});

export const rpGaussSpec = denseSpec(gaussKind,
  'random projection, Gaussian V with unit columns, scaled D/d to be unbiased', PARAMS,
  sketchGrid);
export const rpOrthoSpec = denseSpec(orthoKind,
  'random projection, orthogonalized Gaussian V (orthonormal columns), scaled D/d to be unbiased',
  PARAMS, sketchGrid);
export const rpRademacherSpec = denseSpec(rademacherKind,
  'random projection, Rademacher V (±1/√D), scaled D/d to be unbiased', PARAMS, sketchGrid);
export const rpHadamardSpec = denseSpec(hadamardKind,
  'random projection, d random columns of a Hadamard matrix, scaled D/d to be unbiased',
  PARAMS, sketchGrid);
