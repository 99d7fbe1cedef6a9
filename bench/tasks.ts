/**
 * The real tasks the benchmarks share: the softmax head of the demo's Fashion-MNIST network,
 * and image filtering by im2col on the photographs beside the checkout.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import { readNpyMatrix, writeNpyMatrix } from '../src/core/io/npy.js';
import { takeRows, type Matrix } from '../src/core/matrix.js';
import { Rng } from '../src/core/rng.js';
import { filterBank, im2col, readPng, type FilterBank } from '../src/data/images.js';
import {
  defaultFashionMnistDirs, hiddenActivations, loadFashionMnist, trainMlp,
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
 * the activations are read from (or, the first time, written to) that folder.
 */
export function loadSoftmaxTask(root: string, cache: string | undefined): SoftmaxTask {
  if (cache !== undefined && existsSync(path.join(cache, 'Htrain.npy'))) {
    return { train: readNpyMatrix(path.join(cache, 'Htrain.npy')),
      test: readNpyMatrix(path.join(cache, 'Htest.npy')),
      B: readNpyMatrix(path.join(cache, 'W2.npy')),
      bias: readNpyMatrix(path.join(cache, 'b2.npy')).data,
      labels: JSON.parse(readFileSync(path.join(cache, 'labels.json'), 'utf8')) as number[] };
  }
  const fm = loadFashionMnist(defaultFashionMnistDirs(root));
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
