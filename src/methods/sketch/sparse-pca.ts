/**
 * Sparse PCA: d sparse components V (d, D) learned from the centred A_train X = A − 1μᵀ by
 *   min over U, V of ½‖X − U V‖²_F + λ‖V‖₁, every column of U (N, d) of unit norm,
 * alternating a least-squares step for U (then normalized) with coordinate descent on V (the
 * lasso in closed form per coordinate). Both steps need only the Gram S = XᵀX:
 * with T = (V Vᵀ)⁺, U = X Vᵀ T diag(n) gives UᵀU = diag(n) T V S Vᵀ T diag(n) and
 * UᵀX = diag(n) T V S, so a fit costs one N·D² Gram, then O(d·D²) per iteration.
 * λ = alpha · max_j ‖X e_j‖: with unit columns of U no coordinate can beat that threshold, so
 * alpha = 0 is a dense rank-d factorization (the principal subspace) and alpha ≥ 1 leaves V
 * all zero. The initial V is the top-d principal directions scaled by their singular values,
 * so the fit is deterministic (no seed).
 *
 * Queries: A B ≈ (A − μ) Vᵀ G V B + μ B with G = (V Vᵀ)⁺, the least-squares correction
 * (projection onto the span of the components): the sparse product costs one multiply per
 * nonzero of V, then the prepared (d, M) G V B; the mean term folds into the offset row.
 * @module
 */
import { symmetricEigen } from '../../core/eigen.js';
import { times64, transpose64 } from '../../core/linalg.js';
import type { Matrix } from '../../core/matrix.js';
import { gemm, sparseRows } from '../../kernels/index.js';
import type { MethodSpec, MethodState, StateArray } from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';
import { columnMeans, gram } from './gram.js';
import { D_PARAM, checkSketchSize, restoredParams, sketchGrid } from './params.js';
import { SketchMethod, centredOffset, type Prepared } from './sketch-method.js';
import { csrArrays, csrFromRows, csrFromState, csrTimes, type Csr } from './sparse.js';

const PARAMS: readonly ParamSpec[] = [
  D_PARAM,
  { name: 'alpha', kind: 'number', doc: 'L1 penalty as a fraction of the largest column norm of ' +
    'the centred A_train (0 dense, 1 all zero)', default: 0.1, min: 0, max: 1 },
];

/** Alternations of the U and V steps, and coordinate-descent sweeps of V per alternation. */
export const SPARSE_PCA_ITERATIONS = 30;
const SWEEPS = 2;

/** Eigenvalues below this fraction of the largest are treated as zero by pseudo-inverses. */
const RANK_FLOOR = 1e-10;

/** The Moore–Penrose pseudo-inverse of the symmetric positive semi-definite (n, n) K. */
export function pseudoInverse(K: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(K, n);
  const floor = RANK_FLOOR * Math.max(0, values[0]);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    if (!(values[k] > floor)) continue;
    const inv = 1 / values[k];
    for (let a = 0; a < n; a++) {
      const va = vectors[a * n + k] * inv;
      if (va === 0) continue;
      for (let b = 0; b < n; b++) out[a * n + b] += va * vectors[b * n + k];
    }
  }
  return out;
}

/**
 * The sparse components of the (D, D) Gram S of centred rows: (d, D) f64 row-major.
 * @param alpha the L1 penalty relative to max_j √S_jj
 */
export function sparseComponents(S: Float64Array, D: number, d: number,
  alpha: number): Float64Array {
  let top = 0;
  for (let j = 0; j < D; j++) top = Math.max(top, S[j * D + j]);
  const lambda = alpha * Math.sqrt(top);
  const { values, vectors } = symmetricEigen(S, D);
  const V = new Float64Array(d * D);
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(0, values[k]));
    for (let j = 0; j < D; j++) V[k * D + j] = s * vectors[j * D + k];
  }
  for (let t = 0; t < SPARSE_PCA_ITERATIONS; t++) {
    // U step: T = (V Vᵀ)⁺, K0 = T V S Vᵀ T = U0ᵀU0, n_k = 1 / ‖u0_k‖.
    const T = pseudoInverse(times64(V, transpose64(V, d, D), d, D, d), d);
    const TVS = times64(T, times64(V, S, d, D, D), d, d, D);
    const K0 = times64(TVS, times64(transpose64(V, d, D), T, D, d, d), d, D, d);
    const n = new Float64Array(d);
    for (let k = 0; k < d; k++) n[k] = K0[k * d + k] > 0 ? 1 / Math.sqrt(K0[k * d + k]) : 0;
    // V step on K = UᵀU (unit diagonal where u_k ≠ 0) and C = UᵀX.
    for (let sweep = 0; sweep < SWEEPS; sweep++) {
      for (let j = 0; j < D; j++) {
        for (let k = 0; k < d; k++) {
          const kk = n[k] * n[k] * K0[k * d + k];
          if (!(kk > 0)) {
            V[k * D + j] = 0;
            continue;
          }
          let r = n[k] * TVS[k * D + j];
          for (let l = 0; l < d; l++) {
            if (l !== k) r -= n[k] * n[l] * K0[k * d + l] * V[l * D + j];
          }
          const shrunk = Math.abs(r) > lambda ? r - Math.sign(r) * lambda : 0;
          V[k * D + j] = shrunk / kk;
        }
      }
    }
  }
  return V;
}

/** What sparse PCA keeps. */
interface SparseFit {
  /** (d, D) sparse: the components. */
  readonly V: Csr;
  /** (D) f32: the training mean μ. */
  readonly mean: Float32Array;
  /** (d, d) f32 row-major: G = (V Vᵀ)⁺. */
  readonly G: Float32Array;
}

/** Sparse PCA through the common interface. */
export class SparsePcaMethod extends SketchMethod {
  readonly name = 'sparse-pca';
  private fitted: SparseFit | null = null;

  constructor(params: Params) {
    super(params);
  }

  /** The learned components (tests count nonzeros). */
  get components(): Csr | null {
    return this.fitted?.V ?? null;
  }

  protected get hasOffset(): boolean {
    return true;
  }

  protected fitRows(A: Matrix): void {
    const d = this.sketchSize;
    const D = A.cols;
    checkSketchSize(d, D);
    const mean = columnMeans(A);
    const V = sparseComponents(gram(A, mean), D, d, this.params.alpha as number);
    const rows: { index: number[]; values: number[] }[] = [];
    const dense = new Float64Array(d * D);
    for (let k = 0; k < d; k++) {
      const row = { index: [] as number[], values: [] as number[] };
      for (let j = 0; j < D; j++) {
        const v = Math.fround(V[k * D + j]);
        if (v === 0) continue;
        row.index.push(j);
        row.values.push(v);
        dense[k * D + j] = v;
      }
      rows.push(row);
    }
    // G from the float32 components the queries use.
    const G = pseudoInverse(times64(dense, transpose64(dense, d, D), d, D, d), d);
    this.fitted = { V: csrFromRows(rows, D), mean: Float32Array.from(mean),
      G: Float32Array.from(G) };
  }

  protected sketchRows(A: Matrix): Float32Array {
    return sparseRows(A, (this.fitted as SparseFit).V).out;
  }

  protected override sketchQuery(A: Matrix): { Z: Float32Array; nonFinite: Uint8Array } {
    const { out, nonFinite } = sparseRows(A, (this.fitted as SparseFit).V);
    return { Z: out, nonFinite };
  }

  protected sketchB(B: Matrix): Prepared {
    const { V, mean, G } = this.fitted as SparseFit;
    const d = this.sketchSize;
    const P = gemm(G, this.sketchColumns(B), d, d, B.cols);
    const c = new Float32Array(d);
    csrTimes(V, mean, 0, c, 0);
    return { P, offset: centredOffset(mean, Float64Array.from(c), B, P) };
  }

  protected sketchMultiplies(): number {
    return (this.fitted as SparseFit).V.indptr[this.sketchSize];
  }

  /** V as `VIndptr` (d + 1) i32, `VIndex` (nnz) i32, `VValues` (nnz) f32; `mean` (D) f32;
   * `G` (d, d) f32. */
  protected transformArrays(): Record<string, StateArray> {
    const { V, mean, G } = this.fitted as SparseFit;
    return { ...csrArrays('V', V), mean, G };
  }

  /** @internal */
  static fromState(state: MethodState, source: string): SparsePcaMethod {
    const params = restoredParams('sparse-pca', PARAMS, state, source);
    const method = new SparsePcaMethod(params);
    const d = params.d as number;
    method.fitted = {
      V: csrFromState(state, 'V', d, state.D, source),
      mean: checkStateArray(state, 'mean', Float32Array, state.D, source),
      G: checkStateArray(state, 'G', Float32Array, d * d, source),
    };
    return method.restoreFrom(state, source);
  }
}

export const sparsePcaSpec: MethodSpec = {
  name: 'sparse-pca',
  summary: 'sparse PCA (L1, coordinate descent) of the centred A_train, least-squares correction',
  params: PARAMS,
  randomized: false,
  budget: 'd',
  grid: sketchGrid,
  create: (params) => new SparsePcaMethod(resolveParams('sparse-pca', PARAMS, params)),
  restore: (state, source) => SparsePcaMethod.fromState(state, source),
};
