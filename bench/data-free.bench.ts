/**
 * MADDNESS without training rows (issue "a data-free encoder, and calibration when rows
 * arrive"), in one run per task: the data-free fit under the standardized assumption and with
 * per-dim means and variances, each after calibrating on 100, 1000 and 10000 rows of the
 * training split; the fully trained method; and the data-independent sketches (Gaussian and
 * Rademacher projections, HashJL), with their query times, to compare at equal query time.
 * Tasks: the demo's Fashion-MNIST softmax head (metric: accuracy relative to exact) and the
 * image filters on the photographs beside the checkout (metric: 1 − NMSE).
 * Run: npm run bench:data-free [-- --activations DIR] [--json FILE] [--build simd]
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import { sliceRows, takeRows, type Matrix } from '../src/core/matrix.js';
import { matmulF64, nmse } from '../src/core/metrics.js';
import { Rng } from '../src/core/rng.js';
import { timeMedian } from '../src/core/timing.js';
import { accuracy, addBias } from '../src/demo/index.js';
import type { DataFreeMaddness } from '../src/methods/maddness/data-free-method.js';
import type { MatmulMethod } from '../src/methods/method.js';
import { createMethod } from '../src/methods/registry.js';
import { chooseBuild } from './build-choice.js';
import { loadFilterTask, loadSoftmaxTask } from './tasks.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: {
  activations: { type: 'string' }, json: { type: 'string' }, build: { type: 'string' },
} });
const build = chooseBuild(values.build);
const CALIBRATION = [100, 1000, 10000];
const SKETCHES = ['rp-gauss', 'rp-rademacher', 'hashjl'];
const rows: Record<string, unknown>[] = [];

interface Task {
  name: string;
  train: Matrix;
  test: Matrix;
  B: Matrix;
  codebooks: number[];
  /** The task's metric of an approximate product. */
  metric: (Y: Matrix) => number;
  metricName: string;
  /** Rows of the training distribution not used in training, when the test set differs. */
  heldOut?: Matrix;
}

function softmaxTask(): Task {
  const t = loadSoftmaxTask(root, values.activations);
  const withBias = (Y: Matrix): Matrix => addBias({ ...Y, data: Y.data.slice() }, t.bias);
  const exact = matmulF64(t.test, t.B);
  const exactAcc = accuracy(withBias({ ...t.test, cols: t.B.cols,
    data: Float32Array.from(exact) }), t.labels);
  return { name: 'softmax (Fashion-MNIST head)', train: t.train, test: t.test, B: t.B,
    codebooks: [16, 32], metric: (Y) => accuracy(withBias(Y), t.labels) / exactAcc,
    metricName: 'rel. acc.' };
}

function filterTask(bank: 'gaussian' | 'sobel'): Task {
  const t = loadFilterTask(path.join(root, '..', 'shared', 'data', 'images'), bank);
  const exact = matmulF64(t.test, t.B);
  return { name: `image filter (${bank}, D = ${t.B.rows})`, train: t.train, test: t.test,
    heldOut: t.heldOut, B: t.B, codebooks: [16, 32].filter((C) => C <= t.B.rows),
    metric: (Y) => 1 - nmse(exact, Y), metricName: '1 − NMSE' };
}

console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}` +
  `, kernels ${build}, one thread`);
for (const task of [softmaxTask(), filterTask('gaussian'), filterTask('sobel')]) {
  const exact = matmulF64(task.test, task.B);
  const timeOf = (m: MatmulMethod): number => timeMedian(() => m.multiply(task.test).data[0])
    .medianMs;
  const exactMs = timeOf(createMethod('exact').fit(task.train).prepare(task.B));
  const heldExact = task.heldOut === undefined ? null : matmulF64(task.heldOut, task.B);
  /** Reports the method on the test rows (and the held-out rows, where the task has them). */
  const report = (what: string, m: MatmulMethod, ms: number | null, extra = {}): void => {
    const Y = m.multiply(task.test);
    const e = nmse(exact, Y);
    const metric = task.metric(Y);
    const held = heldExact === null ? null : nmse(heldExact, m.multiply(task.heldOut as Matrix));
    rows.push({ task: task.name, what, nmse: e, metric, heldOutNmse: held, queryMs: ms,
      ...extra });
    console.log(`  ${what.padEnd(44)} NMSE ${e.toFixed(4).padStart(9)}  ${task.metricName} ` +
      `${metric.toFixed(4)}${held === null ? '' : `  held-out NMSE ${held.toFixed(4)}`}` +
      `${ms === null ? '' : `  ${ms.toFixed(2)} ms`}`);
  };
  console.log(`\n${task.name}: train ${task.train.rows} × ${task.train.cols}, test ` +
    `${task.test.rows}, M = ${task.B.cols}; exact product ${exactMs.toFixed(2)} ms`);
  // Calibration rows come from the training split in a seeded random order.
  const order = new Rng(3).permutation(task.train.rows).subarray(0, CALIBRATION.at(-1));
  const stream = takeRows(task.train, order);
  let dataFreeMs = Infinity;
  for (const C of task.codebooks) {
    for (const statistics of ['standard', 'train']) {
      const m = createMethod('maddness-data-free', { codebooks: C, statistics })
        .fit(task.train, task.B).prepare(task.B) as DataFreeMaddness;
      const ms = timeOf(m);
      if (C === task.codebooks[0]) dataFreeMs = Math.min(dataFreeMs, ms);
      const label = `data-free C = ${C}, ${statistics === 'train' ? 'known mean/var' :
        'standardized'}`;
      report(`${label}, 0 rows`, m, ms, { C, statistics, rowsSeen: 0 });
      let seen = 0;
      for (const n of CALIBRATION) {
        m.observe(sliceRows(stream, seen, n));
        seen = n;
        report(`  after ${n} rows`, m, null, { C, statistics, rowsSeen: n });
      }
    }
    const trained = createMethod('maddness', { codebooks: C }).fit(task.train, task.B)
      .prepare(task.B);
    report(`trained MADDNESS C = ${C} (${task.train.rows} rows)`, trained, timeOf(trained),
      { C, trained: true });
  }
  for (const name of SKETCHES) {
    for (const d of [1, 2, 4, 8, 16, 32].filter((x) => x <= task.B.rows)) {
      let sum = 0;
      let metric = 0;
      let ms = 0;
      for (const seed of [0, 1, 2]) {
        const m = createMethod(name, { d, seed }).fit(task.train).prepare(task.B);
        const Y = m.multiply(task.test);
        sum += nmse(exact, Y) / 3;
        metric += task.metric(Y) / 3;
        if (seed === 0) ms = timeOf(m);
      }
      const mark = ms <= 1.1 * dataFreeMs ? '  (≤ data-free C = 16 time)' : '';
      rows.push({ task: task.name, what: name, d, nmse: sum, metric, queryMs: ms });
      console.log(`  ${`${name} d = ${d} (mean of 3 seeds)`.padEnd(44)} NMSE ` +
        `${sum.toFixed(4).padStart(9)}  ${task.metricName} ${metric.toFixed(4)}  ` +
        `${ms.toFixed(2)} ms${mark}`);
    }
  }
}
if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model, node:
    process.version, kernels: build, threads: 1, rows }, null, 2) + '\n');
}
