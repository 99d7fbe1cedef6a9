/**
 * The data-free MADDNESS fit and its calibration (issue: MADDNESS when no training rows of A
 * exist). Bounds state the value observed when they were set.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { DataFreeMaddness } from '../../src/methods/maddness/data-free-method.js';
import { encodeToCodes } from '../../src/methods/maddness/encoder.js';
import { decodeMethod, encodeMethod } from '../../src/methods/method-file.js';
import { createMethod } from '../../src/methods/registry.js';
import { gaussian, lowRank } from '../helpers/random.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof MaddnessError, String(error));
    return error.code;
  }
  return 'no error';
}

/** Rows with per-dim means and scales far from standard: dim j ~ 3 + (1 + j mod 5) · z. */
function shifted(rows: number, D: number, seed: number): Matrix {
  const A = lowRank(rows, D, 8, seed);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < D; j++) A.data[i * D + j] = 3 + (1 + (j % 5)) * A.data[i * D + j];
  }
  return A;
}

describe('data-free fit on standardized Gaussian inputs', () => {
  const D = 64;
  const B = gaussian(D, 8, 2);
  const model = DataFreeMaddness.fromB(B, { codebooks: 16 });
  const A = gaussian(16000, D, 3);

  test('puts close to N/16 rows in each leaf of every codebook', () => {
    const codes = encodeToCodes(A, (model as unknown as { fit_: { encoder: never } }).fit_.encoder);
    for (let c = 0; c < 16; c++) {
      const counts = new Array(16).fill(0);
      for (let i = 0; i < A.rows; i++) counts[codes[i * 16 + c]]++;
      for (const n of counts) {
        // N/16 = 1000; binomial spread ±31, int8 threshold rounding moves a leaf's mass by a
        // few rows: observed 925..1081.
        assert.ok(n > 850 && n < 1150, `codebook ${c}: leaf counts ${counts}`);
      }
    }
  });

  test('error below the stated bound', () => {
    // Four dims per codebook, each cut once at its median: the residual variance of a
    // half-normal, 1 − 2/π ≈ 0.36, is the expected NMSE. Observed 0.374.
    const e = nmse(matmulF64(A, B), model.multiply(A));
    assert.ok(e < 0.42, `NMSE ${e}`);
  });

  test('given means and variances, it adapts to shifted and scaled inputs', () => {
    const X = gaussian(4000, D, 4);
    const mean = Array.from({ length: D }, (_, j) => 3 - j / 10);
    const variance = Array.from({ length: D }, (_, j) => (1 + (j % 4)) ** 2);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < D; j++) {
        X.data[i * D + j] = mean[j] + Math.sqrt(variance[j]) * X.data[i * D + j];
      }
    }
    const informed = DataFreeMaddness.fromB(B, { codebooks: 16, mean, variance });
    const standard = DataFreeMaddness.fromB(B, { codebooks: 16 });
    const exact = matmulF64(X, B);
    const good = nmse(exact, informed.multiply(X));
    const bad = nmse(exact, standard.multiply(X));
    // Observed 0.37 against 9.1: wrong assumptions cost far more than the method's own error.
    assert.ok(good < 0.42, `informed NMSE ${good}`);
    assert.ok(bad > 2 * good, `standard-assumption NMSE ${bad} vs informed ${good}`);
  });
});

describe('calibration', () => {
  const D = 48;
  const B = gaussian(D, 6, 5);
  // lowRank draws a new subspace per seed: one draw, split into training and held-out rows.
  const all = shifted(22000, D, 7);
  const pool = sliceRows(all, 0, 20000);
  const held = sliceRows(all, 20000, 22000);
  const exact = matmulF64(held, B);

  test('lowers the error towards the trained fit as rows arrive', () => {
    const model = createMethod('maddness-data-free', { codebooks: 12 })
      .fit(pool, B).prepare(B) as DataFreeMaddness;
    const errors = [nmse(exact, model.multiply(held))];
    let seen = 0;
    for (const n of [100, 1000, 10000]) {
      model.observe(sliceRows(pool, seen, n));
      seen = n;
      errors.push(nmse(exact, model.multiply(held)));
    }
    const trained = nmse(exact, createMethod('maddness', { codebooks: 12 }).fit(pool, B)
      .prepare(B).multiply(held));
    for (let i = 1; i < errors.length; i++) {
      assert.ok(errors[i] <= errors[i - 1] * 1.02, `errors ${errors} not decreasing`);
    }
    assert.equal(model.calibrationRows, 10000);
    // Observed NMSE 0.912 data-free (standard assumption on shifted inputs), then 0.471,
    // 0.172, 0.149; trained 0.061. The encoder stays data-free, so calibration closes most of
    // the gap (90% here) but not all of it; relearnTrees closes the rest.
    const closed = (errors[3] - trained) / (errors[0] - trained);
    assert.ok(closed < 0.2, `calibrated ${errors[3]}, trained ${trained}: gap left ${closed}`);
    model.relearnTrees();
    const relearned = nmse(exact, model.multiply(held));
    // Observed 0.069: the trained fit on the 4096 rows of the reservoir.
    assert.ok(relearned < 1.3 * trained, `relearned ${relearned} vs trained ${trained}`);
  });

  test('save and load keep the calibration state', () => {
    const model = DataFreeMaddness.fromB(B, { codebooks: 8, reservoirRows: 300 });
    model.observe(sliceRows(pool, 0, 500));
    const copy = decodeMethod(encodeMethod(model), 'test') as DataFreeMaddness;
    assert.equal(copy.calibrationRows, 500);
    assert.deepEqual(copy.multiply(held).data, model.multiply(held).data);
    for (const m of [model, copy]) m.observe(sliceRows(pool, 500, 1400));
    assert.deepEqual(copy.multiply(held).data, model.multiply(held).data);
    for (const m of [model, copy]) m.relearnTrees();
    assert.deepEqual(copy.multiply(held).data, model.multiply(held).data);
    assert.deepEqual(encodeMethod(copy), encodeMethod(model));
  });

  test('refuses bad rows and leaves the state as it was', () => {
    const model = DataFreeMaddness.fromB(B, { codebooks: 8 });
    const before = model.multiply(held).data;
    assert.equal(code(() => model.relearnTrees()), 'NOT_FITTED');
    const bad = sliceRows(pool, 0, 50);
    const rows = { ...bad, data: bad.data.slice() };
    rows.data[17] = NaN;
    assert.equal(code(() => model.observe(rows)), 'NON_FINITE');
    assert.equal(code(() => model.observe(gaussian(5, D + 1, 1))), 'SHAPE_MISMATCH');
    assert.equal(code(() => model.observe({ rows: 1 } as never)), 'INVALID_ARGUMENT');
    assert.deepEqual(model.multiply(held).data, before);
    assert.equal(model.calibrationRows, 0);
    const unfitted = createMethod('maddness-data-free') as DataFreeMaddness;
    assert.equal(code(() => unfitted.observe(held)), 'NOT_FITTED');
  });

  test('fromB checks its options', () => {
    assert.equal(code(() => DataFreeMaddness.fromB(B, { codebooks: D + 1 })), 'INVALID_ARGUMENT');
    assert.equal(code(() => DataFreeMaddness.fromB(B, { mean: [1, 2] })), 'INVALID_ARGUMENT');
    const negative = new Array(D).fill(1);
    negative[3] = -1;
    assert.equal(code(() => DataFreeMaddness.fromB(B, { variance: negative })),
      'INVALID_ARGUMENT');
    const nanB = gaussian(D, 2, 1);
    nanB.data[0] = NaN;
    assert.equal(code(() => DataFreeMaddness.fromB(nanB)), 'NON_FINITE');
    assert.equal(code(() => DataFreeMaddness.fromB(B, { priorRows: -1 })), 'INVALID_ARGUMENT');
  });
});
