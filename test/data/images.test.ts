import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { MaddnessError } from '../../src/core/errors.js';
import { matmulF64 } from '../../src/core/metrics.js';
import { filterBank, im2col, readPng, type RgbImage } from '../../src/data/images.js';
import { Rng } from '../../src/core/rng.js';
import { sharedData, skipUnlessShared } from '../helpers/shared-data.js';

function randomImage(width: number, height: number, seed: number): RgbImage {
  const rng = new Rng(seed);
  const data = new Float32Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
  return { width, height, data };
}

/** The filter applied directly: out(y, x) = Σ K[dy][dx] · mean over c of img(y+dy, x+dx, c). */
function directFilter(img: RgbImage, kernel: (dy: number, dx: number) => number, k: number,
  y: number, x: number): number {
  let s = 0;
  for (let dy = 0; dy < k; dy++) {
    for (let dx = 0; dx < k; dx++) {
      for (let c = 0; c < 3; c++) {
        s += kernel(dy, dx) * img.data[((y + dy) * img.width + x + dx) * 3 + c] / 3;
      }
    }
  }
  return s;
}

test('im2col · B equals the filters applied directly (Sobel 3×3, Gaussians 5×5)', () => {
  const img = randomImage(13, 9, 1);
  const sobel = filterBank('sobel');
  const A = im2col(img, 3);
  assert.equal(A.rows, 11 * 7);
  assert.equal(A.cols, 27);
  const Y = matmulF64(A, sobel.B);
  const dxSmooth = [1, 2, 1];
  const diff = [-1, 0, 1];
  for (const [y, x] of [[0, 0], [3, 5], [6, 10]]) {
    const want = directFilter(img, (dy, dx) => diff[dy] * dxSmooth[dx], 3, y, x);
    // B holds float32 values of k/3: relative error ~1e-7 on sums of a few thousand.
    assert.ok(Math.abs(Y[(y * 11 + x) * 2] - want) < 1e-3, `(${y}, ${x})`);
  }
  const gauss = filterBank('gaussian');
  assert.equal(gauss.k, 5);
  let total = 0;
  for (let i = 0; i < 75; i++) total += gauss.B.data[i * 2 + 1];
  assert.ok(Math.abs(total - 1) < 1e-6, `σ = 2 kernel sums to ${total}`);
  const strided = im2col(img, 5, 2);
  assert.equal(strided.rows, 3 * 5);
  assert.deepEqual(strided.data.subarray(75, 90), img.data.subarray(2 * 3, 2 * 3 + 15));
});

test('readPng reads RGB and grey PNGs; refuses missing and broken files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-png-'));
  try {
    for (const colorType of [2, 0] as const) {
      const png = new PNG({ width: 4, height: 3, colorType });
      for (let p = 0; p < 12; p++) png.data.set([p * 10, p * 10 + 1, p * 10 + 2, 255], 4 * p);
      writeFileSync(join(dir, `t${colorType}.png`), PNG.sync.write(png, { colorType }));
      const img = readPng(join(dir, `t${colorType}.png`));
      assert.deepEqual([img.width, img.height], [4, 3]);
      const want = colorType === 2 ? [50, 51, 52] : undefined;
      if (want) assert.deepEqual(Array.from(img.data.subarray(15, 18)), want);
      else assert.equal(img.data[15], img.data[16]);
    }
    writeFileSync(join(dir, 'bad.png'), 'not a png');
    const code = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof MaddnessError);
        return e.code;
      }
      return 'none';
    };
    assert.equal(code(() => readPng(join(dir, 'bad.png'))), 'BAD_INPUT_FILE');
    assert.equal(code(() => readPng(join(dir, 'none.png'))), 'DATA_NOT_FOUND');
    assert.equal(code(() => im2col(randomImage(4, 4, 2), 5)), 'INVALID_ARGUMENT');
    assert.equal(code(() => filterBank('box' as never)), 'INVALID_ARGUMENT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the photographs beside the checkout load', { skip: skipUnlessShared('images') }, () => {
  const img = readPng(join(sharedData, 'images', 'chelsea.png'));
  assert.deepEqual([img.width, img.height], [451, 300]);
  assert.ok(img.data.some((v) => v > 200) && img.data.every((v) => v >= 0 && v <= 255));
});
