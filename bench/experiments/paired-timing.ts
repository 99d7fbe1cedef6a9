/**
 * A method's query and the exact product timed together, in alternating rounds. On a machine
 * others share, the load changes from one second to the next: timed minutes apart, the same
 * exact product came out 2.6 times slower once, and every speed-up on that instance with it.
 * Rounds that alternate the two (query then exact, exact then query) put both under the same
 * load, so their ratio, the speed-up, holds even when each time on its own moves.
 */
import { summarize, type Timing } from '../../src/core/timing.js';

export interface Repeats {
  /** Timed rounds (each times both). */
  runs: number;
  /** Untimed calls of each before the rounds, at least ... */
  warmup: number;
  /** ... and for at least this long in all (the WebAssembly tier-up). */
  warmupMs: number;
}

export interface PairedTiming {
  query: Timing;
  exact: Timing;
}

/** A call shorter than this is timed in batches, so the timer's resolution stays small. */
const BATCH_MS = 2;
/** A call longer than this is timed in 3 rounds without warm-up: its spread is small. */
export const LONG_MS = 500;
export const LONG_RUNS = 3;

/**
 * Times `query` and `exact`: one call of each sets its batch size (calls per timed batch); then
 * warm-up, then rounds alternating which goes first. Times are per call.
 * @param firstQueryMs the time of a call of `query` just made (its output scored), which then
 *   stands for the first call, since a long query need not run once more for that
 * @param now the clock, in milliseconds (tests pass their own)
 */
export function timePaired(query: () => unknown, exact: () => unknown, repeats: Repeats,
  firstQueryMs?: number, now: () => number = () => performance.now()):
  PairedTiming & { sink: unknown } {
  let sink: unknown = null;
  const once = (run: () => unknown): number => {
    const start = now();
    sink = run();
    return now() - start;
  };
  const qOnce = firstQueryMs ?? once(query);
  const eOnce = once(exact);
  const batch = (ms: number): number => Math.max(1, Math.min(1000, Math.ceil(BATCH_MS / ms)));
  const parts = [{ run: query, batch: batch(qOnce), ms: [] as number[] },
    { run: exact, batch: batch(eOnce), ms: [] as number[] }];
  const long = Math.max(qOnce, eOnce) > LONG_MS;
  const timeBatch = (p: (typeof parts)[number]): number => {
    const start = now();
    for (let i = 0; i < p.batch; i++) sink = p.run();
    return (now() - start) / p.batch;
  };
  if (!long) {
    const start = now();
    for (let i = 0; i < repeats.warmup || now() - start < repeats.warmupMs; i++) {
      for (const p of parts) timeBatch(p);
    }
  }
  const rounds = long ? LONG_RUNS : repeats.runs;
  for (let r = 0; r < rounds; r++) {
    for (const p of r % 2 === 0 ? parts : [...parts].reverse()) p.ms.push(timeBatch(p));
  }
  // The last output is returned, so no call can be optimized away as unused.
  return { query: summarize(parts[0].ms), exact: summarize(parts[1].ms), sink };
}
