/**
 * MADDNESS as a registered method: a thin adapter over `MaddnessModel`, so that the library,
 * the CLI and the benchmarks run one trained model through one code path.
 * @module
 */
import { assert, InvalidArgumentError, UnsupportedError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { MatmulMethod, type Cost, type MethodSpec } from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { MaddnessModel } from './model.js';
import { MAX_CODEBOOKS, MAX_LUT_WORK, MAX_REFINE_PASSES } from './options.js';

const PARAMS: readonly ParamSpec[] = [
  { name: 'codebooks', kind: 'int', doc: 'C, codebooks of 16 prototypes', default: 16, min: 1,
    max: MAX_CODEBOOKS },
  { name: 'lutWork', kind: 'int', doc: 'L: -1 dense ridge prototypes, 1 block means, >1 sparse',
    default: -1, min: -1, max: MAX_LUT_WORK, exclude: [0] },
  { name: 'lambda', kind: 'number', doc: 'ridge penalty of the prototype refit', default: 1,
    min: 0, max: 1e12 },
  { name: 'objective', kind: 'enum', doc: 'fit the trees to the output A·B or to A',
    default: 'output', values: ['output', 'reconstruct'] },
  { name: 'refinePasses', kind: 'int', doc: 'refinement passes of the output objective',
    default: 2, min: 0, max: MAX_REFINE_PASSES },
  { name: 'exactSum', kind: 'bool', doc: 'add table bytes exactly in 16 bits, not by averaging',
    default: false },
  { name: 'seed', kind: 'int', doc: 'seed of the held-out rows of refinement', default: 0,
    min: 0, max: 2 ** 31 - 1 },
];

/** MADDNESS through the common interface. */
export class MaddnessMethod extends MatmulMethod {
  readonly name = 'maddness';
  private fitted: MaddnessModel | null = null;

  constructor(params: Params) {
    super(params);
  }

  override get saveable(): boolean {
    return true;
  }

  /** The trained model (for the model file); null before fit. */
  get model(): MaddnessModel | null {
    return this.fitted;
  }

  protected fitRows(A: Matrix, B: Matrix | undefined): void {
    const p = this.params;
    const output = p.objective === 'output' && B !== undefined;
    this.fitted = MaddnessModel.fit(A, {
      codebooks: p.codebooks as number, lutWork: p.lutWork as number,
      lambda: p.lambda as number, seed: p.seed as number,
      // Without B at fit time the paper's objective is the only one there is.
      objective: output ? 'output' : 'reconstruct', b: output ? B : undefined,
      refinePasses: p.refinePasses as number,
    });
  }

  protected prepareB(B: Matrix): void {
    this.model_().setB(B);
  }

  protected multiplyRows(A: Matrix): Matrix {
    return this.model_().multiply(A, { exactSum: this.params.exactSum as boolean });
  }

  protected costPerRow(_D: number, M: number): Cost {
    const C = this.params.codebooks as number;
    // 4 comparisons per codebook to encode; one table byte per codebook and output column.
    return { multiplies: 0, lookups: C * M, encodedBytes: C / 2 };
  }

  protected override stateArrays(): never {
    throw new UnsupportedError('maddness has its own model file layout: save it with ' +
      'saveMethod or saveModel');
  }

  /** The parameters the model file keeps beside the model's own (see fromModel). */
  get savedParams(): Record<string, unknown> {
    return { exactSum: this.params.exactSum, refinePasses: this.params.refinePasses };
  }

  /**
   * @internal Wraps a loaded model, taking its hyperparameters from its info and the saved
   * query-time ones (exactSum, refinePasses) from `saved`.
   * @throws InvalidArgumentError when a saved parameter is not one of these or is out of range
   */
  static fromModel(model: MaddnessModel, saved: Readonly<Record<string, unknown>> = {})
    : MaddnessMethod {
    const info = model.info();
    for (const name of Object.keys(saved)) {
      if (name !== 'exactSum' && name !== 'refinePasses') {
        throw new InvalidArgumentError(name, 'is not a saved parameter of maddness', saved[name]);
      }
    }
    const method = new MaddnessMethod(resolveParams('maddness', PARAMS, {
      codebooks: info.C, lutWork: info.L, lambda: info.lambda, objective: info.objective,
      seed: Math.max(0, info.seed), ...saved,
    }));
    method.fitted = model;
    return method.markRestored(info.D, info.N_train, info.M);
  }

  private model_(): MaddnessModel {
    assert(this.fitted !== null, 'the base class checks fit before prepare and multiply');
    return this.fitted;
  }
}

export const maddnessSpec: MethodSpec = {
  name: 'maddness',
  summary: 'learned hash-tree encoder, 4-bit codes, 8-bit tables, SIMD scan (this library)',
  params: PARAMS,
  randomized: false,
  budget: 'codebooks',
  grid: (D) => {
    const out: Params[] = [];
    for (const lutWork of [1, 2, 4, -1]) {
      for (const codebooks of [2, 4, 8, 16, 32, 64]) {
        if (codebooks <= D) out.push({ codebooks, lutWork });
      }
    }
    return out;
  },
  create: (params) => new MaddnessMethod(resolveParams('maddness', PARAMS, params)),
};
