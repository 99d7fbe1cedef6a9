/**
 * Product quantization (ALGORITHM.md section 6): C k-means codebooks of K = 256 centroids over
 * contiguous blocks of dims, 8-bit codes by nearest centroid, float32 tables T = centroids ·
 * B_block, and a float32 sum of one table row per codebook.
 * @module
 */
import { assert } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { scanFloat } from '../../kernels/vq.js';
import { MatmulMethod, type Cost, type MethodSpec, type MethodState, type StateArray }
  from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';
import { BlockCodebooks } from './codebooks.js';
import { markFlaggedRows } from './flagged-rows.js';
import {
  codebookGrid, codebooksParam, ITERATIONS_PARAM, restoredParams, SEED_PARAM,
} from './params.js';

/** Centroids per codebook: one byte per code. */
export const PQ_K = 256;

const PARAMS: readonly ParamSpec[] = [codebooksParam(256), SEED_PARAM, ITERATIONS_PARAM];

/** PQ through the common interface. */
export class PqMethod extends MatmulMethod {
  readonly name = 'pq';
  private books: BlockCodebooks | null = null;
  /** (C, K, M) f32: T[c][k][m], the prepared tables. */
  private T: Float32Array | null = null;

  constructor(params: Params) {
    super(params);
  }

  override get saveable(): boolean {
    return true;
  }

  /** The trained codebooks; null before fit. */
  get codebooks(): BlockCodebooks | null {
    return this.books;
  }

  /** The prepared tables (C, K, M) f32 of B; null before prepare. */
  get tables(): Float32Array | null {
    return this.T;
  }

  protected fitRows(A: Matrix): void {
    const p = this.params;
    this.books = BlockCodebooks.train(A, p.codebooks as number, PQ_K, p.seed as number,
      p.iterations as number);
    this.T = null;
  }

  protected prepareB(B: Matrix): void {
    this.T = this.books_().tables(B);
  }

  protected multiplyRows(A: Matrix): Matrix {
    const books = this.books_();
    const M = this.M as number;
    const { codes, flags } = books.encodeRows(A);
    const data = scanFloat(codes, A.rows, books.C, PQ_K, this.T as Float32Array, M);
    return markFlaggedRows({ rows: A.rows, cols: M, data }, flags);
  }

  protected costPerRow(D: number, M: number): Cost {
    const C = this.params.codebooks as number;
    // Distances to all K centroids of each block: D · K multiplies in all.
    return { multiplies: D * PQ_K, lookups: C * M, encodedBytes: C };
  }

  protected override stateArrays(): Record<string, StateArray> {
    const books = this.books_();
    return this.T === null ? { centroids: books.centroids } :
      { centroids: books.centroids, tables: this.T };
  }

  /** @internal */
  static fromState(state: MethodState, source: string): PqMethod {
    const params = restoredParams(state, PARAMS, source);
    const C = params.codebooks as number;
    const method = new PqMethod(params);
    const centroids = checkStateArray(state, 'centroids', Float32Array, PQ_K * state.D, source);
    method.books = new BlockCodebooks(state.D, C, PQ_K, centroids.slice());
    if (state.M !== null) {
      method.T = checkStateArray(state, 'tables', Float32Array, C * PQ_K * state.M, source)
        .slice();
    }
    return method.markRestored(state.D, state.nTrain, state.M);
  }

  private books_(): BlockCodebooks {
    assert(this.books !== null, 'the base class checks fit before prepare and multiply');
    return this.books;
  }
}

export const pqSpec: MethodSpec = {
  name: 'pq',
  summary: 'product quantization: 256 k-means centroids per codebook, float tables',
  params: PARAMS,
  randomized: true,
  budget: 'codebooks',
  grid: (D) => codebookGrid(D),
  create: (params) => new PqMethod(resolveParams('pq', PARAMS, params)),
  restore: (state, source) => PqMethod.fromState(state, source),
};
