import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DataNotFoundError } from '../../src/core/errors.js';
import {
  defaultFashionMnistDirs, loadFashionMnist, loadNpmMnistDigits, type ImageDataset,
} from '../../src/demo/index.js';

// This file runs as dist/test/demo/datasets.test.js: three levels up is the project root.
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sharedFashion = path.resolve(projectRoot, '../shared/data/fashion-mnist');

function checkSplit(d: ImageDataset, train: number, testRows: number): void {
  assert.equal(d.trainImages.rows, train);
  assert.equal(d.trainImages.cols, 784);
  assert.equal(d.trainImages.data.length, train * 784);
  assert.equal(d.trainLabels.length, train);
  assert.equal(d.testImages.rows, testRows);
  assert.equal(d.testImages.cols, 784);
  assert.equal(d.testLabels.length, testRows);
  for (const m of [d.trainImages, d.testImages]) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of m.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    assert.ok(min >= 0 && max <= 1, `values in [${min}, ${max}]`);
    assert.ok(max > 0.9, 'images are not blank');
  }
  for (const labels of [d.trainLabels, d.testLabels]) {
    const seen = new Set(labels);
    assert.deepEqual([...seen].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }
}

test('loadNpmMnistDigits gives 8000/2000 images in [0, 1], deterministic for a seed', () => {
  const a = loadNpmMnistDigits(5);
  checkSplit(a, 8000, 2000);
  assert.match(a.name, /mnist/);
  const b = loadNpmMnistDigits(5);
  assert.deepEqual(b.trainLabels, a.trainLabels);
  assert.deepEqual(b.testImages.data, a.testImages.data);
  const c = loadNpmMnistDigits(6);
  assert.notDeepEqual(c.trainLabels, a.trainLabels);
  // Train and test together are the whole package: each digit's count is preserved.
  const counts = new Array<number>(10).fill(0);
  for (const l of [...a.trainLabels, ...a.testLabels]) counts[l]++;
  assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
});

test('defaultFashionMnistDirs lists dataDir, shared data, then the Debian folder', () => {
  assert.deepEqual(defaultFashionMnistDirs('/p/main', '/x/fm'),
    ['/x/fm', '/p/shared/data/fashion-mnist', '/usr/share/datasets/fashion-mnist']);
  assert.deepEqual(defaultFashionMnistDirs('/p/main'),
    ['/p/shared/data/fashion-mnist', '/usr/share/datasets/fashion-mnist']);
});

test('loadFashionMnist names the files and every folder searched when files are missing', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'maddness-fm-'));
  const empty = mkdtempSync(path.join(tmpdir(), 'maddness-fm-empty-'));
  try {
    // Three of the four files: the folder must still be rejected as incomplete.
    for (const f of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte',
      't10k-images-idx3-ubyte.gz']) writeFileSync(path.join(dir, f), '');
    assert.throws(() => loadFashionMnist([dir, empty]), (e: unknown) => {
      assert.ok(e instanceof DataNotFoundError);
      assert.equal(e.code, 'DATA_NOT_FOUND');
      assert.ok(e.message.includes(dir), e.message);
      assert.ok(e.message.includes(empty), e.message);
      assert.ok(e.message.includes('t10k-labels-idx1-ubyte'), e.message);
      assert.deepEqual(e.details.searched, [dir, empty]);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
});

test('loadFashionMnist reads the shared Fashion-MNIST: 60000 train, 10000 test', (t) => {
  if (!existsSync(sharedFashion)) {
    t.skip(`optional test data: no Fashion-MNIST at ${sharedFashion} (see "Tests" in the README)`);
    return;
  }
  const d = loadFashionMnist(['/nonexistent/fashion-mnist', sharedFashion]);
  assert.equal(d.source, sharedFashion);
  assert.equal(d.name, 'fashion-mnist');
  checkSplit(d, 60000, 10000);
  // Fashion-MNIST is balanced: 6000 train and 1000 test images per class.
  const counts = new Array<number>(10).fill(0);
  for (const l of d.trainLabels) counts[l]++;
  assert.deepEqual(counts, new Array<number>(10).fill(6000));
});
