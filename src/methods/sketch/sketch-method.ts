/**
 * The query path every sketch baseline shares: Y ≈ S(A) · P + 1·oᵀ, where S(A) is the (N, d)
 * sketch of the query rows (a dense product, a structured transform or a hash), P = (d, M) is
 * B carried into sketch space once by `prepare`, and o an optional per-column offset (the mean
 * term of the centred methods). Only S(A) and the d·M product are query work.
 * @module
 */
import { transpose, type Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';
import { MatmulMethod, type Cost, type MethodState, type StateArray } from '../method.js';
import { markRowsNonFiniteByOutput } from '../nonfinite.js';
import type { Params } from '../params.js';
import { checkStateArray } from '../state-check.js';

/** B in sketch space. */
export interface Prepared {
  /** (d, M) f32 row-major: the product the sketch of A is multiplied by. */
  readonly P: Float32Array;
  /** (M) f32: added to every output row, or null. */
  readonly offset: Float32Array | null;
}

/** A method whose query is a sketch of A times a prepared (d, M) matrix. */
export abstract class SketchMethod extends MatmulMethod {
  private prepared: Prepared | null = null;

  protected constructor(params: Params) {
    super(params);
  }

  /** Sketch size d: columns of S(A). */
  get sketchSize(): number {
    return this.params.d as number;
  }

  override get saveable(): boolean {
    return true;
  }

  /** S(A): (N, d) f32 row-major. Rows must not mix (a row of S(A) depends on one row of A). */
  protected abstract sketchRows(A: Matrix): Float32Array;

  /**
   * S(A) for a query, and the (N) u8 flags of the rows of A that hold NaN or ±Infinity when
   * the sketch finds them on its way (the kernels do), or null for a separate scan of A.
   */
  protected sketchQuery(A: Matrix): { Z: Float32Array; nonFinite: Uint8Array | null } {
    return { Z: this.sketchRows(A), nonFinite: null };
  }

  /** Carries B into sketch space. */
  protected abstract sketchB(B: Matrix): Prepared;
  /** Multiplies per query row spent on S(A) alone. */
  protected abstract sketchMultiplies(D: number): number;
  /** The fitted transform's arrays (what `restore` needs besides the prepared B). */
  protected abstract transformArrays(): Record<string, StateArray>;
  /** Whether the prepared B of this method has an offset row. */
  protected abstract get hasOffset(): boolean;

  /** S applied to the columns of B: (d, M), from S(Bᵀ) of shape (M, d). */
  protected sketchColumns(B: Matrix): Float32Array {
    const rows = this.sketchRows(transpose(B));
    return transpose({ rows: B.cols, cols: this.sketchSize, data: rows }).data;
  }

  protected prepareB(B: Matrix): void {
    this.prepared = this.sketchB(B);
  }

  protected multiplyRows(A: Matrix): Matrix {
    const { P, offset } = this.prepared as Prepared;
    const d = this.sketchSize;
    const M = P.length / d;
    const { Z, nonFinite } = this.sketchQuery(A);
    const data = gemm(Z, P, A.rows, d, M);
    if (offset !== null) {
      for (let i = 0; i < A.rows; i++) {
        for (let j = 0, o = i * M; j < M; j++) data[o + j] += offset[j];
      }
    }
    // Dense sketches: a non-finite entry of A makes its whole row of A·V, and then of the
    // output, non-finite, so the output says which rows of A to check.
    if (nonFinite === null) return markRowsNonFiniteByOutput(A, { rows: A.rows, cols: M, data });
    for (let i = 0; i < A.rows; i++) if (nonFinite[i] !== 0) data.fill(NaN, i * M, (i + 1) * M);
    return { rows: A.rows, cols: M, data };
  }

  protected costPerRow(D: number, M: number): Cost {
    const d = this.sketchSize;
    return { multiplies: this.sketchMultiplies(D) + d * M, lookups: 0, encodedBytes: 4 * d };
  }

  /**
   * Arrays: the transform's (see each method), then when B is prepared `P` (d, M) f32 and, for
   * the centred methods, `offset` (M) f32.
   */
  protected override stateArrays(): Record<string, StateArray> {
    const out: Record<string, StateArray> = { ...this.transformArrays() };
    if (this.prepared !== null) {
      out.P = this.prepared.P;
      if (this.prepared.offset !== null) out.offset = this.prepared.offset;
    }
    return out;
  }

  /** For `restore`: takes the prepared B from the state (when M ≠ null) and marks it fitted. */
  protected restoreFrom(state: MethodState, source: string): this {
    if (state.M !== null) {
      const P = checkStateArray(state, 'P', Float32Array, this.sketchSize * state.M, source);
      const offset = this.hasOffset
        ? checkStateArray(state, 'offset', Float32Array, state.M, source) : null;
      this.prepared = { P, offset };
    }
    return this.markRestored(state.D, state.nTrain, state.M);
  }
}

/**
 * The offset row of a centred method, o = μB − c·P with c = μ's sketch (d values): then
 * S(a)·P + o = S(a − μ)·P + μB for every row a, so the mean's product is added back exactly
 * (up to float32 rounding). Computed in float64 with the P the queries use.
 * @param mean (D) μ @param c (d) S(μ) @param B (D, M) @param P (d, M)
 */
export function centredOffset(mean: ArrayLike<number>, c: Float64Array, B: Matrix,
  P: Float32Array): Float32Array {
  const { rows: D, cols: M, data } = B;
  const o = new Float64Array(M);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < M; j++) o[j] += mean[i] * data[i * M + j];
  }
  for (let k = 0; k < c.length; k++) {
    for (let j = 0; j < M; j++) o[j] -= c[k] * P[k * M + j];
  }
  return Float32Array.from(o);
}
