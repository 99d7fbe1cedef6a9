/**
 * Paired timing on a fake clock: per-call times from batches, warm-up before the rounds, the
 * two alternating which goes first, and long calls timed in 3 rounds without warm-up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timePaired } from '../../bench/experiments/paired-timing.js';

/** A clock that moves only when a fake call says it took time; calls are logged. */
function fake(costs: Record<'q' | 'e', (call: number) => number>): {
  now: () => number; call: (name: 'q' | 'e') => () => number; log: string[]; } {
  let t = 0;
  const log: string[] = [];
  const calls = { q: 0, e: 0 };
  return { now: () => t, log, call: (name) => () => {
    t += costs[name](calls[name]++);
    log.push(name);
    return t;
  } };
}

test('timePaired: batches, warm-up, then rounds that alternate the order', () => {
  // The query takes 0.5 ms a call (batches of 4), the exact product 3 ms (batches of 1).
  const clock = fake({ q: () => 0.5, e: () => 3 });
  const repeats = { runs: 5, warmup: 2, warmupMs: 0 };
  const t = timePaired(clock.call('q'), clock.call('e'), repeats, undefined, clock.now);
  assert.deepEqual(t.query, { medianMs: 0.5, minMs: 0.5, maxMs: 0.5, runs: 5 });
  assert.deepEqual(t.exact, { medianMs: 3, minMs: 3, maxMs: 3, runs: 5 });
  const batches = clock.log.join('').replace(/q{4}/g, 'Q');
  // One call each to size the batches, 2 warm-up rounds, then 5 alternating rounds.
  assert.equal(batches, 'qe' + 'QeQe' + 'Qe' + 'eQ' + 'Qe' + 'eQ' + 'Qe');
});

test('timePaired: the median resists a slow round; a long query skips warm-up', () => {
  // The exact product is slow once (another job took the core), in the third timed round.
  const clock = fake({ q: () => 10, e: (i) => (i === 5 ? 90 : 30) });
  const t = timePaired(clock.call('q'), clock.call('e'), { runs: 5, warmup: 2, warmupMs: 0 },
    undefined, clock.now);
  assert.equal(t.exact.medianMs, 30);
  assert.equal(t.exact.maxMs, 90);
  assert.equal(t.query.medianMs / t.exact.medianMs, 1 / 3);

  const slow = fake({ q: () => 800, e: () => 20 });
  const long = timePaired(slow.call('q'), slow.call('e'), { runs: 9, warmup: 2, warmupMs: 200 },
    800, slow.now);
  // The scored call stands for the first query call: only the exact product runs before.
  assert.equal(slow.log.join(''), 'e' + 'qe' + 'eq' + 'qe');
  assert.deepEqual([long.query.runs, long.query.medianMs, long.exact.medianMs], [3, 800, 20]);
});
