/**
 * End to end on real data against a float64 exact product. Bounds sit above the values
 * observed when they were written (in each comment), so that a regression fails them.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readIdx } from '../../src/core/io/idx.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import {
  classMeans, fashionMnistDir, readUcr, skipUnlessFashionMnist, skipUnlessShared,
} from '../helpers/shared-data.js';

describe('UCR SwedishLeaf, class-mean prototypes as B (D = 128, M = 15)', () => {
  // Observed NMSE on the test split (averaging / exact sum): C = 8: 0.0610 / 0.0602,
  // C = 16: 0.0358 / 0.0338, C = 32: 0.0148 / 0.0121.
  const bounds: Record<number, number> = { 8: 0.08, 16: 0.05, 32: 0.025 };
  for (const C of [8, 16, 32]) {
    it(`C = ${C}: test NMSE below ${bounds[C]} on both sum paths`, {
      skip: skipUnlessShared('ucr/SwedishLeaf'),
    }, () => {
      const train = readUcr('SwedishLeaf', 'TRAIN');
      const test = readUcr('SwedishLeaf', 'TEST');
      const B = classMeans(train.A, train.labels);
      const model = MaddnessModel.fit(train.A, { codebooks: C }).setB(B);
      const exact = matmulF64(test.A, B);
      for (const exactSum of [false, true]) {
        const error = nmse(exact, model.multiply(test.A, { exactSum }));
        assert.ok(error < bounds[C], `exactSum ${exactSum}: NMSE ${error}`);
      }
    });
  }
});

describe('Fashion-MNIST pixels, class means as B (D = 784, M = 10)', () => {
  function images(file: string, count: number): Matrix {
    const idx = readIdx(path.join(fashionMnistDir ?? '', file));
    const data = new Float32Array(count * 784);
    for (let i = 0; i < data.length; i++) data[i] = idx.data[i] / 255;
    return { rows: count, cols: 784, data };
  }
  it('C = 16 and 32: test NMSE below 0.035 and 0.022, averaging path', {
    skip: skipUnlessFashionMnist,
  }, () => {
    const train = images('train-images-idx3-ubyte.gz', 6000);
    const test = images('t10k-images-idx3-ubyte.gz', 2000);
    const labels = Array.from(readIdx(path.join(fashionMnistDir ?? '',
      'train-labels-idx1-ubyte.gz')).data.subarray(0, 6000));
    const B = classMeans(train, labels);
    const exact = matmulF64(test, B);
    // Observed: C = 16: 0.0257, C = 32: 0.0161.
    for (const [C, bound] of [[16, 0.035], [32, 0.022]]) {
      const error = nmse(exact, MaddnessModel.fit(train, { codebooks: C }).setB(B).multiply(test));
      assert.ok(error < bound, `C = ${C}: NMSE ${error}`);
    }
  });
});
