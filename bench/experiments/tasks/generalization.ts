/**
 * Generalization, the paper's guarantee made visible: MADDNESS's error on its own training rows
 * and on test rows as the training rows grow (C = 16) and as C grows (all rows), on the softmax
 * head (test: the test split) and on the 5 × 5 Gaussian filters (test: held-out patches of the
 * training photographs). The paper's bound on the gap falls as 1/√N in the training rows N
 * and grows with C, so the curves should close with more rows and open with more codebooks.
 */
import { takeRows, type Matrix } from '../../../src/core/matrix.js';
import { matmulF64, nmse } from '../../../src/core/metrics.js';
import { Rng } from '../../../src/core/rng.js';
import { createMethod } from '../../../src/methods/registry.js';
import { checkFashionMnist, fashionMnistHead } from './softmax.js';
import { sampleRows } from '../sample.js';
import type { CustomTask, Job, TaskOptions } from '../task.js';
import { imagePath, TRAIN_IMAGES, trainingPatches } from './filters.js';

interface Data {
  pool: Matrix;
  test: Matrix;
  B: Matrix;
}

const ROWS = [1000, 2000, 5000, 10000, 20000, 60000];
const QUICK_ROWS = [1000, 4000, 16000];
const CODEBOOKS = [2, 4, 8, 16, 32, 64];
const QUICK_CODEBOOKS = [4, 8, 16, 32];
/** Rows of each set the errors are measured on (a seeded sample of the larger sets). */
const SCORED_ROWS = 10000;

/** Loaded once per run and instance, since every job of an instance shares it. */
const loaded = new Map<string, Data>();

function data(instance: string, options: TaskOptions): Data {
  let d = loaded.get(instance);
  if (d !== undefined) return d;
  loaded.clear();
  if (instance === 'softmax') {
    const t = fashionMnistHead(options);
    d = { pool: t.train, test: t.test, B: t.B };
  } else {
    // The guarantee is about rows of the training distribution: the test rows are patches of
    // the training photographs that fit never sees (another photograph would add a shift).
    const { B, pool: all } = trainingPatches(instance, options);
    const order = new Rng(3).permutation(all.rows);
    const pick = (from: number, to: number): Matrix =>
      takeRows(all, Uint32Array.from(order.subarray(from, to)).sort());
    d = { pool: pick(SCORED_ROWS, all.rows), test: pick(0, SCORED_ROWS), B };
  }
  loaded.set(instance, d);
  return d;
}

function job(instance: string, trainRows: number, codebooks: number,
  options: TaskOptions): Job {
  return { id: { task: 'generalization', instance, method: 'maddness',
    params: { codebooks, trainRows } },
  run: () => {
    const { pool, test, B } = data(instance, options);
    const train = sampleRows(pool, trainRows, 7);
    const start = performance.now();
    const model = createMethod('maddness', { codebooks }).fit(train, B).prepare(B);
    const fitMs = performance.now() - start;
    const scored = sampleRows(train, SCORED_ROWS, 8);
    const trainNmse = nmse(matmulF64(scored, B), model.multiply(scored));
    const testNmse = nmse(matmulF64(test, B), model.multiply(test));
    return { metric: { name: 'test NMSE', value: testNmse, higherIsBetter: false },
      metrics: { trainNmse, testNmse, gap: testNmse - trainNmse, trainRows: train.rows, fitMs },
      shape: { N_train: train.rows, N: test.rows, D: B.rows, M: B.cols }, timing: null,
      cost: model.cost(), images: [] };
  } };
}

export const generalizationTask: CustomTask = {
  kind: 'custom',
  name: 'generalization',
  summary: 'MADDNESS train and test error against training rows and codebooks',
  jobs: (options, methods) => {
    if (methods !== null && !methods.includes('maddness')) return [];
    // Both data sets are looked for now, so a missing one stops the run before it starts.
    checkFashionMnist(options);
    for (const f of TRAIN_IMAGES) imagePath(options, f);
    const rows = options.quick ? QUICK_ROWS : ROWS;
    const codebooks = options.quick ? QUICK_CODEBOOKS : CODEBOOKS;
    return ['softmax', 'gauss-5x5'].flatMap((instance) => {
      // The largest row count the instance has: 60000 activations, ~500000 patches.
      const most = rows[rows.length - 1];
      return [...rows.map((n) => job(instance, n, 16, options)),
        ...codebooks.filter((C) => C !== 16).map((C) => job(instance, most, C, options))];
    });
  },
};
