/**
 * What the threads of one MADDNESS query share: the layout of the control array, the claiming
 * of chunks of rows, the task a worker is posted, and the worker's side of running it. The
 * worker keeps the encoder and lookup tables it was sent, by id, so that each model and B
 * crosses to it once.
 * @module
 */
import { assert, type ErrorCode } from '../../core/errors.js';
import {
  columnsRunner, rowsRunner, type Backend, type EncoderTables, type LutTables, type RowsRunner,
} from '../index.js';
import { kernelBuild, selectKernelBuild, type KernelBuild } from '../wasm/loader.js';

/** Most threads one query may use: the main thread and 63 workers. */
export const MAX_THREADS = 64;

/**
 * The control array: (CONTROL_LENGTH) i32 on a SharedArrayBuffer, one for the pool.
 *   [PENDING]        workers still running the current call; each counts itself done.
 *   [STATUS + slot]  1 when worker `slot` (0-based) failed; its error is then on its port.
 *   [CLAIMS]         the current call's claims, back · 2^15 + front: chunks 0 .. front − 1
 *                    are taken by workers (from the front), back .. chunks − 1 by the main
 *                    thread (from the back); none is left when front = back.
 *   [STAGED]         chunks 0 .. STAGED − 1 of an unshared input are copied for the workers;
 *                    −1 when the main thread failed and the workers are to stop.
 */
export const PENDING = 0;
export const STATUS = 1;
export const CLAIMS = STATUS + MAX_THREADS;
export const STAGED = CLAIMS + 1;
export const CONTROL_LENGTH = STAGED + 1;
/** Most chunks of one call, so that front and back fit the 15 bits each of CLAIMS. */
export const MAX_CHUNKS = 2 ** 15 - 1;

/** The query's input as one thread reads it. */
export interface QueryInput {
  /**
   * 'rows': data is (N, width) f32 row-major, rows of A (width = D). 'columns': data is
   * (Q, width) f32 row-major, the Q = 4·C columns the encoder reads, each of width = N values.
   */
  readonly kind: 'rows' | 'columns';
  readonly data: Float32Array;
  readonly width: number;
}

/** What the main thread posts to a worker (structured-cloned; shared buffers stay shared). */
export interface QueryTask {
  /**
   * On a SharedArrayBuffer: the caller's input, or (when `staged`) the pool's staging copy,
   * laid out like the input, whose chunks are usable once STAGED has passed them.
   */
  readonly input: QueryInput;
  readonly staged: boolean;
  readonly N: number;
  /** Rows per chunk, a multiple of 16: chunk k is rows k · chunkRows .. (k + 1) · chunkRows. */
  readonly chunkRows: number;
  /** (N, M) f32 row-major: the shared result, each chunk's rows written by its claimer. */
  readonly out: Float32Array;
  readonly encoderId: number;
  readonly lutId: number;
  /** Present only when the worker does not hold that id yet. */
  readonly encoder?: EncoderTables;
  readonly lut?: LutTables;
  /** Ids the worker forgets first (the main thread keeps the record of what each one holds). */
  readonly drop: readonly number[];
  readonly exact: boolean;
  readonly backend: Backend;
  /** The main thread's kernel build, which the worker loads too (null: scalar backend). */
  readonly build: KernelBuild | null;
}

/** What the pool passes a worker at start (workerData). */
export interface WorkerSetup {
  readonly control: Int32Array;
  readonly slot: number;
  readonly port: import('node:worker_threads').MessagePort;
}

/** A worker's error as it crosses back to the main thread. */
export interface TaskError {
  readonly name: string;
  readonly message: string;
  /** Only for a MaddnessError: its code (any other error is a bug, reported as internal). */
  readonly code?: ErrorCode;
  readonly details?: Record<string, unknown>;
}

/** The CLAIMS value for chunks front .. back − 1 unclaimed. */
export function claims(front: number, back: number): number {
  return back * 2 ** 15 + front;
}

/** Takes the lowest unclaimed chunk (workers), or returns −1 when none is left. */
export function claimFront(control: Int32Array): number {
  for (;;) {
    const v = Atomics.load(control, CLAIMS);
    const front = v & 0x7fff;
    const back = v >>> 15;
    if (front >= back) return -1;
    if (Atomics.compareExchange(control, CLAIMS, v, claims(front + 1, back)) === v) return front;
  }
}

/** Takes the highest unclaimed chunk (the main thread), or returns −1 when none is left. */
export function claimBack(control: Int32Array): number {
  for (;;) {
    const v = Atomics.load(control, CLAIMS);
    const front = v & 0x7fff;
    const back = v >>> 15;
    if (front >= back) return -1;
    if (Atomics.compareExchange(control, CLAIMS, v, claims(front, back - 1)) === v) {
      return back - 1;
    }
  }
}

/** A runner of row ranges of `input` (see rowsRunner), for runs of up to maxRows rows. */
export function runnerFor(input: QueryInput, encoder: EncoderTables, lut: LutTables,
  exact: boolean, maxRows: number, backend: Backend): RowsRunner {
  if (input.kind === 'rows') {
    const A = { rows: input.data.length / input.width, cols: input.width, data: input.data };
    return rowsRunner(A, encoder, lut, exact, maxRows, backend);
  }
  return columnsRunner(input.data, input.width, encoder, lut, exact, maxRows, backend);
}

const held = new Map<number, EncoderTables | LutTables>();

/** Runs one worker's part of a call: claims chunks from the front until none is left. */
export function runTask(task: QueryTask, control: Int32Array): void {
  for (const id of task.drop) held.delete(id);
  if (task.encoder !== undefined) held.set(task.encoderId, task.encoder);
  if (task.lut !== undefined) held.set(task.lutId, task.lut);
  const encoder = held.get(task.encoderId) as EncoderTables | undefined;
  const lut = held.get(task.lutId) as LutTables | undefined;
  assert(encoder !== undefined && lut !== undefined, 'a worker lacks the tables of its task');
  if (task.build !== null && kernelBuild() === null) selectKernelBuild(task.build);
  const { N, chunkRows, out } = task;
  const M = lut.M;
  const run = runnerFor(task.input, encoder, lut, task.exact, chunkRows, task.backend);
  for (let k = claimFront(control); k >= 0; k = claimFront(control)) {
    if (task.staged && !awaitStaged(control, k)) return;
    const r0 = k * chunkRows;
    const r1 = Math.min(N, r0 + chunkRows);
    run(r0, r1, out.subarray(r0 * M, r1 * M));
  }
}

/** Blocks until chunk k is staged; false when the main thread has called the call off. */
function awaitStaged(control: Int32Array, k: number): boolean {
  for (;;) {
    const staged = Atomics.load(control, STAGED);
    if (staged < 0) return false;
    if (staged > k) return true;
    Atomics.wait(control, STAGED, staged);
  }
}
