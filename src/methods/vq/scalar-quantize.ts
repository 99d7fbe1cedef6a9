/**
 * ScalarQuantize (ALGORITHM.md section 6): int8 rows of A (affine, per row), int8 columns of
 * B (symmetric, per column, prepared once), exact int32 dot products by the dot_i8 kernel, and
 * the offset correction from B's column sums:
 *   y[n, m] = t[m] · (s[n] · Σ_d q[n, d] r[m, d] + z[n] · Σ_d r[m, d]).
 * @module
 */
import { BadModelFileError, InvalidArgumentError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { quantizeAndDotI8 } from '../../kernels/index.js';
import { MatmulMethod, type Cost, type MethodSpec, type MethodState, type StateArray }
  from '../method.js';
import { resolveParams, type Params } from '../params.js';
import { checkIndexRange, checkStateArray } from '../state-check.js';
import { rowFinite } from '../nonfinite.js';
import { quantizeColumns, rowScale, type QuantizedColumns } from './int8.js';
import { restoredParams } from './params.js';

/** Most columns whose int32 sums cannot overflow: D · 128 · 127 < 2^31. */
export const MAX_SQ_DIM = Math.floor((2 ** 31 - 1) / (128 * 127));

/** ScalarQuantize through the common interface. */
export class ScalarQuantizeMethod extends MatmulMethod {
  readonly name = 'scalar-quantize';
  private B: QuantizedColumns | null = null;

  constructor(params: Params) {
    super(params);
  }

  override get saveable(): boolean {
    return true;
  }

  protected fitRows(A: Matrix): void {
    // Nothing to learn: each query row gets its own range. Only the sums' width is checked.
    if (A.cols > MAX_SQ_DIM) {
      throw new InvalidArgumentError('A', `must have at most ${MAX_SQ_DIM} columns, so that ` +
        'int32 sums of int8 products cannot overflow', A.cols);
    }
    this.B = null;
  }

  protected prepareB(B: Matrix): void {
    this.B = quantizeColumns(B.data, B.rows, B.cols);
  }

  protected multiplyRows(A: Matrix): Matrix {
    const { rows: N, cols: D } = A;
    const { r, scale: t, sums } = this.B as QuantizedColumns;
    const M = t.length;
    const { dots, params } = quantizeAndDotI8(A.data, N, D, r, M);
    const data = new Float32Array(N * M);
    for (let n = 0; n < N; n++) {
      const { scale: s, zero: z } = rowScale(params, n);
      for (let m = 0; m < M; m++) {
        data[n * M + m] = t[m] * (s * dots[n * M + m] + z * sums[m]);
      }
      // The kernel gives a row without a finite range (NaN, ±Infinity, or constant) inv = 0;
      // only those rows are read again to tell which hold non-finite values.
      if (params[2 * n + 1] === 0 && !rowFinite(A.data, n, D)) {
        data.fill(NaN, n * M, (n + 1) * M);
      }
    }
    return { rows: N, cols: M, data };
  }

  protected costPerRow(D: number, M: number): Cost {
    return { multiplies: D * M, lookups: 0, encodedBytes: D };
  }

  protected override stateArrays(): Record<string, StateArray> {
    const B = this.B;
    return B === null ? {} : { r: B.r, scale: B.scale, sums: B.sums };
  }

  /** @internal */
  static fromState(state: MethodState, source: string): ScalarQuantizeMethod {
    const method = new ScalarQuantizeMethod(restoredParams(state, [], source));
    const { D, M } = state;
    if (D > MAX_SQ_DIM) throw new BadModelFileError(source, `D = ${D} exceeds ${MAX_SQ_DIM}`);
    if (M !== null) {
      const r = checkStateArray(state, 'r', Int8Array, M * D, source).slice();
      const scale = checkStateArray(state, 'scale', Float32Array, M, source).slice();
      const sums = checkStateArray(state, 'sums', Int32Array, M, source).slice();
      checkIndexRange(r, -127, 128, 'r', source);
      checkIndexRange(scale, 0, Infinity, 'scale', source);
      for (let m = 0; m < M; m++) {
        let sum = 0;
        for (let d = 0; d < D; d++) sum += r[m * D + d];
        if (sum !== sums[m]) {
          throw new BadModelFileError(source, `array sums entry ${m} = ${sums[m]} is not the ` +
            `sum ${sum} of row ${m} of r`);
        }
      }
      method.B = { r, scale, sums };
    }
    return method.markRestored(D, state.nTrain, M);
  }
}

export const scalarQuantizeSpec: MethodSpec = {
  name: 'scalar-quantize',
  summary: 'int8 rows of A (affine) times int8 columns of B, int32 SIMD dot products',
  params: [],
  randomized: false,
  budget: null,
  grid: () => [{}],
  create: (params) => new ScalarQuantizeMethod(resolveParams('scalar-quantize', [], params)),
  restore: (state, source) => ScalarQuantizeMethod.fromState(state, source),
};
