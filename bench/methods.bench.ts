/**
 * Every registered method on one shared real task, side by side in one run: the demo's
 * Fashion-MNIST network at the paper's CIFAR-10 shape (A = 512-d hidden activations, 60000
 * training rows and 10000 test rows; B = the 512 × 10 last layer). For each method and
 * hyperparameter setting: fit time, query time of the 10000 test rows (median of repeats, one
 * thread, B prepared ahead and not timed), NMSE of the logits against the float64 product,
 * test accuracy relative to exact, and the cost report. Randomized methods: NMSE and accuracy
 * are means over seeds 0 .. S − 1 (--seeds S, default 3); times are those of seed 0.
 * Run: npm run bench:methods [-- --quick] [--methods a,b] [--activations DIR] [--json FILE]
 *   [--build simd] [--seeds S]
 *   --quick         one representative setting per method instead of the paper's grid
 *   --activations   reuse (or write) the network's activations there, to skip training it
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import type { Matrix } from '../src/core/matrix.js';
import { matmulF64, nmse } from '../src/core/metrics.js';
import { timeMedian } from '../src/core/timing.js';
import { accuracy, addBias } from '../src/demo/index.js';
import type { MethodSpec } from '../src/methods/method.js';
import type { Params } from '../src/methods/params.js';
import { methodSpecs } from '../src/methods/registry.js';
import { chooseBuild } from './build-choice.js';
import { loadSoftmaxTask } from './tasks.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: {
  quick: { type: 'boolean' }, methods: { type: 'string' }, activations: { type: 'string' },
  json: { type: 'string' }, build: { type: 'string' }, seeds: { type: 'string' },
} });
const seedCount = values.seeds === undefined ? 3 : Number(values.seeds);
if (!Number.isInteger(seedCount) || seedCount < 1) {
  throw new Error('--seeds takes an integer ≥ 1');
}
const build = chooseBuild(values.build);

/** The setting each method shows in --quick: C = 16 codebooks, or a sketch of d = 8 < M. */
const QUICK: Readonly<Record<string, Params>> = {
  maddness: { codebooks: 16 }, pq: { codebooks: 16 }, opq: { codebooks: 16 },
  bolt: { codebooks: 16 }, 'maddness-data-free': { codebooks: 16, statistics: 'train' },
};
const quickParams = (spec: MethodSpec): Params =>
  QUICK[spec.name] ?? (spec.budget === 'd' ? { d: 8 } : {});

const task = loadSoftmaxTask(root, values.activations);
const exact = matmulF64(task.test, task.B);
const logits = (Y: Matrix): Matrix => addBias({ ...Y, data: Y.data.slice() }, task.bias);
const exactAcc = accuracy(logits({ rows: task.test.rows, cols: task.B.cols,
  data: Float32Array.from(exact) }), task.labels);
const wanted = values.methods?.split(',');
const specs = methodSpecs().filter((s) => wanted === undefined || wanted.includes(s.name));
const rows: Record<string, unknown>[] = [];

console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}` +
  `, kernels ${build}, one thread`);
console.log(`task: Fashion-MNIST network, A ${task.train.rows} × ${task.train.cols} train, ` +
  `${task.test.rows} test, M = ${task.B.cols}; exact accuracy ${exactAcc.toFixed(4)}`);
console.log('method         params                         fit s  query ms  speed-up    NMSE' +
  '  rel. acc.  mult/row  lookups/row');
let exactMs = NaN;
for (const spec of specs) {
  const grid = values.quick ? [quickParams(spec)] : spec.grid(task.train.cols, task.B.cols);
  for (const params of grid) {
    const seeds = spec.randomized ? Array.from({ length: seedCount }, (_, i) => i) : [0];
    let error = 0;
    let relative = 0;
    let fitSeconds = 0;
    let ms = 0;
    let cost = null;
    for (const seed of seeds) {
      const p = spec.randomized ? { ...params, seed } : params;
      const start = performance.now();
      const method = spec.create(p).fit(task.train, task.B);
      const seconds = (performance.now() - start) / 1000;
      method.prepare(task.B);
      const Y = method.multiply(task.test);
      error += nmse(exact, Y) / seeds.length;
      relative += accuracy(logits(Y), task.labels) / exactAcc / seeds.length;
      if (seed === 0) {
        fitSeconds = seconds;
        ms = timeMedian(() => method.multiply(task.test).data[0]).medianMs;
        cost = method.cost();
      }
    }
    if (spec.name === 'exact') exactMs = ms;
    const speedup = exactMs / ms;
    rows.push({ method: spec.name, params, fitSeconds, queryMs: ms, speedup, nmse: error,
      relativeAccuracy: relative, cost });
    console.log(`${spec.name.padEnd(14)} ${JSON.stringify(params).padEnd(30)} ` +
      `${fitSeconds.toFixed(2).padStart(5)}  ${ms.toFixed(2).padStart(8)}  ` +
      `${speedup.toFixed(2).padStart(8)}  ${error.toFixed(4).padStart(6)}  ` +
      `${relative.toFixed(4).padStart(9)}  ${String(cost?.multiplies).padStart(8)}  ` +
      `${String(cost?.lookups).padStart(11)}`);
  }
}
if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model, cores:
    os.cpus().length, node: process.version, kernels: build, threads: 1,
    exactAccuracy: exactAcc, rows }, null, 2) + '\n');
}
