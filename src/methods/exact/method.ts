/**
 * Exact float32 GEMM as a registered method: the reference of every error figure and the
 * denominator of every speed-up.
 * @module
 */
import type { Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';
import { markRowsNonFiniteByOutput } from '../nonfinite.js';
import { MatmulMethod, type Cost, type MethodSpec, type MethodState, type StateArray }
  from '../method.js';
import { resolveParams, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';

/** Y = A · B by the project's float32 GEMM kernel. */
export class ExactMethod extends MatmulMethod {
  readonly name = 'exact';
  /** (D, M) f32 row-major: the prepared B. */
  private B: Float32Array | null = null;

  constructor(params: Params = {}) {
    super(params);
  }

  override get saveable(): boolean {
    return true;
  }

  protected fitRows(): void {
    // Nothing to learn: the exact product depends on B alone.
  }

  protected prepareB(B: Matrix): void {
    this.B = B.data.slice();
  }

  protected multiplyRows(A: Matrix): Matrix {
    const M = this.M as number;
    const data = gemm(A.data, this.B as Float32Array, A.rows, A.cols, M);
    // IEEE arithmetic makes such a row non-finite, not necessarily NaN (∞ · b is ±∞); the
    // common contract is a whole row of NaN.
    return markRowsNonFiniteByOutput(A, { rows: A.rows, cols: M, data });
  }

  protected costPerRow(D: number, M: number): Cost {
    return { multiplies: D * M, lookups: 0, encodedBytes: 4 * D };
  }

  protected override stateArrays(): Record<string, StateArray> {
    return this.B === null ? {} : { B: this.B };
  }

  /** @internal */
  static fromState(state: MethodState, source: string): ExactMethod {
    const method = new ExactMethod(resolveParams('exact', []));
    if (state.M !== null) {
      method.B = checkStateArray(state, 'B', Float32Array, state.D * state.M, source);
    }
    return method.markRestored(state.D, state.nTrain, state.M);
  }
}

export const exactSpec: MethodSpec = {
  name: 'exact',
  summary: 'exact float32 product (WebAssembly SIMD GEMM)',
  params: [],
  randomized: false,
  budget: null,
  grid: () => [{}],
  create: (params) => new ExactMethod(resolveParams('exact', [], params)),
  restore: (state, source) => ExactMethod.fromState(state, source),
};
