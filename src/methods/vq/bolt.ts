/**
 * Bolt (ALGORITHM.md section 6): C k-means codebooks of 16 centroids over contiguous blocks,
 * nearest-centroid encoding to 4-bit codes, 8-bit tables with per-(codebook, column) floors
 * and one scale per column, and exact 16-bit sums by the scanExact_u16 kernel that MADDNESS's
 * exact path uses, so the two differ only in how they encode and what their tables hold.
 * @module
 */
import { assert, BadModelFileError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { paddedCodebooks, scanCodes, type LutTables } from '../../kernels/index.js';
import { MatmulMethod, type Cost, type MethodSpec, type MethodState, type StateArray }
  from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { checkIndexRange, checkStateArray } from '../state-check.js';
import { BOLT_K, outputsFitFloat32, packCodes, quantizeTables } from './bolt-tables.js';
import { BlockCodebooks } from './codebooks.js';
import { markFlaggedRows } from './flagged-rows.js';
import {
  codebookGrid, codebooksParam, ITERATIONS_PARAM, restoredParams, SEED_PARAM,
} from './params.js';

// 256 codebooks of bytes ≤ 255 sum to at most 65280: the exact scan's 16-bit sums hold them.
const PARAMS: readonly ParamSpec[] = [codebooksParam(256), SEED_PARAM, ITERATIONS_PARAM];

/** Bolt through the common interface. */
export class BoltMethod extends MatmulMethod {
  readonly name = 'bolt';
  private books: BlockCodebooks | null = null;
  private luts: LutTables | null = null;

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

  /** The prepared tables; null before prepare. */
  get tables(): LutTables | null {
    return this.luts;
  }

  protected fitRows(A: Matrix): void {
    const p = this.params;
    this.books = BlockCodebooks.train(A, p.codebooks as number, BOLT_K, p.seed as number,
      p.iterations as number);
    this.luts = null;
  }

  protected prepareB(B: Matrix): void {
    const books = this.books_();
    this.luts = quantizeTables(books.tables(B), books.C, paddedCodebooks(books.C), B.cols);
  }

  /** The packed 4-bit codes of the rows of A, in the scan's layout (see packCodes). */
  encode(A: Matrix): Uint8Array {
    const books = this.books_();
    return packCodes(books.encode(A), A.rows, books.C, paddedCodebooks(books.C));
  }

  protected multiplyRows(A: Matrix): Matrix {
    const books = this.books_();
    const lut = this.luts as LutTables;
    const { codes, flags } = books.encodeRows(A);
    const packed = packCodes(codes, A.rows, books.C, lut.Cs);
    const data = scanCodes(packed, A.rows, lut, true);
    return markFlaggedRows({ rows: A.rows, cols: lut.M, data }, flags);
  }

  protected costPerRow(D: number, M: number): Cost {
    const C = this.params.codebooks as number;
    return { multiplies: BOLT_K * D, lookups: C * M, encodedBytes: C / 2 };
  }

  protected override stateArrays(): Record<string, StateArray> {
    const books = this.books_();
    const lut = this.luts;
    return lut === null ? { centroids: books.centroids } : { centroids: books.centroids,
      luts: lut.luts, invScale: lut.invScale, shift: lut.shiftExact };
  }

  /** @internal */
  static fromState(state: MethodState, source: string): BoltMethod {
    const params = restoredParams(state, PARAMS, source);
    const C = params.codebooks as number;
    const method = new BoltMethod(params);
    const centroids = checkStateArray(state, 'centroids', Float32Array, BOLT_K * state.D, source);
    method.books = new BlockCodebooks(state.D, C, BOLT_K, centroids.slice());
    if (state.M !== null) method.luts = restoreTables(state, C, state.M, source);
    return method.markRestored(state.D, state.nTrain, state.M);
  }

  private books_(): BlockCodebooks {
    assert(this.books !== null, 'the base class checks fit before prepare and multiply');
    return this.books;
  }
}

/** luts (M, Cs, 16) u8 with zero padding tables; invScale, shift (M) f32 in range. */
function restoreTables(state: MethodState, C: number, M: number, source: string): LutTables {
  const Cs = paddedCodebooks(C);
  const luts = checkStateArray(state, 'luts', Uint8Array, M * Cs * BOLT_K, source).slice();
  const invScale = checkStateArray(state, 'invScale', Float32Array, M, source).slice();
  const shift = checkStateArray(state, 'shift', Float32Array, M, source).slice();
  for (let m = 0; m < M; m++) {
    checkIndexRange(luts.subarray((m * Cs + C) * BOLT_K, (m + 1) * Cs * BOLT_K), 0, 1,
      `luts (padding tables of column ${m})`, source);
    if (!outputsFitFloat32(invScale[m], shift[m], Cs)) {
      throw new BadModelFileError(source, `invScale and shift of column ${m} are out of range`);
    }
  }
  return { M, Cs, luts, invScale, shiftAvg: shift, shiftExact: shift };
}

export const boltSpec: MethodSpec = {
  name: 'bolt',
  summary: 'Bolt: 16 k-means centroids per codebook, 4-bit codes, 8-bit tables, exact sums',
  params: PARAMS,
  randomized: true,
  budget: 'codebooks',
  grid: (D) => codebookGrid(D),
  create: (params) => new BoltMethod(resolveParams('bolt', PARAMS, params)),
  restore: (state, source) => BoltMethod.fromState(state, source),
};
