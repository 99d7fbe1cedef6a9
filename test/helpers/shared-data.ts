/** Real data from ../shared/data for tests; a missing folder makes the test skip, saying why. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Matrix } from '../../src/core/matrix.js';

/** dist/test/helpers/x.js → the project root, three levels up. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..',
  '..');
export const sharedData = path.resolve(projectRoot, '..', 'shared', 'data');

/** The `skip` option of a test that needs `sub` under the shared data folder. */
export function skipUnlessShared(sub: string): string | false {
  const where = path.join(sharedData, sub);
  return existsSync(where) ? false :
    `optional test data ${where} is absent (see "Tests" in the README)`;
}

/** Folders where Fashion-MNIST may be: beside the checkout, or Debian's dataset-fashion-mnist. */
export const fashionMnistDirs = [path.join(sharedData, 'fashion-mnist'),
  '/usr/share/datasets/fashion-mnist'];

/** The first folder holding the Fashion-MNIST test images, or null. */
export const fashionMnistDir: string | null = fashionMnistDirs.find((dir) =>
  existsSync(path.join(dir, 't10k-images-idx3-ubyte.gz'))) ?? null;

/** The `skip` option of a test that needs Fashion-MNIST. */
export const skipUnlessFashionMnist: string | false = fashionMnistDir !== null ? false :
  `optional test data Fashion-MNIST is absent from ${fashionMnistDirs.join(' and ')} ` +
  '(see "Tests" in the README)';

/** One split of a UCR archive data set: rows z-normalized, labels as given. */
export function readUcr(name: string, split: 'TRAIN' | 'TEST'): { A: Matrix; labels: number[] } {
  const file = path.join(sharedData, 'ucr', name, `${name}_${split}.tsv.gz`);
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l.trim());
  const rows = lines.map((l) => l.split('\t').map(Number));
  const D = rows[0].length - 1;
  const data = new Float32Array(rows.length * D);
  rows.forEach((r, i) => {
    const v = r.slice(1);
    const mean = v.reduce((a, b) => a + b, 0) / D;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / D) + 1e-8;
    v.forEach((x, j) => (data[i * D + j] = (x - mean) / sd));
  });
  return { A: { rows: rows.length, cols: D, data }, labels: rows.map((r) => r[0]) };
}

/** (D, classes) matrix whose column m is the mean of the rows of class m (sorted labels). */
export function classMeans(A: Matrix, labels: number[]): Matrix {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const M = classes.length;
  const D = A.cols;
  const data = new Float32Array(D * M);
  classes.forEach((c, m) => {
    let n = 0;
    labels.forEach((y, i) => {
      if (y !== c) return;
      n++;
      for (let j = 0; j < D; j++) data[j * M + m] += A.data[i * D + j];
    });
    for (let j = 0; j < D; j++) data[j * M + m] /= n;
  });
  return { rows: D, cols: M, data };
}
