/** Raw and bzip2 RGB images, images by extension, grey PNG output, filter bank sizes. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { MaddnessError } from '../../src/core/errors.js';
import { encodeGreyPng, readImage, readRawRgb } from '../../src/data/image-files.js';
import { filterBank } from '../../src/data/images.js';
import { projectRoot, sharedData, skipUnlessShared } from '../helpers/shared-data.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    return error instanceof MaddnessError ? error.code : String(error);
  }
  return 'no error';
};

test('readRawRgb: plain and bzip2-compressed bytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'maddness-raw-'));
  try {
    const plain = path.join(dir, 'plain.rgb');
    writeFileSync(plain, Buffer.from('ABCDEFGHIJKL'));
    const image = readRawRgb(plain, 2, 2);
    assert.deepEqual(Array.from(image.data), [...'ABCDEFGHIJKL'].map((c) => c.charCodeAt(0)));
    // The same 12 bytes through `bzip2` (test/fixtures/tiny.rgb.bz2).
    const packed = readRawRgb(path.join(projectRoot, 'test', 'fixtures', 'tiny.rgb.bz2'), 2, 2);
    assert.deepEqual(Array.from(packed.data), Array.from(image.data));
    assert.equal(code(() => readRawRgb(plain, 3, 2)), 'BAD_INPUT_FILE');
    assert.equal(code(() => readRawRgb(path.join(dir, 'absent.dat'))), 'DATA_NOT_FOUND');
    assert.equal(code(() => readRawRgb(plain, 0, 2)), 'INVALID_ARGUMENT');
    const broken = path.join(dir, 'broken.dat');
    writeFileSync(broken, Buffer.from('BZh9 this is not bzip2 data'));
    assert.equal(code(() => readRawRgb(broken, 2, 2)), 'BAD_INPUT_FILE');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readImage: the raccoon face is 1024 × 768 RGB', { skip: skipUnlessShared('images') }, () => {
  const face = readImage(path.join(sharedData, 'images', 'scipy-face.dat'));
  assert.equal(face.width, 1024);
  assert.equal(face.height, 768);
  let mean = 0;
  for (const v of face.data) mean += v / face.data.length;
  // A photograph, not zeros or noise: mid-range mean, values within 0..255.
  assert.ok(mean > 60 && mean < 200, `mean ${mean}`);
  const png = readImage(path.join(sharedData, 'images', 'chelsea.png'));
  assert.ok(png.width > 100 && png.height > 100);
});

test('encodeGreyPng: values map linearly onto 0..255, clipped', () => {
  const values = Float32Array.from([0, 0.5, 1, 2, -1, Number.NaN]);
  const png = PNG.sync.read(encodeGreyPng(values, 3, 2, 0, 1));
  assert.equal(png.width, 3);
  assert.equal(png.height, 2);
  const grey = Array.from({ length: 6 }, (_, p) => png.data[4 * p]);
  assert.deepEqual(grey, [0, 128, 255, 255, 0, 0]);
  assert.equal(code(() => encodeGreyPng(values, 2, 2, 0, 1)), 'INVALID_ARGUMENT');
});

test('filterBank: 3 × 3 and 5 × 5 kernels of both banks', () => {
  for (const k of [3, 5]) {
    const sobel = filterBank('sobel', k);
    const gauss = filterBank('gaussian', k);
    assert.equal(sobel.k, k);
    assert.equal(sobel.B.rows, 3 * k * k);
    for (let m = 0; m < 2; m++) {
      let sobelSum = 0;
      let gaussSum = 0;
      for (let i = 0; i < 3 * k * k; i++) {
        sobelSum += sobel.B.data[i * 2 + m];
        gaussSum += gauss.B.data[i * 2 + m];
      }
      // A derivative kernel sums to zero; a smoothing one to one (over the channel mean).
      assert.ok(Math.abs(sobelSum) < 1e-6);
      assert.ok(Math.abs(gaussSum - 1) < 1e-6);
    }
  }
  assert.equal(filterBank('sobel').k, 3);
  assert.equal(filterBank('gaussian').k, 5);
  assert.equal(code(() => filterBank('sobel', 4)), 'INVALID_ARGUMENT');
});
