/** Bolt: the common checks, code packing, table quantization error, accuracy, backends. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { paddedCodebooks, setBackend } from '../../src/kernels/index.js';
import { createMethod } from '../../src/methods/registry.js';
import { packCodes, unpackCodes } from '../../src/methods/vq/bolt-tables.js';
import { BoltMethod, boltSpec } from '../../src/methods/vq/bolt.js';
import { bytes, gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, nmseOf } from '../helpers/vq-checks.js';
import { clustered, sameBits, split } from '../helpers/vq-data.js';

describe('bolt: common checks', () => commonChecks('bolt', { codebooks: 4, iterations: 8 }));

describe('bolt', () => {
  const D = 40;
  const train = lowRank(1500, D, 6, 1);
  const test = lowRank(333, D, 6, 2);
  const B = gaussian(D, 5, 3);
  after(() => setBackend('wasm'));

  function fitted(C: number): BoltMethod {
    return createMethod('bolt', { codebooks: C, iterations: 6 }).fit(train).prepare(B) as
      BoltMethod;
  }

  it('packs codes in the scan layout, even codebook in the low nibble', () => {
    for (const [N, C] of [[1, 1], [17, 3], [40, 16], [33, 17]]) {
      const Cs = paddedCodebooks(C);
      const codes = bytes(N * C, 16, N + C);
      const packed = packCodes(codes, N, C, Cs);
      assert.equal(packed.length, Math.ceil(N / 16) * 16 * (Cs >> 1));
      assert.deepEqual(unpackCodes(packed, N, C, Cs), codes);
      // Row 0, codebooks 0 and 1 share byte 0; row 1 is the next byte of the same vector.
      assert.equal(packed[0], codes[0] | (C > 1 ? codes[1] << 4 : 0));
      if (N > 1) assert.equal(packed[1] & 15, codes[C]);
      // Padding codebooks and rows hold code 0.
      assert.equal(unpackCodes(packed, Math.ceil(N / 16) * 16, Cs, Cs)
        .filter((v, i) => i % Cs >= C || i >= N * Cs).some((v) => v !== 0), false);
    }
  });

  for (const C of [3, 17, 20]) {
    it(`C = ${C}: packed codes decode to the nearest of the 16 centroids`, () => {
      const bolt = fitted(C);
      const books = bolt.codebooks ?? assert.fail('fitted');
      const codes = unpackCodes(bolt.encode(test), test.rows, C, paddedCodebooks(C));
      for (let n = 0; n < test.rows; n++) {
        for (let c = 0; c < C; c++) {
          const s = books.starts[c];
          const Dc = books.starts[c + 1] - s;
          const dist = (k: number): number => {
            let t = 0;
            for (let j = 0; j < Dc; j++) {
              t += (test.data[n * D + s + j] - books.block(c)[k * Dc + j]) ** 2;
            }
            return t;
          };
          let best = Infinity;
          for (let k = 0; k < 16; k++) best = Math.min(best, dist(k));
          assert.ok(dist(codes[n * C + c]) <= best + 1e-4 * (1 + best), `row ${n}, book ${c}`);
        }
      }
    });

    it(`C = ${C}: outputs are the float table sums to within half a step per codebook`, () => {
      const bolt = fitted(C);
      const books = bolt.codebooks ?? assert.fail('fitted');
      const lut = bolt.tables ?? assert.fail('prepared');
      const T = books.tables(B);
      const codes = books.encode(test);
      const Y = bolt.multiply(test);
      for (let n = 0; n < test.rows; n++) {
        for (let m = 0; m < 5; m++) {
          let sum = 0;
          for (let c = 0; c < C; c++) sum += T[(c * 16 + codes[n * C + c]) * 5 + m];
          const bound = 0.5 * C * lut.invScale[m] * (1 + 1e-5) + 1e-5 * (1 + Math.abs(sum));
          const y = Y.data[n * 5 + m];
          assert.ok(Math.abs(y - sum) <= bound, `(${n}, ${m}): ${y} vs ${sum}`);
        }
      }
    });
  }

  it('gives the same outputs on the scalar and the wasm kernels', () => {
    const bolt = fitted(17);
    setBackend('scalar');
    const scalar = bolt.multiply(test);
    setBackend('wasm');
    assert.ok(sameBits(bolt.multiply(test).data, scalar.data));
  });

  it('is accurate on clustered and low-rank data, and more codebooks are not worse', () => {
    const Bc = gaussian(32, 10, 5);
    const settings = [2, 4, 8, 16, 32].map((codebooks) => ({ codebooks, iterations: 10 }));
    const clusteredErr = nmseOf('bolt', settings, ...split(clustered(3500, 32, 40, 0.3, 4), 3000),
      Bc);
    const lowRankErr = nmseOf('bolt', settings, ...split(lowRank(3500, 32, 4, 6), 3000), Bc);
    for (const [what, errs, bounds] of [['clustered', clusteredErr, BOUNDS.clustered],
      ['low-rank', lowRankErr, BOUNDS.lowRank]] as const) {
      for (let i = 0; i < errs.length; i++) {
        assert.ok(errs[i] < bounds[i], `${what} C = ${settings[i].codebooks}: NMSE ${errs[i]}`);
        if (i > 0) assert.ok(errs[i] <= errs[i - 1] * 1.05, `${what}: ${errs}`);
      }
    }
  });

  it('reports the cost of a query row', () => {
    assert.deepEqual(fitted(6).cost(), { multiplies: 16 * D, lookups: 6 * 5, encodedBytes: 3 });
    assert.deepEqual(boltSpec.grid(40, 5).map((p) => p.codebooks), [2, 4, 8, 16, 32]);
  });
});

// NMSE bounds for C = 2 .. 32, about 25% above the observed values: clustered 0.403, 0.294,
// 0.142, 0.0421, 0.00564; low-rank 0.295, 0.242, 0.174, 0.0767, 0.0103.
const BOUNDS = {
  clustered: [0.5, 0.37, 0.18, 0.055, 0.008],
  lowRank: [0.37, 0.3, 0.22, 0.1, 0.014],
};
