/**
 * Parameters shared by the vector-quantization methods, their grid, and the restore-time
 * check of saved parameters.
 * @module
 */
import { BadModelFileError, MaddnessError } from '../../core/errors.js';
import type { MethodState } from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';

/** Codebooks C of contiguous column blocks; at most D, checked at fit. */
export function codebooksParam(max: number): ParamSpec {
  return { name: 'codebooks', kind: 'int', doc: 'C, codebooks over contiguous blocks of dims',
    default: 16, min: 1, max };
}

export const SEED_PARAM: ParamSpec = { name: 'seed', kind: 'int',
  doc: 'seed of the k-means++ initialisation', default: 0, min: 0, max: 2 ** 31 - 1 };

export const ITERATIONS_PARAM: ParamSpec = { name: 'iterations', kind: 'int',
  doc: 'most Lloyd iterations of k-means per codebook', default: 16, min: 0, max: 1000 };

/** The paper's codebook grid {2, …, 64}, restricted to C ≤ D. */
export function codebookGrid(D: number): Params[] {
  return [2, 4, 8, 16, 32, 64].filter((C) => C <= D).map((codebooks) => ({ codebooks }));
}

/**
 * The saved parameters, resolved against the specs, with C ≤ D when the method has codebooks.
 * @throws BadModelFileError for unknown or out-of-range values
 */
export function restoredParams(state: MethodState, specs: readonly ParamSpec[],
  source: string): Params {
  let params: Params;
  try {
    params = resolveParams(state.method, specs, state.params);
  } catch (error) {
    if (error instanceof MaddnessError) throw new BadModelFileError(source, error.message);
    throw error;
  }
  const C = params.codebooks;
  if (typeof C === 'number' && C > state.D) {
    throw new BadModelFileError(source, `codebooks = ${C} exceeds D = ${state.D}`);
  }
  return params;
}
