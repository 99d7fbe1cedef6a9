/** ScalarQuantize: common checks, the offset correction, accuracy, backends, restore checks. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { BadModelFileError } from '../../src/core/errors.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import type { Matrix } from '../../src/core/matrix.js';
import { setBackend } from '../../src/kernels/index.js';
import { createMethod, methodSpec } from '../../src/methods/registry.js';
import { quantizeRowsI8 } from '../../src/kernels/index.js';
import { quantizeColumns, rowScale } from '../../src/methods/vq/int8.js';

/** The rows' int8 codes with each row's scale and zero offset: x ≈ scale · q + zero. */
function quantizeRows(a: Float32Array, N: number, D: number):
  { q: Int8Array; scale: number[]; zero: number[] } {
  const { q, params } = quantizeRowsI8(a, N, D);
  const rows = Array.from({ length: N }, (_, n) => rowScale(params, n));
  return { q, scale: rows.map((r) => r.scale), zero: rows.map((r) => r.zero) };
}
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks } from '../helpers/vq-checks.js';
import { sameBits, withArray } from '../helpers/vq-data.js';

describe('scalar-quantize: common checks', () => commonChecks('scalar-quantize', {}));

function relu(A: Matrix): Matrix {
  return { ...A, data: A.data.map((v) => Math.max(0, v)) };
}

describe('scalar-quantize', () => {
  const D = 77;
  const A = relu(lowRank(200, D, 8, 1));
  const B = gaussian(D, 9, 2);
  after(() => setBackend('wasm'));

  it('equals the product of the dequantized A and B (the offset correction is exact)', () => {
    const Y = createMethod('scalar-quantize').fit(A).prepare(B).multiply(A);
    const rows = quantizeRows(A.data, A.rows, D);
    const cols = quantizeColumns(B.data, D, 9);
    for (let n = 0; n < A.rows; n++) {
      for (let m = 0; m < 9; m++) {
        let y = 0;
        let magnitude = 0;
        for (let d = 0; d < D; d++) {
          const a = rows.scale[n] * rows.q[n * D + d] + rows.zero[n];
          const t = a * cols.scale[m] * cols.r[m * D + d];
          y += t;
          magnitude += Math.abs(t);
        }
        const got = Y.data[n * 9 + m];
        assert.ok(Math.abs(got - y) <= 1e-6 * (magnitude + 1), `(${n}, ${m}): ${got} vs ${y}`);
      }
    }
  });

  it('quantizes a row to its range: min to −128, max to 127, a constant row exactly', () => {
    const a = new Float32Array([0, 1, 2, 3, 5, 5, 5, 5]);
    const { q, scale, zero } = quantizeRows(a, 2, 4);
    assert.deepEqual(Array.from(q.subarray(0, 4)), [-128, -43, 42, 127]);
    assert.deepEqual(Array.from(q.subarray(4)), [-128, -128, -128, -128]);
    assert.equal(scale[1] * -128 + zero[1], 5);
    const r = quantizeColumns(new Float32Array([-2, 0, 1, 0]), 2, 2);
    assert.deepEqual(Array.from(r.r), [-127, 64, 0, 0]);
    assert.deepEqual(Array.from(r.sums), [-63, 0]);
  });

  it('is accurate on non-negative and on signed low-rank rows', () => {
    const test = relu(lowRank(500, D, 8, 3));
    // Observed: 6.2e-5 (ReLU rows), 6.3e-5 (signed rows).
    const relError = nmse(matmulF64(test, B),
      createMethod('scalar-quantize').fit(A).prepare(B).multiply(test));
    assert.ok(relError < 8e-5, `ReLU rows: NMSE ${relError}`);
    const signed = lowRank(500, D, 8, 4);
    const error = nmse(matmulF64(signed, B),
      createMethod('scalar-quantize').fit(signed).prepare(B).multiply(signed));
    assert.ok(error < 8e-5, `signed rows: NMSE ${error}`);
  });

  it('gives the same outputs on the scalar and the wasm kernels', () => {
    const method = createMethod('scalar-quantize').fit(A).prepare(B);
    setBackend('scalar');
    const scalar = method.multiply(A);
    setBackend('wasm');
    assert.ok(sameBits(method.multiply(A).data, scalar.data));
  });

  it('refuses saved tables out of range or inconsistent with their column sums', () => {
    const state = createMethod('scalar-quantize').fit(A).prepare(B).state();
    const spec = methodSpec('scalar-quantize');
    const r = (state.arrays.r as Int8Array).slice();
    r[5] = -128;
    assert.throws(() => spec.restore?.(withArray(state, 'r', r), 't'), BadModelFileError);
    const sums = (state.arrays.sums as Int32Array).slice();
    sums[2] += 1;
    assert.throws(() => spec.restore?.(withArray(state, 'sums', sums), 't'), BadModelFileError);
    const scale = (state.arrays.scale as Float32Array).slice();
    scale[0] = -1;
    assert.throws(() => spec.restore?.(withArray(state, 'scale', scale), 't'), BadModelFileError);
  });

  it('reports D · M integer multiplies and D bytes per row', () => {
    const method = createMethod('scalar-quantize').fit(A).prepare(B);
    assert.deepEqual(method.cost(), { multiplies: D * 9, lookups: 0, encodedBytes: D });
    const spec = methodSpec('scalar-quantize');
    assert.equal(spec.budget, null);
    assert.equal(spec.randomized, false);
  });
});
