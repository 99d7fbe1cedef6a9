/**
 * The sketch baselines whose transform is a dense (D, d) matrix: Y ≈ ((A − μ) V)(κ Wᵀ B) +
 * μB. V projects the queries; W projects B (W = V except for Co-occurring Directions); κ is the
 * scalar that makes random projections unbiased; μ is the training mean of the centred methods
 * (zero otherwise). The mean term folds into one offset row, o = μB − (μV)·P with P = κ
 * WᵀB, so a query costs the two products D·d and d·M and nothing else.
 * @module
 */
import type { Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';
import type { MethodSpec, MethodState, StateArray } from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';
import { checkSketchSize, restoredParams } from './params.js';
import { SketchMethod, centredOffset, type Prepared } from './sketch-method.js';

/** What a dense method learns (or draws) at fit. */
export interface DenseFit {
  /** (D, d) f32 row-major: V, applied to the query rows. */
  readonly V: Float32Array;
  /** (D, d) f32 row-major: W, applied to B; null when W = V. */
  readonly W: Float32Array | null;
  /** (D) f32: μ, subtracted from the query rows and added back exactly; null for none. */
  readonly mean: Float32Array | null;
  /** κ in P = κ WᵀB. */
  readonly scale: number;
}

/** One dense method: its name, whether fit needs B, its saved arrays, and its fit. */
export interface DenseKind {
  readonly name: string;
  readonly needsB: boolean;
  /** Whether the fit has its own W (saved as array `W`). */
  readonly twoSided: boolean;
  /** Whether the fit subtracts a mean (saved as array `mean`). */
  readonly centred: boolean;
  /** @param A (N, D) training rows @param B (D, M) when `needsB` */
  fit(A: Matrix, B: Matrix | undefined, params: Params): DenseFit;
}

/** A dense sketch method of any kind. */
export class DenseSketchMethod extends SketchMethod {
  readonly name: string;
  protected override readonly needsBAtFit: boolean = false;
  private readonly kind: DenseKind;
  private fitted: DenseFit | null = null;

  constructor(kind: DenseKind, params: Params) {
    super(params);
    this.kind = kind;
    this.name = kind.name;
    this.needsBAtFit = kind.needsB;
  }

  /** The fitted projections (tests read V to check orthonormality). */
  get projection(): DenseFit | null {
    return this.fitted;
  }

  protected get hasOffset(): boolean {
    return this.kind.centred;
  }

  protected fitRows(A: Matrix, B: Matrix | undefined): void {
    checkSketchSize(this.sketchSize, A.cols);
    this.fitted = this.kind.fit(A, B, this.params);
  }

  protected sketchRows(A: Matrix): Float32Array {
    return gemm(A.data, (this.fitted as DenseFit).V, A.rows, A.cols, this.sketchSize);
  }

  protected sketchB(B: Matrix): Prepared {
    const { V, W, mean, scale } = this.fitted as DenseFit;
    const d = this.sketchSize;
    const { rows: D, cols: M } = B;
    const Wt = transposeDense(W ?? V, D, d);
    const P = gemm(Wt, B.data, d, D, M);
    if (scale !== 1) for (let i = 0; i < P.length; i++) P[i] *= scale;
    if (mean === null) return { P, offset: null };
    const c = new Float64Array(d);
    for (let i = 0; i < D; i++) {
      for (let k = 0; k < d; k++) c[k] += mean[i] * V[i * d + k];
    }
    return { P, offset: centredOffset(mean, c, B, P) };
  }

  protected sketchMultiplies(D: number): number {
    return D * this.sketchSize;
  }

  /** `V` (D, d) f32, `W` (D, d) f32 if two-sided, `mean` (D) f32 if centred, `scale` (1) f64. */
  protected transformArrays(): Record<string, StateArray> {
    const { V, W, mean, scale } = this.fitted as DenseFit;
    const out: Record<string, StateArray> = { V, scale: Float64Array.of(scale) };
    if (W !== null) out.W = W;
    if (mean !== null) out.mean = mean;
    return out;
  }

  /** @internal Rebuilds a saved method; `params` are already checked against the shapes. */
  static fromState(kind: DenseKind, params: Params, state: MethodState,
    source: string): DenseSketchMethod {
    const method = new DenseSketchMethod(kind, params);
    const size = state.D * (params.d as number);
    method.fitted = {
      V: checkStateArray(state, 'V', Float32Array, size, source),
      W: kind.twoSided ? checkStateArray(state, 'W', Float32Array, size, source) : null,
      mean: kind.centred ? checkStateArray(state, 'mean', Float32Array, state.D, source) : null,
      scale: checkStateArray(state, 'scale', Float64Array, 1, source)[0],
    };
    return method.restoreFrom(state, source);
  }
}

/** (d, D) row-major transpose of the (D, d) row-major `V`. */
function transposeDense(V: Float32Array, D: number, d: number): Float32Array {
  const out = new Float32Array(d * D);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < d; k++) out[k * D + i] = V[i * d + k];
  }
  return out;
}

/** The registry entry of a dense kind, with the paper's grid of d. */
export function denseSpec(kind: DenseKind, summary: string, params: readonly ParamSpec[],
  grid: (D: number, M: number) => Params[]): MethodSpec {
  return {
    name: kind.name, summary, params, budget: 'd', grid,
    randomized: params.some((p) => p.name === 'seed'),
    create: (given) => new DenseSketchMethod(kind, resolveParams(kind.name, params, given)),
    restore: (state, source) => DenseSketchMethod.fromState(kind,
      restoredParams(kind.name, params, state, source), state, source),
  };
}
