/**
 * The float-table scan scanFloat_f32 against its scalar twin, bit for bit: any M (whole
 * vectors, blocks of 16 and a ragged last vector), K = 16 and 256, any N.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanFloat } from '../../src/kernels/vq.js';
import { bytes, gaussian } from '../helpers/random.js';

describe('scanFloat_f32 equals its scalar twin bit for bit', () => {
  for (const K of [16, 256]) {
    for (const C of [1, 3, 16]) {
      for (const M of [1, 3, 4, 5, 10, 16, 17, 100]) {
        for (const N of [0, 1, 17, 100]) {
          it(`K = ${K}, C = ${C}, M = ${M}, N = ${N}`, () => {
            const seed = K + C * 5 + M * 11 + N;
            const codes = bytes(N * C, K, seed);
            const T = gaussian(C * K, M, seed + 1).data;
            const wasm = scanFloat(codes, N, C, K, T, M, 'wasm');
            const scalar = scanFloat(codes, N, C, K, T, M, 'scalar');
            assert.equal(wasm.length, N * M);
            for (let i = 0; i < wasm.length; i++) {
              if (!Object.is(wasm[i], scalar[i])) {
                assert.fail(`index ${i}: wasm ${wasm[i]} vs scalar ${scalar[i]}`);
              }
            }
          });
        }
      }
    }
  }

  it('sums in codebook order in float32 from 0', () => {
    // 1 + 2^-24 + 2^-24 is 1 in that order in float32 (each add rounds back to 1); with the
    // small terms first it would be 1 + 2^-23.
    const T = new Float32Array([1, 2 ** -24, 2 ** -24, -0]);
    const codes = new Uint8Array([0, 0, 0, 0]);
    for (const backend of ['wasm', 'scalar'] as const) {
      const y = scanFloat(codes, 1, 4, 1, T, 1, backend);
      assert.equal(y[0], 1, backend);
    }
  });
});
