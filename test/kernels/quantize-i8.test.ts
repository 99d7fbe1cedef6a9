/** The int8 row quantizer against its scalar twin, and its codes against their definition. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantizeRowsI8 } from '../../src/kernels/index.js';
import { gaussian } from '../helpers/random.js';

function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${what}: index ${i}: wasm ${a[i]}, scalar ${b[i]}`);
  }
}

function check(a: Float32Array, N: number, D: number): void {
  const wasm = quantizeRowsI8(a, N, D, 'wasm');
  const scalar = quantizeRowsI8(a, N, D, 'scalar');
  same(wasm.q, scalar.q, 'codes');
  same(wasm.params, scalar.params, 'params');
}

describe('quantizeRows_i8 equals its scalar twin exactly', () => {
  // D: one lane, below one vector of 4, ragged past 4 and 16, many vectors.
  for (const D of [1, 3, 4, 5, 15, 16, 17, 33, 512]) {
    for (const N of [0, 1, 17]) {
      it(`N = ${N}, D = ${D}`, () => check(gaussian(N, D, 3 * N + D).data, N, D));
    }
  }

  it('constant rows, ±0, NaN, ±Infinity and ranges beyond float32', () => {
    const D = 21;
    const rows = [
      new Array(D).fill(2.5),
      Array.from({ length: D }, (_, i) => (i % 2 ? 0 : -0)),
      Array.from({ length: D }, (_, i) => (i === 17 ? NaN : i)),
      Array.from({ length: D }, (_, i) => (i === 2 ? Infinity : i)),
      Array.from({ length: D }, (_, i) => (i === 19 ? -Infinity : i)),
      Array.from({ length: D }, (_, i) => (i % 2 ? 3e38 : -3e38)),
    ];
    check(Float32Array.from(rows.flat()), rows.length, D);
  });

  it('maps each row onto −128 .. 127 with the minimum at −128 and the maximum at 127', () => {
    const A = gaussian(9, 40, 5);
    const { q, params } = quantizeRowsI8(A.data, 9, 40);
    for (let n = 0; n < 9; n++) {
      const row = Array.from(q.subarray(n * 40, (n + 1) * 40));
      assert.equal(Math.min(...row), -128);
      assert.equal(Math.max(...row), 127);
      for (let k = 0; k < 40; k++) {
        const x = (A.data[n * 40 + k] - params[2 * n]) * params[2 * n + 1];
        assert.ok(Math.abs(row[k] + 128 - x) <= 0.5 + 1e-4, `(${n}, ${k})`);
      }
    }
  });
});
