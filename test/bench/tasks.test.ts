/**
 * The runner's task pieces that can be checked by hand: the RBF classifier, top-k for the
 * inner-product search, the settings per method, and task loaders' messages for missing data.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MaddnessError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64 } from '../../src/core/metrics.js';
import { Rng } from '../../src/core/rng.js';
import { methodSpec } from '../../src/methods/registry.js';
import { settingsFor } from '../../bench/experiments/settings.js';
import { filtersTask } from '../../bench/experiments/tasks/filters.js';
import { forecastTask } from '../../bench/experiments/tasks/forecast.js';
import { generalizationTask } from '../../bench/experiments/tasks/generalization.js';
import { mipsTask, topK } from '../../bench/experiments/tasks/mips.js';
import { fitRbf, predictRbf } from '../../bench/experiments/tasks/rbf.js';
import { softmaxTask } from '../../bench/experiments/tasks/softmax.js';
import { ucrTask } from '../../bench/experiments/tasks/ucr.js';
import { softmaxCached } from '../../bench/tasks.js';

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
  // The full sweep runs each random sketch with three seeds, the k-means methods with one.
  assert.deepEqual(settingsFor(methodSpec('hashjl'), 27, 2, false),
    [{ d: 1, seed: 0 }, { d: 1, seed: 1 }, { d: 1, seed: 2 }]);
  assert.ok(settingsFor(methodSpec('pq'), 512, 10, false).every((p) => p.seed === 0));
});

/** The typed error `run` throws; fails the test when it throws none. */
function thrown(run: () => unknown): MaddnessError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MaddnessError, String(error));
    return error;
  }
  return assert.fail('expected an error');
}

/** Debian's Fashion-MNIST, which the softmax tasks also look for. */
const systemFashionMnist = '/usr/share/datasets/fashion-mnist';
const noSystemFashionMnist = existsSync(systemFashionMnist)
  ? `${systemFashionMnist} is installed, so the tasks find Fashion-MNIST there` : false;

test('task loaders name the missing data and where they looked, before the run starts',
  { skip: noSystemFashionMnist }, () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'maddness-nodata-'));
    try {
      const options = { quick: true, dataDir: empty, cacheDir: empty, root: empty };
      for (const run of [() => ucrTask.plan(options), () => forecastTask.plan(options),
        () => filtersTask.plan(options), () => filtersTask.load('sobel-3x3', options),
        () => softmaxTask.plan(options), () => mipsTask.plan(options),
        () => generalizationTask.jobs(options, null)]) {
        const error = thrown(run);
        assert.equal(error.code, 'DATA_NOT_FOUND', error.message);
        assert.ok(error.message.includes(empty), error.message);
      }
      // A photograph is looked for beside the checkout, then where Debian installs it.
      assert.equal(thrown(() => filtersTask.plan(options)).message,
        `photograph astronaut.png not found; looked in: ${path.join(empty, 'images',
          'astronaut.png')}, /usr/lib/python3/dist-packages/skimage/data/astronaut.png`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

test('UCR: the archive as it unpacks is found; a data set missing a split is named', () => {
  const data = mkdtempSync(path.join(tmpdir(), 'maddness-ucr-task-'));
  try {
    const options = { quick: true, dataDir: data, cacheDir: data, root: data };
    const dir = path.join(data, 'UCRArchive_2018');
    const series = (label: number, shift: number): string => [label,
      ...Array.from({ length: 24 }, (_, t) => Math.sin(t / 3 + shift))].join('\t');
    const lines = Array.from({ length: 6 }, (_, i) => series(1 + (i % 2), i)).join('\n');
    mkdirSync(path.join(dir, 'Toy'), { recursive: true });
    writeFileSync(path.join(dir, 'Toy', 'Toy_TRAIN.tsv'), lines);
    writeFileSync(path.join(dir, 'Toy', 'Toy_TEST.tsv.gz'), gzipSync(lines));
    mkdirSync(path.join(dir, 'NotADataSet'));
    assert.deepEqual(ucrTask.plan(options).map((p) => [p.name, p.D, p.M]),
      [['ucr/Toy', 320, 6]]);
    const group = ucrTask.load('ucr/Toy', options);
    assert.deepEqual([group.train.rows, group.train.cols, group.B.cols], [6, 320, 6]);
    mkdirSync(path.join(dir, 'Half'));
    writeFileSync(path.join(dir, 'Half', 'Half_TRAIN.tsv'), lines);
    const error = thrown(() => ucrTask.plan(options));
    assert.equal(error.message, 'UCR split Half_TEST.tsv(.gz) not found; looked in: ' +
      path.join(dir, 'Half'));
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('softmax cache: only a complete one is used', () => {
  const cache = mkdtempSync(path.join(tmpdir(), 'maddness-cache-'));
  try {
    assert.equal(softmaxCached(cache), false);
    // A run stopped after the first file: the rest would be missing when read.
    writeFileSync(path.join(cache, 'Htrain.npy'), '');
    assert.equal(softmaxCached(cache), false);
    for (const f of ['Htest.npy', 'W2.npy', 'b2.npy', 'labels.json']) {
      writeFileSync(path.join(cache, f), '');
    }
    assert.equal(softmaxCached(cache), true);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
