/**
 * Checks every sketch baseline must pass, shared by the sketch-*.test.ts files: shapes, seeds,
 * non-finite rows, cost, save and restore, and refusal of damaged states.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BadModelFileError, InvalidArgumentError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import type {
  MatmulMethod, MethodSpec, MethodState, StateArray,
} from '../../src/methods/method.js';
import { gaussian } from '../helpers/random.js';

/** Exactly rank-r rows: (N, r) normal times (r, D) normal, no noise. */
export function exactLowRank(N: number, D: number, r: number, seed: number): Matrix {
  const U = gaussian(N, r, seed);
  const V = gaussian(r, D, seed + 1);
  const data = new Float32Array(N * D);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < r; k++) {
      const u = U.data[i * r + k];
      for (let j = 0; j < D; j++) data[i * D + j] += u * V.data[k * D + j];
    }
  }
  return { rows: N, cols: D, data };
}

/** Bit equality of two float arrays (NaN equals NaN). */
export function assertSame(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${what}: index ${i}: ${a[i]} vs ${b[i]}`);
  }
}

/** A fitted and prepared method. */
export function fitted(spec: MethodSpec, params: Record<string, unknown>, A: Matrix,
  B: Matrix): MatmulMethod {
  const method = spec.create(params);
  return (method.usesB ? method.fit(A, B) : method.fit(A)).prepare(B);
}

/** NMSE of the method against the float64 product on test rows. */
export function errorOf(spec: MethodSpec, params: Record<string, unknown>, train: Matrix,
  test: Matrix, B: Matrix): number {
  return nmse(matmulF64(test, B), fitted(spec, params, train, B).multiply(test));
}

function withArray(state: MethodState, name: string, value: StateArray): MethodState {
  return { ...state, arrays: { ...state.arrays, [name]: value } };
}

function shorter(a: StateArray): StateArray {
  return a.slice(0, a.length - 1);
}

/**
 * The common checks, as `it` blocks of the caller's `describe`.
 * @param multiplies expected multiplies per row for (D, M) and the fitted method
 */
export function commonChecks(spec: MethodSpec, params: Record<string, unknown>,
  multiplies: (method: MatmulMethod, D: number, M: number) => number): void {
  const D = 37;
  const train = gaussian(300, D, 11);
  const B = gaussian(D, 5, 12);

  it('gives (N, M) outputs for N = 0, 1, 17, 1000 and M = 1, 5, with D = 37', () => {
    for (const M of [1, 5]) {
      const Bm = gaussian(D, M, 13 + M);
      const method = fitted(spec, params, train, Bm);
      for (const N of [0, 1, 17, 1000]) {
        const Y = method.multiply(gaussian(N, D, N + 1));
        assert.equal(Y.rows, N);
        assert.equal(Y.cols, M);
        assert.ok(Y.data.every(Number.isFinite), `N = ${N}, M = ${M}: finite`);
      }
    }
  });

  it('gives bit-identical outputs for the same seed (or fit), another for another seed', () => {
    const A = gaussian(50, D, 14);
    const seeded = (seed: number) => (spec.randomized ? { ...params, seed } : params);
    const one = fitted(spec, seeded(3), train, B).multiply(A);
    const two = fitted(spec, seeded(3), train, B).multiply(A);
    assertSame(one.data, two.data, 'same seed');
    if (spec.randomized) {
      const other = fitted(spec, seeded(4), train, B).multiply(A);
      assert.ok(other.data.some((v, i) => v !== one.data[i]), 'another seed, another result');
    }
  });

  it('gives a NaN output row for each query row with NaN or ±Infinity, and only there', () => {
    const A = gaussian(6, D, 15);
    const clean = fitted(spec, params, train, B).multiply(A);
    A.data[1 * D + 3] = NaN;
    A.data[3 * D + 0] = Infinity;
    A.data[4 * D + 36] = -Infinity;
    const Y = fitted(spec, params, train, B).multiply(A);
    for (let i = 0; i < 6; i++) {
      const row = Y.data.subarray(i * 5, (i + 1) * 5);
      if ([1, 3, 4].includes(i)) assert.ok(row.every(Number.isNaN), `row ${i} is NaN`);
      else assertSame(row, clean.data.subarray(i * 5, (i + 1) * 5), `row ${i}`);
    }
  });

  it('reports multiplies per row, no lookups and 4·d encoded bytes', () => {
    const method = fitted(spec, params, train, B);
    const cost = method.cost();
    assert.equal(cost.multiplies, multiplies(method, D, 5));
    assert.equal(cost.lookups, 0);
    assert.equal(cost.encodedBytes, 4 * (params.d as number));
  });

  it('refuses d > D at fit', () => {
    const method = spec.create({ ...params, d: 38 });
    assert.throws(() => (method.usesB ? method.fit(train, B) : method.fit(train)),
      InvalidArgumentError);
  });

  it('lists only d < min(D, M) in its grid', () => {
    assert.deepEqual(spec.grid(100, 10).map((p) => p.d), [1, 2, 4, 8]);
    assert.deepEqual(spec.grid(6, 1000).map((p) => p.d), [1, 2, 4]);
    assert.equal(spec.budget, 'd');
  });

  it('restores to bit-identical outputs, prepared or not', () => {
    const restore = spec.restore as NonNullable<MethodSpec['restore']>;
    const method = fitted(spec, params, train, B);
    const A = gaussian(40, D, 16);
    const Y = method.multiply(A);
    assert.ok(method.saveable);
    assertSame(restore(method.state(), 'test').multiply(A).data, Y.data, 'prepared');
    const bare = spec.create(params);
    if (bare.usesB) bare.fit(train, B);
    else bare.fit(train);
    const again = restore(bare.state(), 'test');
    assert.equal(again.M, null);
    assertSame(again.prepare(B).multiply(A).data, Y.data, 'restored, then prepared');
  });

  it('refuses a restored state with an array too short, non-finite or missing', () => {
    const restore = spec.restore as NonNullable<MethodSpec['restore']>;
    const state = fitted(spec, params, train, B).state();
    for (const [name, value] of Object.entries(state.arrays)) {
      assert.throws(() => restore(withArray(state, name, shorter(value)), 'test'),
        BadModelFileError, `${name} shortened`);
      const { [name]: _dropped, ...rest } = state.arrays;
      assert.throws(() => restore({ ...state, arrays: rest }, 'test'), BadModelFileError,
        `${name} missing`);
      if (value instanceof Float32Array || value instanceof Float64Array) {
        const bad = value.slice();
        bad[bad.length - 1] = NaN;
        assert.throws(() => restore(withArray(state, name, bad), 'test'), BadModelFileError,
          `${name} with NaN`);
      }
    }
    assert.throws(() => restore({ ...state, D: 3 }, 'test'), BadModelFileError, 'D < d');
    assert.throws(() => restore({ ...state, M: 6 }, 'test'), BadModelFileError, 'wrong M');
    assert.throws(() => restore({ ...state, method: 'exact' }, 'test'), BadModelFileError);
    assert.throws(() => restore({ ...state, params: { ...state.params, d: 0 } }, 'test'),
      BadModelFileError, 'bad d');
  });
}
