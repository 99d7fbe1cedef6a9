/**
 * Hyperparameters of MADDNESS and their validation.
 * @module
 */
import { InvalidArgumentError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import type { Objective } from './objective.js';

/** Options of `MaddnessModel.fit`. */
export interface MaddnessOptions {
  /** C, the number of codebooks: an integer from 1 to 256, at most D. */
  readonly codebooks: number;
  /**
   * L ("lut work"): 1 keeps the block means as prototypes (no regression); -1 refits dense
   * prototypes by ridge regression; an integer > 1 keeps about L·D/C dims per codebook.
   * @defaultValue -1
   */
  readonly lutWork?: number;
  /** Ridge penalty λ ≥ 0 of the prototype refit. @defaultValue 1 */
  readonly lambda?: number;
  /**
   * Seed of the training-row subsample and of the held-out rows of refinement (training is
   * otherwise deterministic). @defaultValue 0
   */
  readonly seed?: number;
  /** Train on at most this many rows, drawn with the seed. @defaultValue all rows */
  readonly maxTrainRows?: number;
  /** B, when known at fit time: the output objective fits the trees to A·B. */
  readonly b?: Matrix;
  /** What the trees are fitted to. @defaultValue 'output' when `b` is given, else 'reconstruct' */
  readonly objective?: Objective;
  /**
   * Refinement passes of the output objective (0 to 2): each relearns every tree on the
   * residual of the others and keeps it if held-out training rows say it helps.
   * @defaultValue 2
   */
  readonly refinePasses?: number;
  /** Called as training advances; the library never prints. */
  readonly onProgress?: (done: number, total: number, stage: string) => void;
}

/** Options with defaults filled in. */
export interface ResolvedOptions {
  readonly codebooks: number;
  readonly lutWork: number;
  readonly lambda: number;
  readonly seed: number;
  readonly maxTrainRows: number;
  readonly objective: Objective;
  readonly refinePasses: number;
}

/** Largest C: the 16-bit exact sum of 256 codebooks of at most 255 still fits. */
export const MAX_CODEBOOKS = 256;
/** Largest L: with L ≥ C every prototype keeps all D dims, so larger values mean nothing. */
export const MAX_LUT_WORK = MAX_CODEBOOKS;
/** Most refinement passes of the output objective. */
export const MAX_REFINE_PASSES = 4;
/** Largest D and M a model holds (the model file refuses larger ones). */
export const MAX_DIM = 1 << 22;

/**
 * Checks the options against a training matrix of D columns.
 * @throws InvalidArgumentError naming the option, the rule and the value
 */
export function resolveOptions(options: MaddnessOptions, D: number): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object with at least { codebooks }',
      options);
  }
  const C = options.codebooks;
  if (!Number.isInteger(C) || C < 1 || C > MAX_CODEBOOKS) {
    throw new InvalidArgumentError('codebooks', `must be an integer from 1 to ${MAX_CODEBOOKS}`, C);
  }
  if (C > D) {
    throw new InvalidArgumentError('codebooks',
      `must be at most D = ${D}, the number of columns of A (each codebook needs a column)`, C);
  }
  const lutWork = options.lutWork ?? -1;
  const lutOk = lutWork === -1 || (lutWork >= 1 && lutWork <= MAX_LUT_WORK);
  if (!Number.isInteger(lutWork) || !lutOk) {
    throw new InvalidArgumentError('lutWork',
      `must be -1 (dense), 1 (block means) or an integer from 2 to ${MAX_LUT_WORK}`,
      lutWork);
  }
  if (D > MAX_DIM) {
    throw new InvalidArgumentError('A', `must have at most ${MAX_DIM} columns`, D);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new InvalidArgumentError('onProgress', 'must be a function', typeof options.onProgress);
  }
  const lambda = options.lambda ?? 1;
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) {
    throw new InvalidArgumentError('lambda', 'must be a finite number ≥ 0', lambda);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError('seed', 'must be an integer', seed);
  }
  const maxTrainRows = options.maxTrainRows ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(maxTrainRows) || maxTrainRows < 1) {
    throw new InvalidArgumentError('maxTrainRows', 'must be an integer ≥ 1', maxTrainRows);
  }
  const objective = options.objective ?? (options.b !== undefined ? 'output' : 'reconstruct');
  if (objective !== 'output' && objective !== 'reconstruct') {
    throw new InvalidArgumentError('objective', "must be 'output' or 'reconstruct'", objective);
  }
  if (objective === 'output' && options.b === undefined) {
    throw new InvalidArgumentError('objective', "'output' needs B at fit time (option b)",
      objective);
  }
  const refinePasses = options.refinePasses ?? 2;
  if (!Number.isInteger(refinePasses) || refinePasses < 0 || refinePasses > MAX_REFINE_PASSES) {
    throw new InvalidArgumentError('refinePasses',
      `must be an integer from 0 to ${MAX_REFINE_PASSES}`, refinePasses);
  }
  return { codebooks: C, lutWork, lambda, seed, maxTrainRows, objective, refinePasses };
}
