/**
 * Checks of a saved data-free MADDNESS model (its arrays in the common model file), so that
 * a damaged file is refused before any of it is used.
 * @module
 */
import { BadModelFileError } from '../../core/errors.js';
import { paddedCodebooks, type EncoderTables } from '../../kernels/index.js';
import type { MethodState } from '../method.js';
import { checkStateArray } from '../state-check.js';
import { K } from './prototypes.js';
import { blockStarts } from './subspaces.js';

/** The checked arrays of a saved data-free model. */
export interface RestoredDataFree {
  readonly C: number;
  readonly starts: Int32Array;
  readonly encoder: EncoderTables;
  readonly prior: Float32Array;
  readonly prototypes: Float32Array;
  readonly GtG: Float64Array;
  readonly GtA: Float64Array;
  readonly GtSq: Float64Array;
  readonly rows: number;
  readonly offered: number;
  readonly reservoir: Float32Array;
  readonly B: Float32Array | null;
}

/** @throws BadModelFileError naming the first array that does not fit the shapes */
export function restoreEncoder(state: MethodState, source: string): RestoredDataFree {
  const fail = (problem: string): never => {
    throw new BadModelFileError(source, problem);
  };
  const { D } = state;
  const C = state.params.codebooks as number;
  if (C > D) fail(`codebooks = ${C} exceeds D = ${D}`);
  const starts = blockStarts(D, C);
  const n = C * K;
  const dims = checkStateArray(state, 'dims', Int32Array, 4 * C, source);
  const offsets = checkStateArray(state, 'offsets', Float32Array, 4 * C, source);
  const scales = checkStateArray(state, 'scales', Float32Array, 4 * C, source);
  const thresholds = checkStateArray(state, 'thresholds', Int8Array, 64 * C, source);
  for (let q = 0; q < 4 * C; q++) {
    const c = q >> 2;
    if (dims[q] < starts[c] || dims[q] >= starts[c + 1]) {
      fail(`split dim ${dims[q]} of codebook ${c} is outside its block`);
    }
    if (!Number.isInteger(Math.log2(scales[q]))) {
      fail(`encoder scale ${q} = ${scales[q]} is not a power of two`);
    }
  }
  const prior = checkStateArray(state, 'prior', Float32Array, n * D, source);
  const prototypes = checkStateArray(state, 'prototypes', Float32Array, n * D, source);
  const GtG = checkStateArray(state, 'GtG', Float64Array, n * n, source);
  const GtA = checkStateArray(state, 'GtA', Float64Array, n * D, source);
  const GtSq = checkStateArray(state, 'GtSq', Float64Array, n, source);
  const counts = checkStateArray(state, 'counts', Float64Array, 2, source);
  const [rows, offered] = counts;
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(offered) || rows < 0 ||
    offered < 0) {
    fail(`row counts ${rows}, ${offered} are not integers ≥ 0`);
  }
  // Every observed row falls in exactly one leaf of codebook 0.
  let leafRows = 0;
  for (let k = 0; k < K; k++) leafRows += GtG[k * n + k];
  if (leafRows !== rows) fail(`leaf counts add up to ${leafRows}, not the ${rows} rows seen`);
  const R = state.params.reservoirRows as number;
  const reservoir = checkStateArray(state, 'reservoir', Float32Array,
    Math.min(R, offered) * D, source);
  const B = state.M === null ? null
    : checkStateArray(state, 'B', Float32Array, D * state.M, source);
  const encoder: EncoderTables = { C, Cs: paddedCodebooks(C), dims, offsets, scales,
    thresholds };
  return { C, starts, encoder, prior, prototypes, GtG, GtA, GtSq, rows, offered, reservoir, B };
}
