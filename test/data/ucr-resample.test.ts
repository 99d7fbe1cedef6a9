/** Resampling UCR series to a fixed length, over each series' own length. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { readUcrSplit, resampleSeries } from '../../src/data/ucr.js';

test('resampleSeries: linear interpolation over each series, then z-normalized', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'maddness-ucr-'));
  try {
    mkdirSync(path.join(dir, 'Toy'));
    // A ramp of 3 points and one of 5 padded with NaN: both resample to the same ramp.
    writeFileSync(path.join(dir, 'Toy', 'Toy_TRAIN.tsv'),
      '1\t0\t1\t2\tNaN\tNaN\n2\t0\t1\t2\t3\t4\n');
    const split = readUcrSplit(dir, 'Toy', 'TRAIN');
    assert.deepEqual(split.lengths, [3, 5]);
    const A = resampleSeries(split, 9);
    assert.equal(A.cols, 9);
    for (let t = 0; t < 9; t++) {
      assert.ok(Math.abs(A.data[t] - A.data[9 + t]) < 1e-5, `t = ${t}`);
    }
    // Equally spaced points of a ramp, z-normalized: symmetric around 0 with unit variance.
    let mean = 0;
    let variance = 0;
    for (let t = 0; t < 9; t++) mean += A.data[t] / 9;
    for (let t = 0; t < 9; t++) variance += (A.data[t] - mean) ** 2 / 9;
    assert.ok(Math.abs(mean) < 1e-6 && Math.abs(variance - 1) < 1e-5);
    assert.ok(Math.abs(A.data[4]) < 1e-6 && A.data[0] < A.data[1]);
    const bad = (() => {
      try {
        resampleSeries(split, 1);
      } catch (error) {
        return error instanceof MaddnessError ? error.code : 'other';
      }
      return 'none';
    })();
    assert.equal(bad, 'INVALID_ARGUMENT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
