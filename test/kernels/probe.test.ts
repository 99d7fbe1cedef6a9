/**
 * The lookup-rate probe of the benchmarks against its scalar twin: the same checksum for any
 * number of rounds, so that the timed work is the work described.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cycleChainI32, lookupRateU8 } from '../../src/kernels/scalar/probe.js';
import { kernels } from '../../src/kernels/wasm/loader.js';

describe('lookupRate_u8 equals its scalar twin', () => {
  for (const iterations of [0, 1, 2, 7, 100]) {
    for (const seed of [0, 1, 255, 12345]) {
      it(`${iterations} rounds, seed ${seed}`, () => {
        assert.equal(kernels().lookupRate_u8(iterations, seed), lookupRateU8(iterations, seed));
      });
    }
  }

  it('changes the bytes (each round is real work)', () => {
    // The chains converge within a few rounds (averaging), so compare the first ones.
    assert.notEqual(lookupRateU8(0, 3), lookupRateU8(1, 3));
    assert.notEqual(kernels().lookupRate_u8(0, 3), kernels().lookupRate_u8(1, 3));
  });
});

describe('cycleChain_i32 equals its scalar twin', () => {
  for (const [iterations, seed] of [[0, 5], [1, 5], [1000, -7], [12345, 2 ** 31 - 1]]) {
    it(`${iterations} rounds, seed ${seed}`, () => {
      assert.equal(kernels().cycleChain_i32(iterations, seed), cycleChainI32(iterations, seed));
    });
  }
});
