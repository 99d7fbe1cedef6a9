/**
 * The MADDNESS query on several threads: a lazily created, reused pool of worker threads, each
 * with its own instance of the kernel module (the main thread's build). A call stays
 * synchronous: the rows are cut into chunks of whole 16-row blocks; the main thread posts the
 * call to its workers, which claim chunks from the front while it claims them from the back,
 * and then blocks in Atomics.wait until every worker has counted itself done. Claiming instead
 * of a fixed split keeps every thread busy to the end, also when another process holds a core.
 * Every row's outputs depend on that row alone, so the result is bit-identical to one
 * thread's, whatever the split.
 *
 * Workers read their rows straight from the input when it lies on a SharedArrayBuffer.
 * Otherwise the main thread copies chunks into a shared staging buffer a few ahead of the
 * workers' claims, between its own chunks (which it reads in place), and the workers wait for
 * the chunks they claim. All threads write into one result on a SharedArrayBuffer. The
 * workers are unref()'d, so the pool never keeps a process alive; `closeThreadPool` ends them.
 * @module
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from
  'node:worker_threads';
import { MaddnessError, OutOfMemoryError } from '../../core/errors.js';
import {
  allocateOutput, getBackend, type Backend, type EncoderTables, type LutTables,
} from '../index.js';
import { kernelBuild, kernels } from '../wasm/loader.js';
import {
  CLAIMS, claimBack, claims, CONTROL_LENGTH, MAX_CHUNKS, PENDING, runnerFor,
  STAGED, STATUS, type QueryInput, type QueryTask, type TaskError,
} from './task.js';

export { MAX_THREADS } from './task.js';

/** Table ids a worker keeps: a few models or Bs used in turn are not resent on every call. */
const HELD_TABLES = 16;
/** Bytes of input per chunk claimed, before the cap that keeps 4 chunks per thread. */
const CLAIM_BYTES = 1 << 20;
/** Chunks the main thread keeps staged ahead of the workers' claims, per worker. */
const AHEAD = 4;

interface PooledWorker {
  readonly worker: Worker;
  /** The main thread's end of the worker's reply port (errors only; read synchronously). */
  readonly port: MessagePort;
  /** Table ids the worker holds, each with the number of the call that last used it. */
  readonly held: Map<number, number>;
  alive: boolean;
}

/** (CONTROL_LENGTH) i32 on a SharedArrayBuffer, shared with every worker (see task.ts). */
let control: Int32Array | null = null;
/** Workers by slot; null where none was started or one was retired. */
const pool: (PooledWorker | null)[] = [];
/** (capacity) f32 on a SharedArrayBuffer: the staged copy of an unshared input. */
let staging: Float32Array | null = null;
const tableIds = new WeakMap<object, number>();
let nextTableId = 1;
let callCount = 0;
/** Chunks of the last threaded call, and how many of them the workers claimed. */
let lastCall = { chunks: 0, byWorkers: 0 };

/**
 * Y (N, M) f32 row-major on a SharedArrayBuffer: the query of `input` on up to `threads`
 * threads (fewer when N has fewer chunks), equal bit for bit to the one-thread query.
 * @param input rows (N, D) or the encoder's columns (Q, N), as `QueryInput` describes
 * @param threads 1 .. MAX_THREADS, checked by the caller
 * @param out (N, M) f32 on a SharedArrayBuffer to write Y into (checked by the caller); a new
 *   one when not given
 * @throws what the kernels throw on any thread (OutOfMemoryError, ...)
 */
export function threadedQuery(input: QueryInput, N: number, encoder: EncoderTables,
  lut: LutTables, exact: boolean, threads: number, backend: Backend = getBackend(),
  out: Float32Array = allocateOutput(N, lut.M, true)): Float32Array {
  const M = lut.M;
  const rowBytes = 4 * (input.kind === 'rows' ? input.width : encoder.C * 4);
  const chunkRows = claimRows(N, rowBytes, threads);
  const chunks = Math.ceil(N / chunkRows);
  const workers = Math.min(threads, chunks) - 1;
  const run = runnerFor(input, encoder, lut, exact, chunkRows, backend);
  if (workers <= 0) {
    run(0, N, out);
    return out;
  }
  // The workers load the build the main thread has, so every thread runs the same code.
  const build = backend === 'wasm' ? (kernels(), kernelBuild()) : null;
  const ctl = startWorkers(workers);
  const shared = input.data.buffer instanceof SharedArrayBuffer;
  const view = shared ? input : { ...input, data: stagingFor(input.data.length) };
  Atomics.store(ctl, CLAIMS, claims(0, chunks));
  Atomics.store(ctl, STAGED, shared ? chunks : 0);
  callCount++;
  let failure: unknown = null;
  for (let slot = 0; slot < workers; slot++) {
    const w = pool[slot] as PooledWorker;
    const task: QueryTask = { input: view, staged: !shared, N, chunkRows, out, exact, backend,
      build, ...tablesFor(w, encoder, lut) };
    Atomics.store(ctl, STATUS + slot, 0);
    Atomics.add(ctl, PENDING, 1);
    try {
      w.worker.postMessage(task);
    } catch (error) {
      Atomics.sub(ctl, PENDING, 1);
      void retire(slot);
      failure ??= error;
    }
  }
  try {
    if (failure !== null) throw failure;
    const stage = shared ? null : stager(input, view.data, N, chunkRows, ctl);
    for (;;) {
      stage?.(AHEAD * workers);
      const k = claimBack(ctl);
      if (k < 0) break;
      run(k * chunkRows, Math.min(N, (k + 1) * chunkRows),
        out.subarray(k * chunkRows * M, Math.min(N, (k + 1) * chunkRows) * M));
    }
    // Every chunk is claimed now; those the workers took must all be staged.
    stage?.(Infinity);
  } catch (error) {
    failure ??= error;
    // Call it off: no chunk is left to claim, and workers waiting for staging give up.
    Atomics.store(ctl, CLAIMS, claims(0, 0));
    Atomics.store(ctl, STAGED, -1);
    Atomics.notify(ctl, STAGED);
  } finally {
    // Even when this thread failed, the workers must finish before their buffers are reused.
    for (let left = Atomics.load(ctl, PENDING); left !== 0; left = Atomics.load(ctl, PENDING)) {
      Atomics.wait(ctl, PENDING, left);
    }
  }
  lastCall = { chunks, byWorkers: failure === null ? Atomics.load(ctl, CLAIMS) & 0x7fff : 0 };
  for (let slot = 0; slot < workers; slot++) {
    if (Atomics.load(ctl, STATUS + slot) === 1) {
      failure ??= workerError(slot);
      void retire(slot);
    }
  }
  if (failure !== null) throw failure;
  return out;
}

/**
 * Ends every worker of the pool and frees its staging buffer; resolves once all have exited.
 * A later threaded call starts new workers. Not needed for a process to exit (the workers are
 * unref()'d), but it returns their memory.
 */
export async function closeThreadPool(): Promise<void> {
  const ending: Promise<unknown>[] = [];
  for (let slot = 0; slot < pool.length; slot++) ending.push(retire(slot));
  pool.length = 0;
  staging = null;
  await Promise.all(ending);
}

/**
 * The chunks of rows of the last call that used workers, and how many of them the workers
 * computed (the main thread did the rest): for tests and diagnostics.
 */
export function lastThreadedCall(): { readonly chunks: number; readonly byWorkers: number } {
  return lastCall;
}

/** The number of live workers in the pool (for tests and diagnostics). */
export function threadPoolSize(): number {
  return pool.filter((w) => w !== null && w.alive).length;
}

/**
 * Rows per claimed chunk, a multiple of 16: about CLAIM_BYTES of input, but small enough for
 * 4 chunks per thread (so that claiming can even out the threads) and large enough for N to
 * have at most MAX_CHUNKS.
 */
export function claimRows(N: number, rowBytes: number, threads: number): number {
  const bySize = 16 * Math.max(1, Math.floor(CLAIM_BYTES / rowBytes / 16));
  const byThreads = 16 * Math.ceil(N / (4 * threads) / 16);
  const byCount = 16 * Math.ceil(N / MAX_CHUNKS / 16);
  return Math.max(16, byCount, Math.min(bySize, byThreads));
}

/**
 * Copies chunks of `input` into `staged` (laid out like the input) in order, publishing each
 * in STAGED; a call stages while the next chunk is not the main thread's and lies fewer than
 * `ahead` chunks past the workers' claims.
 */
function stager(input: QueryInput, staged: Float32Array, N: number, chunkRows: number,
  ctl: Int32Array): (ahead: number) => void {
  let next = 0;
  return (ahead) => {
    for (;;) {
      const v = Atomics.load(ctl, CLAIMS);
      if (next >= v >>> 15 || next >= (v & 0x7fff) + ahead) return;
      const r0 = next * chunkRows;
      const r1 = Math.min(N, r0 + chunkRows);
      if (input.kind === 'rows') {
        const D = input.width;
        staged.set(input.data.subarray(r0 * D, r1 * D), r0 * D);
      } else {
        for (let q = 0, Q = input.data.length / N; q < Q; q++) {
          staged.set(input.data.subarray(q * N + r0, q * N + r1), q * N + r0);
        }
      }
      Atomics.store(ctl, STAGED, ++next);
      Atomics.notify(ctl, STAGED);
    }
  };
}

/** Starts the workers of slots 0 .. count − 1 that are not running; returns the control. */
function startWorkers(count: number): Int32Array {
  control ??= new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
  for (let slot = 0; slot < count; slot++) {
    if (pool[slot]?.alive === true) continue;
    if (pool[slot] != null) void retire(slot);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { control, slot, port: port2 }, transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const entry: PooledWorker = { worker, port: port1, held: new Map(), alive: true };
    // Seen only between calls (the main thread is blocked during them); a dead worker is
    // replaced by the next call.
    const gone = (): void => {
      entry.alive = false;
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    pool[slot] = entry;
  }
  return control;
}

/**
 * Drops a worker from the pool, ending it if it still runs (its state is no longer known);
 * resolves when it has exited.
 */
function retire(slot: number): Promise<unknown> {
  const w = pool[slot];
  if (w == null) return Promise.resolve();
  const ended = w.alive ? w.worker.terminate() : Promise.resolve();
  w.alive = false;
  w.port.close();
  pool[slot] = null;
  return ended;
}

/** (length) f32 view of the staging buffer, grown (never shrunk) to hold it. */
function stagingFor(length: number): Float32Array {
  if (staging === null || staging.length < length) {
    staging = null;
    try {
      staging = new Float32Array(new SharedArrayBuffer(4 * length));
    } catch {
      throw new OutOfMemoryError('the staging copy of the rows for the worker threads',
        4 * length);
    }
  }
  return staging.subarray(0, length);
}

/** The table ids of this call for worker `w`, with the tables it lacks and the ids it drops. */
function tablesFor(w: PooledWorker, encoder: EncoderTables, lut: LutTables):
  Pick<QueryTask, 'encoderId' | 'lutId' | 'encoder' | 'lut' | 'drop'> {
  const encoderId = idOf(encoder);
  const lutId = idOf(lut);
  const sendEncoder = !w.held.has(encoderId);
  const sendLut = !w.held.has(lutId);
  w.held.set(encoderId, callCount);
  w.held.set(lutId, callCount);
  const drop: number[] = [];
  while (w.held.size > HELD_TABLES) {
    let oldest = -1;
    let oldestCall = Infinity;
    for (const [id, call] of w.held) {
      if (call < oldestCall) [oldest, oldestCall] = [id, call];
    }
    w.held.delete(oldest);
    drop.push(oldest);
  }
  return { encoderId, lutId, drop, encoder: sendEncoder ? encoder : undefined,
    lut: sendLut ? lut : undefined };
}

/**
 * A model's tables are never changed once built (setB builds new ones), so the object itself
 * is the key under which a worker keeps them.
 */
function idOf(tables: object): number {
  let id = tableIds.get(tables);
  if (id === undefined) {
    id = nextTableId++;
    tableIds.set(tables, id);
  }
  return id;
}

/** The error worker `slot` reported, rebuilt on this thread. */
function workerError(slot: number): Error {
  const w = pool[slot] as PooledWorker;
  // The worker posts its error before it counts itself done, so it is already queued.
  const reply = receiveMessageOnPort(w.port)?.message as TaskError | undefined;
  if (reply === undefined) return new Error('internal error: a worker thread failed silently');
  if (reply.code !== undefined) {
    const error = new MaddnessError(reply.code, reply.message, reply.details);
    error.name = reply.name;
    return error;
  }
  return new Error(`internal error in a worker thread: ${reply.name}: ${reply.message}`);
}
