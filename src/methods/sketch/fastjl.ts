/**
 * FastJL (Ailon & Chazelle 2006): S = (1/√d) P H Σ, applied to each row zero-padded to
 * D' = 2^ceil(log2 D). Σ is a diagonal of random signs, H the Hadamard matrix of order D'
 * normalized by 1/√D' (orthogonal) and applied by the fast transform, P a (d, D') sparse
 * Gaussian: each entry is kept with probability q = min(1, max(1, (ln n)²) / D') and is then
 * N(0, 1/q). Here n, the number of points the embedding must preserve, is the number of
 * training rows; the floor of 1 keeps about one nonzero per row of P when n is tiny.
 * E[PᵀP] = d I, so E[SᵀS] = I: the product estimate (S a)·(S b) is unbiased. B's columns go
 * through the same S. Σ's sign flips and H cost no multiplies; P costs one per nonzero.
 * @module
 */
import { BadModelFileError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { fastJlRows } from '../../kernels/index.js';
import type { MethodSpec, MethodState, StateArray } from '../method.js';
import { resolveParams, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';
import { fwht, nextPowerOfTwo } from './hadamard.js';
import { D_PARAM, SEED_PARAM, checkSketchSize, restoredParams, sketchGrid } from './params.js';
import { SketchMethod, type Prepared } from './sketch-method.js';
import { csrArrays, csrFromRows, csrFromState, type Csr } from './sparse.js';

const PARAMS = [D_PARAM, SEED_PARAM];

/** The drawn transform. */
export interface FastJl {
  readonly D: number;
  /** (D) i8: the signs Σ, ±1. */
  readonly signs: Int8Array;
  /** (d, D') sparse: P with the factors 1/√d and 1/√D' folded into its values. */
  readonly P: Csr;
}

/** Keep probability of P's entries for n points in padded dimension D'. */
export function keepProbability(n: number, Dp: number): number {
  return Math.min(1, Math.max(1, Math.log(n) ** 2) / Dp);
}

/** Draws Σ and P for rows of D values, sketch size d, n training points. */
export function drawFastJl(rng: Rng, D: number, d: number, n: number): FastJl {
  const Dp = nextPowerOfTwo(D);
  const signs = new Int8Array(D);
  for (let i = 0; i < D; i++) signs[i] = (rng.nextU32() & 1) === 0 ? 1 : -1;
  const q = keepProbability(n, Dp);
  const scale = 1 / Math.sqrt(q * d * Dp);
  const rows: { index: number[]; values: number[] }[] = [];
  for (let k = 0; k < d; k++) {
    const row = { index: [] as number[], values: [] as number[] };
    for (let i = 0; i < Dp; i++) {
      if (rng.uniform() < q) {
        row.index.push(i);
        row.values.push(scale * rng.normal());
      }
    }
    rows.push(row);
  }
  return { D, signs, P: csrFromRows(rows, Dp) };
}

/**
 * H Σ x for every row of A, unnormalized (the 1/√D' lives in P): (N, D') f32 row-major,
 * each row zero-padded from D to D' values before the transform.
 */
export function signedHadamardRows(A: Matrix, signs: Int8Array, Dp: number): Float32Array {
  const { rows: N, cols: D, data } = A;
  const out = new Float32Array(N * Dp);
  for (let n = 0; n < N; n++) {
    const o = n * Dp;
    for (let i = 0; i < D; i++) out[o + i] = signs[i] > 0 ? data[n * D + i] : -data[n * D + i];
    fwht(out, o, Dp);
  }
  return out;
}

/**
 * S A for the rows of A: (N, d) f32 row-major, by the kernel (or its twin): the transform in
 * float32 stage by stage, then the projection's four partial sums per output (see
 * src/kernels/scalar/sparse-rows.ts for the order).
 */
export function applyFastJl(T: FastJl, A: Matrix): Float32Array {
  return fastJlRows(A, T.signs, T.P).out;
}

/** FastJL through the common interface. */
export class FastJlMethod extends SketchMethod {
  readonly name = 'fastjl';
  private T: FastJl | null = null;

  constructor(params: Params) {
    super(params);
  }

  /** The drawn transform (tests count its nonzeros). */
  get transform(): FastJl | null {
    return this.T;
  }

  protected get hasOffset(): boolean {
    return false;
  }

  protected fitRows(A: Matrix): void {
    checkSketchSize(this.sketchSize, A.cols);
    this.T = drawFastJl(new Rng(this.params.seed as number), A.cols, this.sketchSize, A.rows);
  }

  protected sketchRows(A: Matrix): Float32Array {
    return applyFastJl(this.T as FastJl, A);
  }

  protected override sketchQuery(A: Matrix): { Z: Float32Array; nonFinite: Uint8Array } {
    const T = this.T as FastJl;
    const { out, nonFinite } = fastJlRows(A, T.signs, T.P);
    return { Z: out, nonFinite };
  }

  protected sketchB(B: Matrix): Prepared {
    return { P: this.sketchColumns(B), offset: null };
  }

  protected sketchMultiplies(): number {
    return (this.T as FastJl).P.indptr[this.sketchSize];
  }

  /** `signs` (D) i8 ±1; P as `PIndptr` (d + 1) i32, `PIndex` (nnz) i32, `PValues` (nnz) f32. */
  protected transformArrays(): Record<string, StateArray> {
    const T = this.T as FastJl;
    return { signs: T.signs, ...csrArrays('P', T.P) };
  }

  /** @internal */
  static fromState(state: MethodState, source: string): FastJlMethod {
    const params = restoredParams('fastjl', PARAMS, state, source);
    const method = new FastJlMethod(params);
    const signs = checkStateArray(state, 'signs', Int8Array, state.D, source);
    for (let i = 0; i < signs.length; i++) {
      if (signs[i] !== 1 && signs[i] !== -1) {
        throw new BadModelFileError(source, `array signs entry ${i} = ${signs[i]} is not ±1`);
      }
    }
    const P = csrFromState(state, 'P', params.d as number, nextPowerOfTwo(state.D), source);
    method.T = { D: state.D, signs, P };
    return method.restoreFrom(state, source);
  }
}

export const fastJlSpec: MethodSpec = {
  name: 'fastjl',
  summary: 'FastJL: random signs, fast Hadamard transform, sparse Gaussian projection',
  params: PARAMS,
  randomized: true,
  budget: 'd',
  grid: sketchGrid,
  create: (params) => new FastJlMethod(resolveParams('fastjl', PARAMS, params)),
  restore: (state, source) => FastJlMethod.fromState(state, source),
};
