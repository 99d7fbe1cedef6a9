/** Real data from ../shared/data for tests; a missing folder makes the test skip, saying why. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../src/core/matrix.js';
import { classMeans, readUcrSplit } from '../../src/data/ucr.js';

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

/** One split of a UCR archive data set under the shared data folder. */
export function readUcr(name: string, split: 'TRAIN' | 'TEST'): { A: Matrix; labels: number[] } {
  return readUcrSplit(path.join(sharedData, 'ucr'), name, split);
}

export { classMeans };
