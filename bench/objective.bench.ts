/**
 * Ablation of the fit objective (issue "learn the encoder for the known B"): the paper's
 * objective (trees reconstruct A) against the output objective (trees fit A_block · B_block),
 * without and with refinement passes, at C = 8 and 16; same data, same run, averaging scan.
 * Tasks: the demo's Fashion-MNIST network (A = hidden activations, B = last layer) and the
 * UCR data sets beside the checkout (B = class means of the training series), and the image
 * filters (Gaussian 5×5 and Sobel 3×3 banks on photographs) and AMPds2 forecasting (gas and
 * water meters, windows of 4 to 32 minutes), both from bench/tasks.ts.
 * Run: npm run bench:objective [-- --json FILE] [--activations DIR]
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { existsSync, readdirSync } from 'node:fs';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import type { Matrix } from '../src/core/matrix.js';
import { classMeans, readUcrSplit } from '../src/data/ucr.js';
import { matmulF64, nmse } from '../src/core/metrics.js';
import { timeMedian } from '../src/core/timing.js';
import { accuracy, addBias } from '../src/demo/index.js';
import { MaddnessModel } from '../src/methods/maddness/model.js';
import { floatProduct } from './float-product.js';
import {
  FILTER_TEST, FILTER_TRAIN, loadFilterTask, loadForecastTask, loadSoftmaxTask,
} from './tasks.js';
import type { MaddnessOptions } from '../src/methods/maddness/options.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { json: { type: 'string' },
  activations: { type: 'string' } } });
const variants: [string, Partial<MaddnessOptions>][] = [
  ['paper (reconstruct A)', { objective: 'reconstruct' }],
  ['output, no refinement', { objective: 'output', refinePasses: 0 }],
  ['output, 2 refinement passes', { objective: 'output', refinePasses: 2 }],
];
const rows: Record<string, unknown>[] = [];
console.log(`machine: ${os.cpus()[0]?.model}, node ${process.version}, one thread`);

const head = loadSoftmaxTask(root, values.activations);
const { train: Htrain, test: Htest } = head;
const net = { W2: head.B, b2: head.bias };
const fm = { testLabels: head.labels };
const exact = matmulF64(Htest, net.W2);
const withBias = (Y: Matrix): Matrix => addBias({ ...Y, data: Y.data.slice() }, net.b2);
const exactAcc = accuracy(withBias({ rows: Htest.rows, cols: 10,
  data: Float32Array.from(exact) }), fm.testLabels);
console.log('\nFashion-MNIST network (60000 × 512 train, 10000 test, M = 10)');
console.log('   C  objective                        NMSE   rel. acc.  fit s  query ms');
for (const C of [8, 16]) {
  for (const [name, extra] of variants) {
    const start = performance.now();
    const model = MaddnessModel.fit(Htrain, { codebooks: C, b: net.W2, ...extra });
    const fitSeconds = (performance.now() - start) / 1000;
    const Y = model.multiply(Htest);
    const error = nmse(exact, Y);
    const relative = accuracy(withBias(Y), fm.testLabels) / exactAcc;
    const ms = timeMedian(() => model.multiply(Htest).data[0]).medianMs;
    rows.push({ task: 'fashion-mnist', C, objective: name, nmse: error, relative, fitSeconds, ms });
    console.log(`${String(C).padStart(4)}  ${name.padEnd(30)} ${error.toFixed(4)}   ` +
      `${relative.toFixed(4)}  ${fitSeconds.toFixed(1).padStart(5)}  ${ms.toFixed(2).padStart(7)}`);
  }
}

const ucr = path.resolve(root, '..', 'shared', 'data', 'ucr');
if (existsSync(ucr)) {
  console.log('\nUCR data sets: median over data sets of NMSE / NMSE of the paper\'s objective');
  for (const C of [8, 16]) {
    const ratios: number[][] = variants.map(() => []);
    // The same two fits without refinement, products from float64 tables with exact sums.
    const floatRatios: number[] = [];
    for (const name of readdirNames(ucr)) {
      const train = readUcrSplit(ucr, name, 'TRAIN');
      const test = readUcrSplit(ucr, name, 'TEST');
      if (train.A.cols < C) continue;
      const B = classMeans(train.A, train.labels);
      const ref = matmulF64(test.A, B);
      const errors = variants.map(([, extra]) =>
        nmse(ref, MaddnessModel.fit(train.A, { codebooks: C, b: B, ...extra }).multiply(test.A)));
      errors.forEach((e, v) => ratios[v].push(e / errors[0]));
      const floats = variants.slice(0, 2).map(([, extra]) => nmse(ref, floatProduct(
        MaddnessModel.fit(train.A, { codebooks: C, b: B, ...extra }), test.A, B)));
      floatRatios.push(floats[1] / floats[0]);
      rows.push({ task: `ucr/${name}`, C, nmse: errors, floatTablesNmse: floats });
      console.log(`     ${name}: ${errors.map((e) => (e / errors[0]).toFixed(3)).join(', ')}; ` +
        `float tables, no refinement: ${(floats[1] / floats[0]).toFixed(3)}`);
    }
    const median = (r: number[]): number => r.sort((a, b) => a - b)[r.length >> 1];
    const medians = ratios.map(median);
    console.log(`   C = ${C}: ` + variants.map(([name], v) => `${name} ${medians[v].toFixed(3)}`)
      .join(', ') + ` (${ratios[0].length} data sets); with float tables and exact sums, ` +
      `output / paper ${median(floatRatios).toFixed(3)}`);
    rows.push({ task: 'ucr-median-ratio', C, medians, floatTablesMedian: median(floatRatios) });
  }
}
const images = path.resolve(root, '..', 'shared', 'data', 'images');
if (existsSync(images)) {
  for (const bank of ['gaussian', 'sobel'] as const) {
    const task = loadFilterTask(images, bank);
    const ref = matmulF64(task.test, task.B);
    const held = matmulF64(task.heldOut, task.B);
    console.log(`\nimage filter ${bank} (D = ${task.B.rows}, M = 2; train ${task.train.rows} ` +
      `patches of ${FILTER_TRAIN.join(', ')}, test ${FILTER_TEST}): NMSE on the test image ` +
      '(on held-out patches of the training images)');
    for (const C of [8, 16]) {
      const errors = variants.map(([, extra]) => {
        const model = MaddnessModel.fit(task.train, { codebooks: C, b: task.B, ...extra });
        return [nmse(ref, model.multiply(task.test)), nmse(held, model.multiply(task.heldOut))];
      });
      console.log(`   C = ${C}: ` + variants.map(([name], v) => `${name} ${errors[v][0]
        .toFixed(4)} (${errors[v][1].toFixed(4)})`).join(', '));
      rows.push({ task: `filter-${bank}`, C, nmse: errors.map((e) => e[0]),
        heldOutNmse: errors.map((e) => e[1]) });
    }
  }
}
const ampds = path.resolve(root, '..', 'shared', 'data', 'ampds2');
if (existsSync(ampds)) {
  console.log('\nAMPds2 forecasting (first differences of every channel; idle windows dropped; ' +
    'least squares on the first half): NMSE on the second half');
  for (const meter of ['NaturalGas_FRG', 'Water_WHW']) {
    for (const window of [4, 8, 16, 32]) {
      const task = loadForecastTask(ampds, meter, window);
      const ref = matmulF64(task.test, task.B);
      for (const C of [8, 16].filter((c) => c <= task.B.rows)) {
        const errors = variants.map(([, extra]) => nmse(ref, MaddnessModel.fit(task.train,
          { codebooks: C, b: task.B, ...extra }).multiply(task.test)));
        console.log(`   ${meter} window ${window} (D = ${task.B.rows}, ${task.train.rows} ` +
          `train / ${task.test.rows} test windows), C = ${C}: ` + variants.map(([name], v) =>
          `${name} ${errors[v].toFixed(4)}`).join(', '));
        rows.push({ task: `forecast-${meter}-w${window}`, C, nmse: errors, counts: task.counts });
      }
    }
  }
}
if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model, node:
    process.version, rows }, null, 2) + '\n');
}

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort().filter((n) =>
    existsSync(path.join(dir, n, `${n}_TRAIN.tsv.gz`)));
}
