/**
 * The progress bar's two pure parts: how a duration is written and how the time left is
 * estimated from the run's own mean time per cell.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, restEstimate } from '../../cli/progress.js';

test('formatDuration writes seconds, minutes and hours, and ? without a basis', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(42_400), '42s');
  assert.equal(formatDuration(59_600), '1m00s');
  assert.equal(formatDuration(185_000), '3m05s');
  assert.equal(formatDuration(3_720_000), '1h02m');
  assert.equal(formatDuration(Number.NaN), '?');
  assert.equal(formatDuration(-1), '?');
  assert.equal(formatDuration(Infinity), '?');
});

test('restEstimate is the mean time per finished cell times the cells left', () => {
  assert.equal(restEstimate(10_000, 4, 6), 15_000);
  assert.equal(restEstimate(10_000, 4, 0), 0);
  assert.ok(Number.isNaN(restEstimate(0, 0, 5)));
});
