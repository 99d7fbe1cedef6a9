/** The median behind every timing summary and the report's tables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median } from '../../src/core/metrics.js';
import { summarize } from '../../src/core/timing.js';

test('median: middle value, or the mean of the middle two; the input keeps its order', () => {
  assert.equal(median([3]), 3);
  const odd = [5, 1, 3];
  assert.equal(median(odd), 3);
  assert.deepEqual(odd, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test('summarize: median, min, max and count of the timings', () => {
  assert.deepEqual(summarize([2, 9, 4, 1]), { medianMs: 3, minMs: 1, maxMs: 9, runs: 4 });
});
