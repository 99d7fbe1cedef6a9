/**
 * The three parts of a table-lookup query, separately callable for the components figure:
 * encoding rows of A into codes, building the tables from B (work done ahead, once per B),
 * and scanning codes through the tables into float outputs. MADDNESS against the paper's
 * vector-quantization baselines: Bolt (16 centroids, 8-bit tables), PQ and OPQ (256 centroids,
 * float tables; OPQ rotates the rows first).
 */
import type { Matrix } from '../../../src/core/matrix.js';
import { encodeRows, scanCodes } from '../../../src/kernels/index.js';
import { scanFloat } from '../../../src/kernels/vq.js';
import { MaddnessModel } from '../../../src/methods/maddness/model.js';
import { createMethod } from '../../../src/methods/registry.js';
import type { BoltMethod } from '../../../src/methods/vq/bolt.js';
import { OpqMethod } from '../../../src/methods/vq/opq.js';
import type { PqMethod } from '../../../src/methods/vq/pq.js';

/** The methods the components task measures, in the figure's order. */
export const COMPONENT_METHODS = ['maddness', 'bolt', 'pq', 'opq'] as const;
export type ComponentMethod = (typeof COMPONENT_METHODS)[number];

export interface Parts {
  /** Bytes of one row's codes: 4-bit codes for MADDNESS and Bolt, bytes for PQ and OPQ. */
  codeBytesPerRow: number;
  /** Builds the tables for B (each call from scratch). */
  build(): void;
  /** Codes of the rows of A, in the layout `scan` reads. */
  encode(): Uint8Array;
  /** (N, M) float outputs from codes. */
  scan(codes: Uint8Array): Float32Array;
  /** The whole query, for comparison with encode + scan. */
  query(): Matrix;
}

/** A method of `C` codebooks fitted on `train`, its parts on queries `A` and B. */
export function componentParts(method: ComponentMethod, C: number, train: Matrix, A: Matrix,
  B: Matrix): Parts {
  const N = A.rows;
  if (method === 'maddness') {
    const model = MaddnessModel.fit(train, { codebooks: C });
    model.setB(B);
    const { encoder, luts } = model.snapshot();
    if (luts === null) throw new Error('setB left no tables');
    return { codeBytesPerRow: C / 2, build: () => model.setB(B),
      encode: () => encodeRows(A, encoder).codes,
      scan: (codes) => scanCodes(codes, N, luts, false), query: () => model.multiply(A) };
  }
  const fitted = createMethod(method, { codebooks: C, seed: 0 }).fit(train).prepare(B);
  if (method === 'bolt') {
    const bolt = fitted as BoltMethod;
    const luts = bolt.tables;
    if (luts === null) throw new Error('prepare left no tables');
    // Bolt adds its 8-bit table entries exactly, as its multiply does.
    return { codeBytesPerRow: C / 2, build: () => bolt.prepare(B), encode: () => bolt.encode(A),
      scan: (codes) => scanCodes(codes, N, luts, true), query: () => bolt.multiply(A) };
  }
  const pq = fitted as PqMethod | OpqMethod;
  const books = pq.codebooks;
  const T = pq.tables;
  if (books === null || T === null) throw new Error('fit or prepare left no codebooks');
  // OPQ encodes A·R and its tables are of Rᵀ·B, as its multiply and prepare do.
  const encode = pq instanceof OpqMethod ? () => pq.encode(A) : () => books.encode(A);
  return { codeBytesPerRow: C, build: () => pq.prepare(B), encode,
    scan: (codes) => scanFloat(codes, N, C, books.K, T, B.cols), query: () => pq.multiply(A) };
}
