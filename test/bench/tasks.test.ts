/**
 * The runner's task pieces that can be checked by hand: the RBF classifier, top-k for the
 * inner-product search, the settings per method, and task loaders' messages for missing data.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64 } from '../../src/core/metrics.js';
import { Rng } from '../../src/core/rng.js';
import { methodSpec } from '../../src/methods/registry.js';
import { settingsFor } from '../../bench/experiments/settings.js';
import { filtersTask } from '../../bench/experiments/tasks/filters.js';
import { forecastTask } from '../../bench/experiments/tasks/forecast.js';
import { topK } from '../../bench/experiments/tasks/mips.js';
import { fitRbf, predictRbf } from '../../bench/experiments/tasks/rbf.js';
import { ucrTask } from '../../bench/experiments/tasks/ucr.js';

test('RBF classifier: well-separated classes are classified exactly', () => {
  const rng = new Rng(4);
  const D = 16;
  const centres = [0, 1, 2].map(() => Array.from({ length: D }, () => 6 * rng.normal()));
  const labels: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < 90; i++) {
    const c = i % 3;
    labels.push(c + 10);
    for (let j = 0; j < D; j++) data.push(centres[c][j] + rng.normal());
  }
  const A: Matrix = { rows: 90, cols: D, data: Float32Array.from(data) };
  const model = fitRbf(A, labels, 12);
  assert.equal(model.B.cols, 12);
  // 30 series per class: 4 prototypes each.
  assert.deepEqual([0, 1, 2].map((c) => model.owner.filter((o) => o === c).length), [4, 4, 4]);
  const predicted = predictRbf(model, matmulF64(A, model.B), A.rows);
  assert.deepEqual(predicted, labels);
  // Fewer series than prototypes asked for: one prototype per series at most.
  const small = fitRbf({ rows: 6, cols: D, data: A.data.subarray(0, 6 * D) },
    labels.slice(0, 6), 128);
  assert.equal(small.B.cols, 6);
  // A NaN product row is a wrong answer, not a class.
  const nan = new Float64Array(12).fill(Number.NaN);
  assert.ok(Number.isNaN(predictRbf(model, nan, 1)[0]));
});

test('topK: the k largest, largest first; NaN rows find nothing', () => {
  const values = Float32Array.from([3, 9, -1, 9.5, 0, 7, Number.NaN, 1, 2, 3]);
  assert.deepEqual(Array.from(topK(values, 0, 5, 3)), [3, 1, 0]);
  assert.deepEqual(Array.from(topK(values, 1, 5, 2)), [0, 4]);
  assert.deepEqual(Array.from(topK(Float32Array.from([Number.NaN, Number.NaN]), 0, 2, 1)), [-1]);
});

test('settings: the grid per method, quick budgets, seeds for randomized methods', () => {
  const maddness = settingsFor(methodSpec('maddness'), 512, 10, true);
  assert.deepEqual(maddness.map((p) => p.codebooks), [8, 16, 32]);
  assert.ok(maddness.every((p) => p.lutWork === -1));
  assert.deepEqual(settingsFor(methodSpec('maddness'), 512, 10, false).map((p) => p.codebooks),
    [2, 4, 8, 16, 32, 64]);
  // d < min(D, M): with M = 2 only d = 1 is left, which quick keeps.
  assert.deepEqual(settingsFor(methodSpec('hashjl'), 27, 2, true), [{ d: 1, seed: 0 }]);
  assert.deepEqual(settingsFor(methodSpec('exact'), 27, 2, true), [{}]);
  assert.equal(settingsFor(methodSpec('maddness-data-free'), 75, 2, true)[0].statistics, 'train');
});

test('task loaders name the missing data and where they looked', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'maddness-nodata-'));
  try {
    const options = { quick: true, dataDir: empty, cacheDir: empty, root: empty };
    for (const run of [() => ucrTask.plan(options), () => forecastTask.plan(options),
      () => filtersTask.load('sobel-3x3', options)]) {
      try {
        run();
        assert.fail('expected DATA_NOT_FOUND');
      } catch (error) {
        assert.ok(error instanceof MaddnessError, String(error));
        assert.equal(error.code, 'DATA_NOT_FOUND');
        assert.ok(error.message.includes(empty), error.message);
      }
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
