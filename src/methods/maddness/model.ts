/**
 * The MADDNESS model: a trained encoder and prototypes (from a sample of A), lookup tables
 * (from B), and the product A·B computed by encoding rows and adding table entries.
 * See ALGORITHM.md; the kernels it runs are in assembly/ with twins in src/kernels/scalar/.
 * @module
 */
import { InvalidArgumentError, NotFittedError, ShapeMismatchError } from '../../core/errors.js';
import { checkFinite, checkMatrix, takeRows, type Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import {
  columnsAndScan, encodeAndScan, type EncoderTables, type LutTables,
} from '../../kernels/index.js';
import { MAX_THREADS, threadedQuery } from '../../kernels/threads/pool.js';
import { columnRanges, encodeToCodes, quantizeEncoder } from './encoder.js';
import { learnTree, type HashTree } from './hash-tree.js';
import { buildLuts } from './lut.js';
import { MAX_DIM, resolveOptions, type MaddnessOptions } from './options.js';
import { K, learnPrototypes } from './prototypes.js';
import { FORMAT_VERSION } from './format.js';
import { crc32 } from '../../core/crc32.js';
import { outputTarget, type Objective } from './objective.js';
import { blockOf, refineTrees } from './refine.js';
import { blockStarts } from './subspaces.js';

/** Options of `multiply` and `multiplyColumns`. */
export interface MultiplyOptions {
  /** Add the looked-up bytes exactly in 16 bits instead of by averaging. @defaultValue false */
  readonly exactSum?: boolean;
  /**
   * Threads to run the query on, an integer from 1 to 64: this one and threads − 1 workers of
   * a reused pool (see `closeThreadPool`); fewer when the rows have fewer 16-row blocks. The
   * result is bit-identical for every count. With more than 1 it lies on a SharedArrayBuffer,
   * and an input on one (see `sharedMatrix`) is read by the workers in place; any other input
   * has the workers' rows copied first. @defaultValue 1
   */
  readonly threads?: number;
  /**
   * (N, M) f32 to write Y into, returned as the result, instead of a new array: a caller that
   * multiplies batch after batch reuses it and skips the first touch of fresh memory (about
   * 13 ms for 40 MB on a 2-core VM). Every value is written. It must not share memory with
   * the input, and with threads > 1 it must lie on a SharedArrayBuffer (see `sharedMatrix`).
   * @defaultValue a new (N, M) array
   */
  readonly out?: Matrix;
}

/** Everything a model holds; what the model file stores. */
export interface ModelState {
  readonly D: number;
  readonly C: number;
  readonly lutWork: number;
  readonly lambda: number;
  readonly seed: number;
  readonly nTrain: number;
  /** (C + 1) i32 block boundaries. */
  readonly starts: Int32Array;
  readonly encoder: EncoderTables;
  /** (C * 16, D) f32 prototypes. */
  readonly prototypes: Float32Array;
  readonly luts: LutTables | null;
  /** What the trees were fitted to. */
  readonly objective: Objective;
  /** CRC-32 of the B the encoder was fitted for (output objective), else null. */
  readonly fitB: number | null;
  /** CRC-32 of the B whose tables the model holds, else null. */
  readonly tablesB: number | null;
}

/** What `info()` reports (and `maddness info` prints as JSON). */
export interface ModelInfo {
  readonly method: 'maddness';
  readonly N_train: number;
  readonly D: number;
  readonly M: number | null;
  readonly C: number;
  readonly L: number;
  readonly lambda: number;
  readonly seed: number;
  readonly objective: Objective;
  /**
   * For the output objective: whether the tables are for the B the encoder was fitted for
   * (false after setB with another B: results stay correct, but the encoder was tuned for the
   * other one); null for the paper's objective or before any B.
   */
  readonly encoderFittedForB: boolean | null;
  readonly formatVersion: number;
}

/** A trained MADDNESS model. Create with `MaddnessModel.fit` or `loadModel`. */
export class MaddnessModel {
  private readonly state: ModelState;

  /** @internal Use `MaddnessModel.fit` or `loadModel`. */
  constructor(state: ModelState) {
    if (state === null || typeof state !== 'object' ||
      !(state.prototypes instanceof Float32Array)) {
      throw new InvalidArgumentError('state',
        'is internal: create models with MaddnessModel.fit or loadModel', typeof state);
    }
    this.state = state;
  }

  /**
   * Learns the encoder and prototypes from training rows of A; with `options.b`, also fits the
   * trees to the product with B (unless `objective: 'reconstruct'`) and sets B.
   * @param A (N, D) training rows, N ≥ 1, all finite
   * @param options codebooks C (1..256, ≤ D), lutWork L, lambda, seed, b, objective, ...
   * @throws InvalidArgumentError for bad options or N = 0; NonFiniteError naming the entry;
   *   ShapeMismatchError when b.rows ≠ D
   * @example
   * const model = MaddnessModel.fit(Atrain, { codebooks: 16 }).setB(B);
   * const Y = model.multiply(Atest); // ≈ Atest · B, (N, M)
   */
  static fit(A: Matrix, options: MaddnessOptions): MaddnessModel {
    checkMatrix('A', A);
    if (A.rows === 0) throw new InvalidArgumentError('A', 'must have at least 1 row to fit', 0);
    checkFinite('A', A);
    const opts = resolveOptions(options, A.cols);
    const B = options.b === undefined ? undefined : checkB(options.b, A.cols);
    const train = A.rows > opts.maxTrainRows ? subsample(A, opts.maxTrainRows, opts.seed) : A;
    const { codebooks: C, lutWork, lambda, seed } = opts;
    const D = train.cols;
    const N = train.rows;
    const starts = blockStarts(D, C);
    const progress = options.onProgress;
    // resolveOptions has checked that the output objective comes with B.
    const outputB = opts.objective === 'output' ? B : undefined;

    let trees: HashTree[] = [];
    for (let c = 0; c < C; c++) {
      const block = blockOf(train, starts[c], starts[c + 1]);
      const target = outputB === undefined ? undefined
        : outputTarget(block, N, starts[c], starts[c + 1], outputB);
      trees.push(learnTree(block, N, starts[c + 1] - starts[c], starts[c], target));
      progress?.(c + 1, C + 1, 'hash trees');
    }
    const ranges = columnRanges(train);
    if (outputB) {
      trees = refineTrees(train, outputB, trees, starts, opts.refinePasses, seed, ranges);
    }
    const encoder = quantizeEncoder(trees, ranges);
    // Re-assign with the quantized encoder so training sees the codes inference will see.
    const codes = encodeToCodes(train, encoder);
    const prototypes = learnPrototypes(train, codes, starts, lutWork, lambda);
    progress?.(C + 1, C + 1, 'prototypes');
    const model = new MaddnessModel({ D, C, lutWork, lambda, seed, nTrain: N, starts, encoder,
      prototypes, luts: null, objective: opts.objective,
      fitB: outputB ? checksumOf(outputB) : null, tablesB: null });
    return B === undefined ? model : model.setB(B);
  }

  /**
   * Precomputes the lookup tables for B; replaces any earlier B. Returns this model.
   * @param B (D, M) with M ≥ 1, all finite
   * @throws ShapeMismatchError when B.rows ≠ D; InvalidArgumentError when M = 0
   */
  setB(B: Matrix): this {
    checkMatrix('B', B);
    const { D, C, encoder, prototypes } = this.state;
    if (B.rows !== D) {
      throw new ShapeMismatchError('setB', `B with D = ${D} rows`, `${B.rows}×${B.cols}`);
    }
    if (B.cols === 0) throw new InvalidArgumentError('B', 'must have at least 1 column', 0);
    if (B.cols > MAX_DIM) {
      throw new InvalidArgumentError('B', `must have at most ${MAX_DIM} columns`, B.cols);
    }
    checkFinite('B', B);
    const luts = buildLuts(prototypes, C, encoder.Cs, B.data, D, B.cols);
    const state = this.state as { luts: LutTables | null; tablesB: number | null };
    state.luts = luts;
    state.tablesB = checksumOf(B);
    return this;
  }

  /**
   * Y ≈ A · B by table lookups: encode each row, then add one table entry per codebook.
   * @param A (N, D), N ≥ 0
   * @param options exactSum, threads, out (see MultiplyOptions)
   * @returns (N, M) f32: options.out when given
   * @throws NotFittedError before setB; ShapeMismatchError when A.cols ≠ D or out is not
   *   (N, M); InvalidArgumentError naming exactSum, threads or out
   */
  multiply(A: Matrix, options: MultiplyOptions = {}): Matrix {
    checkMatrix('A', A);
    checkMultiplyOptions(options);
    const { D, encoder, luts } = this.state;
    if (luts === null) throw new NotFittedError('multiply needs B: call setB(B) first');
    if (A.cols !== D) {
      throw new ShapeMismatchError('multiply', `A with D = ${D} columns`, `${A.rows}×${A.cols}`);
    }
    const exact = options.exactSum === true;
    const threads = options.threads ?? 1;
    const out = checkOut(options.out, threads, 'multiply', A.rows, A.data, luts.M);
    const data = threads === 1 ? encodeAndScan(A, encoder, luts, exact, undefined, out)
      : threadedQuery({ kind: 'rows', data: A.data, width: D }, A.rows, encoder, luts, exact,
        threads, undefined, out);
    return options.out ?? { rows: A.rows, cols: luts.M, data };
  }

  /**
   * The (C · 4) columns of A the encoder reads, in the order `multiplyColumns` takes them:
   * entry c · 4 + t is the dim codebook c splits on at level t (a dim may repeat).
   */
  readColumns(): Int32Array {
    return this.state.encoder.dims.slice();
  }

  /**
   * Y ≈ A · B from only the columns the encoder reads, given column-major: row q of `cols`
   * holds column readColumns()[q] of every row of A. For callers that hold A by columns, this
   * skips reading the other D − 4·C columns. A NaN or ±Infinity in these values gives that
   * row NaN outputs; the other columns are not seen.
   * @param cols (4·C, N) f32 row-major
   * @param options exactSum, threads, out, as for multiply
   * @returns (N, M) f32 (options.out when given), equal to multiply(A) when A's other columns
   *   are finite
   * @throws NotFittedError before setB; ShapeMismatchError when cols.rows ≠ 4·C
   */
  multiplyColumns(cols: Matrix, options: MultiplyOptions = {}): Matrix {
    checkMatrix('cols', cols);
    checkMultiplyOptions(options);
    const { encoder, luts } = this.state;
    if (luts === null) throw new NotFittedError('multiplyColumns needs B: call setB(B) first');
    if (cols.rows !== encoder.dims.length) {
      throw new ShapeMismatchError('multiplyColumns',
        `cols with 4·C = ${encoder.dims.length} rows`, `${cols.rows}×${cols.cols}`);
    }
    const exact = options.exactSum === true;
    const threads = options.threads ?? 1;
    const N = cols.cols;
    const out = checkOut(options.out, threads, 'multiplyColumns', N, cols.data, luts.M);
    const data = threads === 1 ? columnsAndScan(cols.data, N, encoder, luts, exact, undefined,
      out) : threadedQuery({ kind: 'columns', data: cols.data, width: N }, N, encoder, luts,
      exact, threads, undefined, out);
    return options.out ?? { rows: N, cols: luts.M, data };
  }

  /** Codes (N, C) u8 row-major of the rows of A. */
  encode(A: Matrix): Uint8Array {
    checkMatrix('A', A);
    if (A.cols !== this.state.D) {
      throw new ShapeMismatchError('encode', `A with D = ${this.state.D} columns`,
        `${A.rows}×${A.cols}`);
    }
    return encodeToCodes(A, this.state.encoder);
  }

  /** Shapes, hyperparameters and the model file format version. */
  info(): ModelInfo {
    const s = this.state;
    return { method: 'maddness', N_train: s.nTrain, D: s.D, M: s.luts?.M ?? null, C: s.C,
      L: s.lutWork, lambda: s.lambda, seed: s.seed, objective: s.objective,
      encoderFittedForB: s.fitB === null || s.tablesB === null ? null : s.fitB === s.tablesB,
      formatVersion: FORMAT_VERSION };
  }

  /** @internal The full state, for the model file. */
  snapshot(): ModelState {
    return this.state;
  }

  /** Prototypes per codebook. */
  static readonly K = K;
}

function checkMultiplyOptions(options: MultiplyOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object', options);
  }
  if (options.exactSum !== undefined && typeof options.exactSum !== 'boolean') {
    throw new InvalidArgumentError('exactSum', 'must be true or false', options.exactSum);
  }
  const threads = options.threads;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 &&
    threads <= MAX_THREADS)) {
    throw new InvalidArgumentError('threads', `must be an integer from 1 to ${MAX_THREADS}`,
      threads);
  }
}

/**
 * The data of options.out, checked for the call `op` on `threads` threads and N rows whose
 * input values are `a`, giving M columns; undefined when no out is given.
 */
function checkOut(out: Matrix | undefined, threads: number, op: string, N: number,
  a: Float32Array, M: number): Float32Array | undefined {
  if (out === undefined) return undefined;
  checkMatrix('out', out);
  if (out.rows !== N || out.cols !== M) {
    throw new ShapeMismatchError(op, `out of ${N}×${M}`, `${out.rows}×${out.cols}`);
  }
  const o = out.data;
  if (a.buffer === o.buffer && a.byteOffset < o.byteOffset + o.byteLength &&
    o.byteOffset < a.byteOffset + a.byteLength) {
    throw new InvalidArgumentError('out', 'must not share memory with the input',
      `${out.rows}×${out.cols} over the input's buffer`);
  }
  if (threads > 1 && !(o.buffer instanceof SharedArrayBuffer)) {
    throw new InvalidArgumentError('out', 'must lie on a SharedArrayBuffer when threads > 1 ' +
      '(make it with sharedMatrix)', 'an ordinary Float32Array');
  }
  return o;
}

/** CRC-32 of B's shape and float32 values: tells one B from another in a model's info. */
function checksumOf(B: Matrix): number {
  const bytes = new Uint8Array(8 + 4 * B.data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, B.rows, true);
  view.setUint32(4, B.cols, true);
  bytes.set(new Uint8Array(B.data.buffer, B.data.byteOffset, 4 * B.data.length), 8);
  return crc32(bytes);
}

function checkB(B: Matrix, D: number): Matrix {
  checkMatrix('b', B);
  if (B.rows !== D) {
    throw new ShapeMismatchError('fit', `b with D = ${D} rows`, `${B.rows}×${B.cols}`);
  }
  checkFinite('b', B);
  return B;
}

function subsample(A: Matrix, rows: number, seed: number): Matrix {
  const pick = new Rng(seed).permutation(A.rows).subarray(0, rows);
  return takeRows(A, Uint32Array.from(pick).sort());
}


