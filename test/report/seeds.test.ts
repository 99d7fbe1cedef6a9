/**
 * The report's mean over trials: cells that differ only in the seed of a randomized method
 * become one setting with the mean metric and times; other cells are left as they are.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageSeeds } from '../../report/page/seeds.js';
import { makeCell } from '../helpers/cells.js';

test('trials of one setting merge into their mean; other settings stay apart', () => {
  const trial = (seed: number, value: number, speedup: number) => ({
    cell: makeCell('softmax', 'fashion-mnist', 'hashjl', { d: 8, seed }, value, speedup,
      { images: seed === 0 ? ['images/a.png'] : [] }),
    file: `cells/hashjl-${seed}.json`,
  });
  const other = { cell: makeCell('softmax', 'fashion-mnist', 'hashjl', { d: 16, seed: 0 }, 0.9,
    2), file: 'cells/hashjl-d16.json' };
  const exact = { cell: makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1),
    file: 'cells/exact.json' };
  const merged = averageSeeds([trial(0, 0.2, 2), trial(1, 0.4, 3), trial(2, 0.6, 4), other,
    exact]);
  assert.equal(merged.length, 3);
  const mean = merged.find((l) => l.cell.params.d === 8)?.cell;
  assert.ok(mean);
  assert.deepEqual(mean.params, { d: 8, seeds: 3 });
  assert.ok(Math.abs(mean.metric.value - 0.4) < 1e-12);
  assert.ok(Math.abs(mean.metrics.relativeAccuracy - 0.4) < 1e-12);
  assert.equal(mean.timing?.speedup, 3);
  assert.equal(mean.timing?.query.runs, 15);
  assert.deepEqual(mean.images, ['images/a.png']);
  // A lone seed keeps its cell unchanged.
  assert.deepEqual(merged.find((l) => l.cell.params.d === 16), other);
  assert.deepEqual(merged.find((l) => l.cell.method === 'exact'), exact);
});

test('a quick trial is never averaged with full ones, nor a cell without a seed', () => {
  // A quick run into a full run's folder replaces the seed-0 file (same name) with a quick cell.
  const trial = (seed: number, value: number, sweep: 'quick' | 'full') => ({
    cell: { ...makeCell('softmax', 'fashion-mnist', 'hashjl', { d: 8, seed }, value, 2), sweep },
    file: `cells/hashjl-${seed}.json`,
  });
  const merged = averageSeeds([trial(0, 0.9, 'quick'), trial(1, 0.4, 'full'),
    trial(2, 0.6, 'full')]);
  assert.equal(merged.length, 2);
  const quick = merged.find((l) => l.cell.sweep === 'quick')?.cell;
  const full = merged.find((l) => l.cell.sweep === 'full')?.cell;
  assert.deepEqual(quick?.params, { d: 8, seed: 0 });
  assert.equal(quick?.metric.value, 0.9);
  assert.deepEqual(full?.params, { d: 8, seeds: 2 });
  assert.ok(Math.abs((full?.metric.value ?? 0) - 0.5) < 1e-12);

  const unseeded = { cell: makeCell('softmax', 'fashion-mnist', 'hashjl', { d: 8 }, 0.1, 2),
    file: 'cells/hashjl.json' };
  const apart = averageSeeds([trial(1, 0.4, 'full'), unseeded]);
  assert.equal(apart.length, 2);
  assert.deepEqual(apart.map((l) => l.cell.params), [{ d: 8, seed: 1 }, { d: 8 }]);
});
