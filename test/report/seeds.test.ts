/**
 * The report's mean over trials: cells that differ only in the seed of a randomized method
 * become one setting with the mean metric and times; other cells are left as they are.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeReport } from '../../report/page/report.js';
import { averageSeeds } from '../../report/page/seeds.js';
import { makeCell, tinyPng } from '../helpers/cells.js';

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

test("a trial's image keeps its own caption, not the setting's mean", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-report-seeds-'));
  try {
    const put = (file: string, content: string | Buffer): void => {
      mkdirSync(join(dir, 'in', file, '..'), { recursive: true });
      writeFileSync(join(dir, 'in', file), content);
    };
    put('images/hashjl.png', tinyPng());
    put('exact.json', JSON.stringify(makeCell('filters', 'sobel-3x3/chelsea', 'exact', {}, 1, 1)));
    // The runner draws the image of seed 0 alone (the quick sweep's middle setting).
    [0.91, 0.5, 0.6].forEach((value, seed) => put(`hashjl-${seed}.json`, JSON.stringify(
      makeCell('filters', 'sobel-3x3/chelsea', 'hashjl', { d: 8, seed }, value, 3,
        { images: seed === 0 ? ['images/hashjl.png'] : [] }))));
    const summary = await writeReport(join(dir, 'in'), join(dir, 'out'));
    assert.equal(summary.images, 1);
    const page = readFileSync(summary.page, 'utf8');
    assert.match(page, /hashjl \(d=8, seed=0\): 1 − NMSE 0\.91/);
    assert.doesNotMatch(page, /seeds=3\): 1 − NMSE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
