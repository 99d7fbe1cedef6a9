/**
 * Parameters shared by the sketch and projection baselines: the sketch size d, the seed of the
 * randomized ones, the paper's grid of d, and the checks a restored state must pass.
 * @module
 */
import { BadModelFileError, InvalidArgumentError, MaddnessError } from '../../core/errors.js';
import type { MethodState } from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';

/** Largest sketch size accepted; larger sketches than D are refused at fit anyway. */
export const MAX_SKETCH = 1 << 16;

export const D_PARAM: ParamSpec = {
  name: 'd', kind: 'int', doc: 'sketch size d: columns of A·V (at most D)', default: 16, min: 1,
  max: MAX_SKETCH,
};

export const SEED_PARAM: ParamSpec = {
  name: 'seed', kind: 'int', doc: 'seed of every random draw', default: 0, min: 0,
  max: 2 ** 31 - 1,
};

/** The sketch sizes of the paper's sweep. */
const PAPER_D = [1, 2, 4, 8, 16, 32, 64];

/**
 * The paper's grid for shapes (D, M): d in {1, 2, ..., 64} with d < min(D, M), since a sketch
 * of d ≥ min(D, M) costs at least as much as the exact product. Empty when no d qualifies.
 */
export function sketchGrid(D: number, M: number): Params[] {
  return PAPER_D.filter((d) => d < Math.min(D, M)).map((d) => ({ d }));
}

/** Throws InvalidArgumentError when the sketch is wider than the rows it sketches. */
export function checkSketchSize(d: number, D: number): void {
  if (d > D) throw new InvalidArgumentError('d', `must be at most D = ${D}`, d);
}

/**
 * The parameters of a saved state, resolved and checked against its shapes: the method name,
 * integer D ≥ d, M null or ≥ 1, nTrain ≥ 1.
 * @throws BadModelFileError naming the first problem
 */
export function restoredParams(name: string, specs: readonly ParamSpec[], state: MethodState,
  source: string): Params {
  if (state.method !== name) {
    throw new BadModelFileError(source, `holds method ${state.method}, not ${name}`);
  }
  let params: Params;
  try {
    params = resolveParams(name, specs, state.params);
  } catch (error) {
    if (error instanceof MaddnessError) throw new BadModelFileError(source, error.message);
    throw error;
  }
  const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 1;
  if (!count(state.D)) {
    throw new BadModelFileError(source, `D = ${state.D} is not an integer ≥ 1`);
  }
  if (!count(state.nTrain)) {
    throw new BadModelFileError(source, `nTrain = ${state.nTrain} is not an integer ≥ 1`);
  }
  if (state.M !== null && !count(state.M)) {
    throw new BadModelFileError(source, `M = ${state.M} is not null or an integer ≥ 1`);
  }
  const d = params.d as number;
  if (d > state.D) throw new BadModelFileError(source, `d = ${d} exceeds D = ${state.D}`);
  return params;
}
