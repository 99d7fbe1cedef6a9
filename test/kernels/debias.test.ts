/**
 * The averaging scan's debias (ALGORITHM.md section 5): each rounding average adds 1/4 in
 * expectation, so a group of U codebooks overestimates its sum by (U/4)·log2(U) and the whole
 * estimate by (C/4)·log2(16) = C for C a multiple of 16. After subtracting `averagingBias`, the
 * mean error against the exact integer sum must be zero within sampling noise. The expectation
 * is over tables as well as codes (a fixed table has fixed parities), so the sampling unit is a
 * column: 512 columns of random tables, 2048 rows of random codes each, and we require
 * |mean| ≤ 4 standard errors of the per-column mean errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paddedCodebooks, paddedRows, scanCodes, type LutTables } from '../../src/kernels/index.js';
import { averagingBias } from '../../src/methods/maddness/lut.js';
import { bytes } from '../helpers/random.js';

function tables(C: number, M: number, shift: number, seed: number): LutTables {
  const Cs = paddedCodebooks(C);
  const luts = bytes(M * Cs * 16, 256, seed);
  for (let m = 0; m < M; m++) luts.fill(0, (m * Cs + C) * 16, (m + 1) * Cs * 16);
  const ones = new Float32Array(M).fill(1);
  return { M, Cs, luts, invScale: ones, shiftAvg: new Float32Array(M).fill(shift),
    shiftExact: new Float32Array(M) };
}

describe('averaging scan debias', () => {
  for (const C of [2, 5, 16, 17, 32, 64]) {
    it(`has mean error within 4 standard errors of zero for C = ${C}`, () => {
      const N = 2048;
      const M = 512;
      const bias = averagingBias(C, paddedCodebooks(C));
      const codes = bytes(paddedRows(N) * (paddedCodebooks(C) >> 1), 256, C);
      const exact = scanCodes(codes, N, tables(C, M, 0, 7 + C), true);
      const debiased = scanCodes(codes, N, tables(C, M, -bias, 7 + C), false);
      let sum = 0;
      let sumSq = 0;
      for (let m = 0; m < M; m++) {
        let column = 0;
        for (let n = 0; n < N; n++) column += debiased[n * M + m] - exact[n * M + m];
        column /= N;
        sum += column;
        sumSq += column * column;
      }
      const mean = sum / M;
      const standardError = Math.sqrt((sumSq / M - mean * mean) / (M - 1));
      assert.ok(Math.abs(mean) <= 4 * standardError + 1e-9,
        `mean error ${mean} exceeds 4 standard errors (${standardError})`);
      // Without the debias the error would be the bias itself, far outside that band.
      if (C >= 16) assert.ok(bias > 40 * standardError, `bias ${bias} is not detectable`);
    });
  }

  it('is (C/4)·log2(16) for whole groups of 16 and smaller for padded groups', () => {
    assert.equal(averagingBias(16, 16), 16);
    assert.equal(averagingBias(64, 64), 64);
    // C = 5 pads to 8: the pair of two padding tables averages exactly.
    assert.ok(averagingBias(5, 8) < averagingBias(8, 8));
    assert.equal(averagingBias(8, 8), 6);
  });
});
