/**
 * Entry point of a pool worker. The main thread blocks in Atomics.wait while its workers run,
 * so it cannot hear a worker's 'error' event: every failure, even of loading the kernels'
 * modules (imported dynamically here so that it can be caught), is reported through the
 * shared control array and the reply port before the worker counts itself done. (A worker
 * that dies outright, which only a fatal error of the runtime does, would leave the main
 * thread waiting.)
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MaddnessError } from '../../core/errors.js';
import type { QueryTask, TaskError, WorkerSetup } from './task.js';

// Indices into the control array, as task.ts defines them (repeated: that module loads late).
const PENDING = 0;
const STATUS = 1;

const { control, slot, port } = workerData as WorkerSetup;
const work = import('./task.js');
// A failed import is reported per task below; unhandled here, it would end the worker at once.
work.catch(() => undefined);

parentPort?.on('message', (task: QueryTask) => {
  work.then((w) => w.runTask(task, control)).catch((error: unknown) => {
    // The error goes out before the count drops, so the main thread finds it on waking.
    port.postMessage(describe(error));
    Atomics.store(control, STATUS + slot, 1);
  }).finally(() => {
    Atomics.sub(control, PENDING, 1);
    Atomics.notify(control, PENDING);
  });
});

function describe(error: unknown): TaskError {
  if (error instanceof MaddnessError) {
    let details: Record<string, unknown> | undefined;
    try {
      // Only what can cross threads: a value in the details may not be cloneable.
      details = structuredClone(error.details as Record<string, unknown>);
    } catch {
      details = undefined;
    }
    return { name: error.name, message: error.message, code: error.code, details };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
