/**
 * Checks every quantization method must pass, registered as tests for one method: shapes,
 * determinism, non-finite rows, save and restore, and NMSE that does not grow with budget.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BadModelFileError, InvalidArgumentError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { methodSpec } from '../../src/methods/registry.js';
import type { MethodState } from '../../src/methods/method.js';
import { gaussian, lowRank } from './random.js';
import { sameBits, withArray } from './vq-data.js';

/** Registers the common tests of `name` with `params` (D = 37 is no multiple of C). */
export function commonChecks(name: string, params: Record<string, unknown>): void {
  const spec = methodSpec(name);
  const D = 37;
  const train = lowRank(600, D, 5, 11);
  const B = gaussian(D, 1, 12);

  it('gives (N, M) outputs for N = 0, 1, 17, 1000 with M = 1', () => {
    const method = spec.create(params).fit(train).prepare(B);
    for (const N of [0, 1, 17, 1000]) {
      const Y = method.multiply(lowRank(N, D, 5, 20 + N));
      assert.equal(Y.rows, N);
      assert.equal(Y.cols, 1);
      assert.equal(Y.data.length, N);
      assert.ok(Y.data.every(Number.isFinite), `N = ${N}: finite outputs`);
    }
  });

  it('gives bit-identical outputs for the same seed', () => {
    const A = lowRank(50, D, 5, 30);
    const B3 = gaussian(D, 3, 31);
    const y1 = spec.create(params).fit(train).prepare(B3).multiply(A);
    const y2 = spec.create(params).fit(train).prepare(B3).multiply(A);
    assert.ok(sameBits(y1.data, y2.data));
  });

  it('gives a NaN row for a query row with NaN or ±Infinity, and only there', () => {
    const A = lowRank(5, D, 5, 32);
    A.data[1 * D + 3] = NaN;
    A.data[3 * D + 36] = -Infinity;
    const Y = spec.create(params).fit(train).prepare(gaussian(D, 4, 33)).multiply(A);
    for (let n = 0; n < 5; n++) {
      const row = Array.from(Y.data.subarray(n * 4, n * 4 + 4));
      if (n === 1 || n === 3) assert.ok(row.every(Number.isNaN), `row ${n} is NaN`);
      else assert.ok(row.every(Number.isFinite), `row ${n} is finite`);
    }
  });

  it('restores a saved state, fitted or prepared, to identical outputs', () => {
    const A = lowRank(40, D, 5, 34);
    const B4 = gaussian(D, 4, 35);
    const fitted = spec.create(params).fit(train);
    const restored = spec.restore?.(fitted.state(), 'test') ?? assert.fail('no restore');
    assert.equal(restored.M, null);
    const y1 = fitted.prepare(B4).multiply(A);
    assert.ok(sameBits(restored.prepare(B4).multiply(A).data, y1.data), 'fitted state');
    const again = spec.restore?.(fitted.state(), 'test') ?? assert.fail('no restore');
    assert.equal(again.M, 4);
    assert.ok(sameBits(again.multiply(A).data, y1.data), 'prepared state');
    assert.deepEqual(again.cost(), fitted.cost());
  });

  it('refuses saved states with missing, mistyped or short arrays', () => {
    const state = spec.create(params).fit(train).prepare(gaussian(D, 2, 36)).state();
    const restore = (s: MethodState): unknown => spec.restore?.(s, 'test');
    for (const [key, value] of Object.entries(state.arrays)) {
      assert.throws(() => restore(withArray(state, key, undefined)), BadModelFileError, key);
      assert.throws(() => restore(withArray(state, key, value.slice(1))), BadModelFileError,
        `${key} short`);
      const other = value instanceof Float64Array ? new Float32Array(value.length) :
        new Float64Array(value.length);
      assert.throws(() => restore(withArray(state, key, other)), BadModelFileError,
        `${key} mistyped`);
    }
    assert.throws(() => restore({ ...state, params: { ...state.params, nope: 1 } }),
      BadModelFileError);
  });

  it('refuses more codebooks than columns with a typed error', () => {
    if (spec.budget !== 'codebooks') return;
    assert.throws(() => spec.create({ ...params, codebooks: 8 }).fit(gaussian(10, 5, 1)),
      InvalidArgumentError);
  });
}

/** NMSE of `name` with each parameter set, fitted on `train` and tested on `test`. */
export function nmseOf(name: string, settings: Record<string, unknown>[], train: Matrix,
  test: Matrix, B: Matrix): number[] {
  const exact = matmulF64(test, B);
  return settings.map((p) =>
    nmse(exact, methodSpec(name).create(p).fit(train).prepare(B).multiply(test)));
}
