/**
 * Image filtering by im2col: a bank of two k × k filters (Sobel vertical and horizontal, or the
 * Gaussians of σ = 1 and 2) on every RGB patch of a photograph, k = 3 and 5. Fit on patches of
 * the training photographs; each test photograph (the raccoon face among them) is its own
 * instance. Metric: 1 − NMSE of the filtered image.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DataNotFoundError } from '../../../src/core/errors.js';
import type { Matrix } from '../../../src/core/matrix.js';
import { matmulF64 } from '../../../src/core/metrics.js';
import { readImage } from '../../../src/data/image-files.js';
import { filterBank, im2col, type FilterBank } from '../../../src/data/images.js';
import { writeFilterPicture } from '../pictures.js';
import { errorMetrics, sampleRows } from '../sample.js';
import type { Group, GroupPlan, Instance, ProductTask, TaskOptions } from '../task.js';

/**
 * Photographs fit learns from, and those it is tested on: three of the others (a cat, the
 * raccoon face, a man with a camera; brick, grass and gravel are textures left out to keep a
 * full run near an hour). --quick tests on chelsea and the raccoon face (PQ and OPQ take
 * seconds per query on its 780,000 patches, but its filtered picture is wanted from every run).
 */
export const TRAIN_IMAGES = ['astronaut.png', 'coffee.png'];
const TEST_IMAGES = ['chelsea.png', 'scipy-face.dat', 'camera.png'];
const QUICK_TEST_IMAGES = TEST_IMAGES.slice(0, 2);

export interface BankPlan {
  name: string;
  bank: FilterBank;
  k: number;
}
const BANKS: BankPlan[] = [
  { name: 'sobel-3x3', bank: 'sobel', k: 3 }, { name: 'gauss-5x5', bank: 'gaussian', k: 5 },
  { name: 'sobel-5x5', bank: 'sobel', k: 5 }, { name: 'gauss-3x3', bank: 'gaussian', k: 3 },
];

const stem = (file: string): string => file.replace(/\.[^.]*$/, '');
const banksFor = (quick: boolean): BankPlan[] => (quick ? BANKS.slice(0, 2) : BANKS);
const testImagesFor = (quick: boolean): string[] => (quick ? QUICK_TEST_IMAGES : TEST_IMAGES);

/**
 * Where Debian installs the photographs: python3-skimage's data folder (the PNGs) and
 * python3-scipy's misc folder (face.dat, which the data folder calls scipy-face.dat).
 */
const SYSTEM_DIR = '/usr/lib/python3/dist-packages';
const systemCopy = (file: string): string => (file === 'scipy-face.dat'
  ? path.join(SYSTEM_DIR, 'scipy', 'misc', 'face.dat')
  : path.join(SYSTEM_DIR, 'skimage', 'data', file));

/** The photograph's path: DATA/images first, then where Debian's packages put it. */
export function imagePath(options: TaskOptions, file: string): string {
  const places = [path.join(options.dataDir, 'images', file), systemCopy(file)];
  const where = places.find((p) => existsSync(p));
  if (where === undefined) throw new DataNotFoundError(`photograph ${file}`, places);
  return where;
}

function instance(options: TaskOptions, plan: BankPlan, B: Matrix, file: string): Instance {
  const image = readImage(imagePath(options, file));
  const test = im2col(image, plan.k);
  const exact = matmulF64(test, B);
  const width = image.width - plan.k + 1;
  const height = image.height - plan.k + 1;
  const id = `${plan.name}/${stem(file)}`;
  return { id, test,
    evaluate: (Y) => {
      const metrics = errorMetrics(exact, Y);
      return { metric: { name: '1 − NMSE', value: metrics.oneMinusNmse, higherIsBetter: true },
        metrics };
    },
    pictures: (Y, out, label) => [writeFilterPicture(exact, Y, width, height, out,
      path.join('images', plan.name, stem(file), `${label}.png`))] };
}

export const filtersTask: ProductTask = {
  kind: 'product',
  name: 'filters',
  summary: 'Sobel and Gaussian filter banks (3×3, 5×5) by im2col on photographs; 1 − NMSE',
  plan: (options): GroupPlan[] => {
    // Every photograph is looked for now, so a missing one stops the run before it starts.
    for (const f of [...TRAIN_IMAGES, ...testImagesFor(options.quick)]) imagePath(options, f);
    return banksFor(options.quick).map((b) => ({ name: b.name, D: 3 * b.k * b.k, M: 2,
      instances: testImagesFor(options.quick).map((f) => `${b.name}/${stem(f)}`) }));
  },
  load: (name, options): Group => {
    const { plan, B, pool } = trainingPatches(name, options);
    return { task: 'filters', id: name, train: sampleRows(pool, options.quick ? 20000 : 50000, 1),
      B, instances: testImagesFor(options.quick).map((f) => instance(options, plan, B, f)) };
  },
};

/** Every patch of the training photographs for the named bank, and the bank as B. */
export function trainingPatches(name: string, options: TaskOptions): { plan: BankPlan;
  B: Matrix; pool: Matrix; } {
  const plan = BANKS.find((b) => b.name === name);
  if (plan === undefined) throw new Error(`no filter bank named ${name}`);
  const { B } = filterBank(plan.bank, plan.k);
  const pools = TRAIN_IMAGES.map((f) => im2col(readImage(imagePath(options, f)), plan.k));
  const pool: Matrix = { rows: pools.reduce((n, p) => n + p.rows, 0), cols: 3 * plan.k * plan.k,
    data: new Float32Array(pools.reduce((n, p) => n + p.data.length, 0)) };
  let at = 0;
  for (const p of pools) {
    pool.data.set(p.data, at);
    at += p.data.length;
  }
  return { plan, B, pool };
}
