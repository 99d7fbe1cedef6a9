/**
 * Wall-clock timing for benchmarks and the demo: warm-up runs, then the median of repeats.
 * @module
 */
import { median } from './metrics.js';

/** Median and spread of repeated timings, in milliseconds. */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/** Median, min and max of timings in ms (at least one); `ms` is left as it was. */
export function summarize(ms: readonly number[]): Timing {
  return { medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), runs: ms.length };
}

/**
 * Times `run` `repeats` times after at least `warmup` untimed calls and at least `warmupMs` of
 * untimed running: WebAssembly starts in V8's baseline compiler and is replaced by optimized
 * code in the background, so the first calls are slower. `run` returns something derived from
 * its result so that the work cannot be skipped; `sink` is returned to keep it alive.
 */
export function timeMedian(run: () => unknown, repeats = 7, warmup = 2,
  warmupMs = 200): Timing & { sink: unknown } {
  let sink: unknown = null;
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) sink = run();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    sink = run();
    ms.push(performance.now() - start);
  }
  return { ...summarize(ms), sink };
}

/** timeMedian for work that completes asynchronously (a peer library's promise-based run). */
export async function timeMedianAsync(run: () => Promise<unknown>, repeats = 7, warmup = 2,
  warmupMs = 200): Promise<Timing> {
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return summarize(ms);
}
