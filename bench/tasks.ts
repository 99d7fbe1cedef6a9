/**
 * The real tasks the benchmarks share: the softmax head of the demo's Fashion-MNIST network,
 * image filtering by im2col on the photographs beside the checkout, and autoregressive
 * forecasting on the AMPds2 gas and water meters.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import { readNpyMatrix, writeNpyMatrix } from '../src/core/io/npy.js';
import { takeRows, type Matrix } from '../src/core/matrix.js';
import { choleskyInPlace, choleskySolveInPlace } from '../src/core/linalg.js';
import { Rng } from '../src/core/rng.js';
import { readMeter } from '../src/data/ampds2.js';
import { filterBank, im2col, readPng, type FilterBank } from '../src/data/images.js';
import {
  defaultFashionMnistDirs, findFashionMnist, hiddenActivations, loadFashionMnist, trainMlp,
} from '../src/demo/index.js';

/** A = 512-d hidden activations (60000 train, 10000 test), B = the last layer (512, 10). */
export interface SoftmaxTask {
  train: Matrix;
  test: Matrix;
  B: Matrix;
  /** (10) f32: the last layer's bias, added after the product. */
  bias: Float32Array;
  labels: Uint8Array | number[];
}

/**
 * Trains the demo's network (seed 0) and returns its head as a product task. With `cache`,
 * the activations are read from (or, the first time, written to) that folder. Fashion-MNIST
 * is looked for in `fashionMnistDir` first, then where defaultFashionMnistDirs looks.
 */
export function loadSoftmaxTask(root: string, cache: string | undefined,
  fashionMnistDir?: string): SoftmaxTask {
  if (cache !== undefined && softmaxCached(cache)) {
    return { train: readNpyMatrix(path.join(cache, 'Htrain.npy')),
      test: readNpyMatrix(path.join(cache, 'Htest.npy')),
      B: readNpyMatrix(path.join(cache, 'W2.npy')),
      bias: readNpyMatrix(path.join(cache, 'b2.npy')).data,
      labels: JSON.parse(readFileSync(path.join(cache, 'labels.json'), 'utf8')) as number[] };
  }
  const fm = loadFashionMnist(defaultFashionMnistDirs(root, fashionMnistDir));
  const net = trainMlp(fm.trainImages, fm.trainLabels, { seed: 0 });
  const task = { train: hiddenActivations(net, fm.trainImages),
    test: hiddenActivations(net, fm.testImages), B: net.W2, bias: net.b2,
    labels: fm.testLabels };
  if (cache !== undefined) {
    mkdirSync(cache, { recursive: true });
    writeNpyMatrix(path.join(cache, 'Htrain.npy'), task.train);
    writeNpyMatrix(path.join(cache, 'Htest.npy'), task.test);
    writeNpyMatrix(path.join(cache, 'W2.npy'), task.B);
    writeNpyMatrix(path.join(cache, 'b2.npy'), { rows: 1, cols: 10, data: task.bias });
    writeFileAtomic(path.join(cache, 'labels.json'), JSON.stringify(Array.from(task.labels)));
  }
  return task;
}

/** The files of a cached softmax task, in the order they are written. */
const CACHE_FILES = ['Htrain.npy', 'Htest.npy', 'W2.npy', 'b2.npy', 'labels.json'];

/**
 * Whether `cache` holds the whole softmax task: a run stopped while it was being written
 * leaves only some of the files, and then the network is trained again.
 */
export function softmaxCached(cache: string): boolean {
  return CACHE_FILES.every((f) => existsSync(path.join(cache, f)));
}

/**
 * Checks, without training anything, that loadSoftmaxTask will find its data: the cache, or
 * Fashion-MNIST where it looks for it.
 * @throws DataNotFoundError naming the Fashion-MNIST files and every folder searched
 */
export function checkSoftmaxData(root: string, cache: string | undefined,
  fashionMnistDir?: string): void {
  if (cache !== undefined && softmaxCached(cache)) return;
  findFashionMnist(defaultFashionMnistDirs(root, fashionMnistDir));
}

/** Patches of training photographs and of one test photograph, and the filter bank as B. */
export interface FilterTask {
  bank: FilterBank;
  train: Matrix;
  /** Patches of the training images that are not in `train`: the same distribution. */
  heldOut: Matrix;
  test: Matrix;
  B: Matrix;
}

/** Training images (RGB photographs) and the test image of the filter task. */
export const FILTER_TRAIN = ['astronaut.png', 'coffee.png'];
export const FILTER_TEST = 'chelsea.png';

/**
 * The filter task on `../shared/data/images`: every patch of the test image, `trainRows`
 * patches drawn (seeded) from the training images, and `heldOutRows` others of them.
 */
export function loadFilterTask(imagesDir: string, bank: FilterBank, trainRows = 50000,
  heldOutRows = 10000): FilterTask {
  const { k, B } = filterBank(bank);
  const pools = FILTER_TRAIN.map((name) => im2col(readPng(path.join(imagesDir, name)), k));
  const total = pools.reduce((n, p) => n + p.rows, 0);
  const all: Matrix = { rows: total, cols: 3 * k * k,
    data: new Float32Array(total * 3 * k * k) };
  let at = 0;
  for (const p of pools) {
    all.data.set(p.data, at);
    at += p.data.length;
  }
  const order = new Rng(1).permutation(total);
  const nTrain = Math.min(trainRows, total);
  const train = takeRows(all, Uint32Array.from(order.subarray(0, nTrain)).sort());
  const heldOut = takeRows(all, Uint32Array.from(order.subarray(nTrain,
    Math.min(total, nTrain + heldOutRows))).sort());
  const test = im2col(readPng(path.join(imagesDir, FILTER_TEST)), k);
  return { bank, train, heldOut, test, B };
}

/** Autoregressive forecasting on an AMPds2 meter: windows of past first differences. */
export interface ForecastTask {
  meter: string;
  /** Steps of history per window. */
  window: number;
  /** (≤ maxRows, window · K) f32: windows of the first half, idle ones dropped. */
  train: Matrix;
  /** (≤ maxRows, window · K) f32: windows of the second half, idle ones dropped. */
  test: Matrix;
  /** (window · K, K) f32: the least-squares weights fitted on every first-half window. */
  B: Matrix;
  /** Windows of each half before and after dropping the idle ones. */
  counts: { trainAll: number; trainActive: number; testAll: number; testActive: number };
}

/**
 * The forecasting task on one meter (gas: NaturalGas_FRG, water: Water_WHW): first
 * differences of every channel; a window holds the differences of the past `window` minutes
 * over all channels and predicts the next minute's. The series is mostly idle (no change for
 * long stretches), and a window whose inputs and target are all zero is predicted exactly by
 * any linear model, so such windows are dropped from both halves: the task measures the
 * minutes where something happens. Least squares on the first half (time order) gives B; at
 * most `maxRows` windows of each half are kept (seeded draw) as A.
 */
export function loadForecastTask(dir: string, prefix: string, window: number,
  maxRows = 60000): ForecastTask {
  const series = readMeter(dir, prefix);
  const K = series.channels.length;
  const T = series.time.length;
  const diff = new Float64Array((T - 1) * K);
  for (let t = 1; t < T; t++) {
    for (let k = 0; k < K; k++) {
      diff[(t - 1) * K + k] = series.values[t * K + k] - series.values[(t - 1) * K + k];
    }
  }
  const D = window * K;
  const steps = T - 1;
  const half = Math.floor((steps - window) / 2) + window;
  const active = (t: number): boolean => {
    for (let i = (t - window) * K; i < (t + 1) * K; i++) if (diff[i] !== 0) return true;
    return false;
  };
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  for (let t = window; t < steps; t++) if (active(t)) (t < half ? trainIdx : testIdx).push(t);
  // Least squares on every active first-half window: (XᵀX + εI) W = XᵀY, float64.
  const XtX = new Float64Array(D * D);
  const XtY = new Float64Array(D * K);
  for (const t of trainIdx) {
    const x = diff.subarray((t - window) * K, t * K);
    const y = diff.subarray(t * K, (t + 1) * K);
    for (let i = 0; i < D; i++) {
      if (x[i] === 0) continue;
      for (let j = 0; j < D; j++) XtX[i * D + j] += x[i] * x[j];
      for (let k = 0; k < K; k++) XtY[i * K + k] += x[i] * y[k];
    }
  }
  let trace = 0;
  for (let i = 0; i < D; i++) trace += XtX[i * D + i];
  // A tiny ridge keeps constant channels (zero columns) from making XᵀX singular.
  for (let i = 0; i < D; i++) XtX[i * D + i] += 1e-9 * (trace / D) + 1e-12;
  if (!choleskyInPlace(XtX, D)) throw new Error('least squares system is not positive definite');
  choleskySolveInPlace(XtX, D, XtY, K);
  const take = (idx: number[], seed: number): Matrix => {
    const order = new Rng(seed).permutation(idx.length).subarray(0, Math.min(maxRows,
      idx.length));
    const picked = Uint32Array.from(order).sort();
    const data = new Float32Array(picked.length * D);
    picked.forEach((p, r) => {
      const t = idx[p];
      for (let i = 0; i < D; i++) data[r * D + i] = diff[(t - window) * K + i];
    });
    return { rows: picked.length, cols: D, data };
  };
  return { meter: prefix, window, train: take(trainIdx, 5), test: take(testIdx, 6),
    B: { rows: D, cols: K, data: Float32Array.from(XtY) },
    counts: { trainAll: half - window, trainActive: trainIdx.length, testAll: steps - half,
      testActive: testIdx.length } };
}
