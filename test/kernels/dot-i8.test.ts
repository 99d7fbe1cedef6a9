/** The int8 dot-product kernel against its scalar twin and a plain float64 reference. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dotI8, quantizeAndDotI8, quantizeRowsI8 } from '../../src/kernels/index.js';
import { bytes } from '../helpers/random.js';

function randomI8(length: number, seed: number): Int8Array {
  return Int8Array.from(bytes(length, 256, seed), (v) => v - 128);
}

function reference(a: Int8Array, b: Int8Array, N: number, M: number, D: number): number[] {
  const out: number[] = [];
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += a[n * D + k] * b[m * D + k];
      out.push(s);
    }
  }
  return out;
}

function check(a: Int8Array, b: Int8Array, N: number, M: number, D: number): void {
  const wasm = dotI8(a, b, N, M, D, 'wasm');
  const scalar = dotI8(a, b, N, M, D, 'scalar');
  assert.equal(wasm.length, N * M);
  assert.deepEqual(wasm, scalar);
  assert.deepEqual(Array.from(scalar), reference(a, b, N, M, D));
}

describe('dot_i8 equals its scalar twin exactly', () => {
  // D: empty, below one 8-byte step, exactly 8, 16, ragged past both, many vectors.
  for (const D of [0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 40, 512]) {
    for (const [N, M] of [[0, 3], [1, 1], [1, 4], [3, 5], [17, 13], [5, 0]]) {
      it(`N = ${N}, M = ${M}, D = ${D}`, () => {
        check(randomI8(N * D, N + 3 * D), randomI8(M * D, M + 5 * D), N, M, D);
      });
    }
  }

  it('extreme values: −128 · −128, −128 · 127 and 127 · 127 in every lane', () => {
    for (const [x, y] of [[-128, -128], [-128, 127], [127, 127], [-128, -127]]) {
      const D = 1000 + 7;
      const a = new Int8Array(3 * D).fill(x);
      const b = new Int8Array(6 * D).fill(y);
      check(a, b, 3, 6, D);
      assert.equal(dotI8(a, b, 3, 6, D)[0], x * y * D);
    }
  });

  it('rows copied in several chunks (N = 1000, D = 512)', () => {
    check(randomI8(1000 * 512, 1), randomI8(10 * 512, 2), 1000, 10, 512);
  });
});

describe('quantizeAndDotI8 equals dotI8 of quantizeRowsI8, on both backends', () => {
  // Rows in several chunks (256 KiB of f32 rows per chunk), a ragged last chunk, NaN rows.
  for (const [N, D, M] of [[0, 8, 3], [1, 1, 1], [17, 9, 5], [300, 300, 7], [1000, 40, 2]]) {
    it(`N = ${N}, D = ${D}, M = ${M}`, () => {
      const a = Float32Array.from(bytes(N * D, 256, N + D), (v, i) => (v - 100) * (1 + i % 3));
      if (N > 2) a[D + 1] = NaN;
      const b = randomI8(M * D, M + D);
      const want = quantizeRowsI8(a, N, D, 'scalar');
      for (const backend of ['wasm', 'scalar'] as const) {
        const got = quantizeAndDotI8(a, N, D, b, M, backend);
        assert.deepEqual(got.params, want.params);
        assert.deepEqual(got.dots, dotI8(want.q, b, N, M, D, 'scalar'));
      }
    });
  }
});
