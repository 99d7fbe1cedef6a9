/** FastJL: the fast Walsh–Hadamard transform, the sparse projection, and the method. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../src/core/rng.js';
import {
  FastJlMethod, drawFastJl, fastJlSpec, keepProbability, signedHadamardRows,
} from '../../src/methods/sketch/fastjl.js';
import { fwht, hadamardEntry, nextPowerOfTwo } from '../../src/methods/sketch/hadamard.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, errorOf } from './sketch-common.js';

/** H_n x by the dense matrix, in float64. */
function denseHadamard(x: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i] += hadamardEntry(i, j) * (j < x.length ? x[j] : 0);
  }
  return out;
}

describe('fast Walsh–Hadamard transform', () => {
  for (const n of [1, 2, 4, 8, 16]) {
    it(`equals the dense Hadamard product for n = ${n}`, () => {
      const x = Float64Array.from(gaussian(1, n, n).data);
      const want = denseHadamard(x, n);
      fwht(x, 0, n);
      for (let i = 0; i < n; i++) assert.ok(Math.abs(x[i] - want[i]) < 1e-9, `entry ${i}`);
    });
  }

  it('builds an orthogonal matrix: H H = n I for n = 16', () => {
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        let s = 0;
        for (let k = 0; k < 16; k++) s += hadamardEntry(i, k) * hadamardEntry(k, j);
        assert.equal(s, i === j ? 16 : 0);
      }
    }
  });

  it('pads D = 5 and D = 37 with zeros and applies the signs first', () => {
    for (const D of [5, 37]) {
      const Dp = nextPowerOfTwo(D);
      const A = gaussian(3, D, D);
      const signs = Int8Array.from({ length: D }, (_, i) => (i % 3 === 0 ? -1 : 1));
      const X = signedHadamardRows(A, signs, Dp);
      for (let n = 0; n < 3; n++) {
        const signed = Array.from({ length: D }, (_, i) => signs[i] * A.data[n * D + i]);
        const want = denseHadamard(signed, Dp);
        for (let i = 0; i < Dp; i++) {
          assert.ok(Math.abs(X[n * Dp + i] - want[i]) < 1e-4, `D = ${D} row ${n} entry ${i}`);
        }
      }
    }
  });
});

describe('FastJL projection', () => {
  it('keeps entries with probability min(1, max(1, (ln n)²) / D\')', () => {
    assert.equal(keepProbability(1000, 32), 1);
    assert.ok(Math.abs(keepProbability(1000, 1024) - Math.log(1000) ** 2 / 1024) < 1e-15);
    assert.equal(keepProbability(2, 64), 1 / 64);
  });

  it('draws about q·d·D\' nonzeros, of variance 1/(q d D\')', () => {
    const T = drawFastJl(new Rng(1), 1000, 64, 1000);
    const q = keepProbability(1000, 1024);
    const nnz = T.P.indptr[64];
    const expected = q * 64 * 1024;
    assert.ok(Math.abs(nnz - expected) < 5 * Math.sqrt(expected), `nnz ${nnz} vs ${expected}`);
    let s = 0;
    for (const v of T.P.values) s += v * v;
    // Kept values are N(0, 1/q) / √(d D'), about q·d·D' of them: Σ v² ≈ 1 (sd about 0.03).
    assert.ok(Math.abs(s - 1) < 0.15, `total energy ${s}`);
  });

  it('is unbiased: the mean of (S a)·(S b) over 400 seeds approaches a·b', () => {
    const a = gaussian(1, 12, 1);
    const b = gaussian(1, 12, 2);
    let exact = 0;
    for (let i = 0; i < 12; i++) exact += a.data[i] * b.data[i];
    let mean = 0;
    let spread = 0;
    for (let seed = 0; seed < 400; seed++) {
      const method = fastJlSpec.create({ d: 2, seed }).fit(gaussian(50, 12, 3)) as FastJlMethod;
      const T = method.transform ?? assert.fail('fitted');
      const [sa, sb] = [a, b].map((x) => signedHadamardRows(x, T.signs, 16));
      const za = new Float32Array(2);
      const zb = new Float32Array(2);
      for (const [x, z] of [[sa, za], [sb, zb]]) {
        for (let k = 0; k < 2; k++) {
          for (let e = T.P.indptr[k]; e < T.P.indptr[k + 1]; e++) {
            z[k] += T.P.values[e] * x[T.P.index[e]];
          }
        }
      }
      const est = za[0] * zb[0] + za[1] * zb[1];
      mean += est / 400;
      spread += est * est / 400;
    }
    const sd = Math.sqrt((spread - mean * mean) / 400);
    assert.ok(Math.abs(mean - exact) < 4 * sd, `mean ${mean} vs ${exact} (sd ${sd})`);
  });
});

describe('fastjl', () => {
  commonChecks(fastJlSpec, { d: 8 }, (method, _D, M) =>
    ((method as FastJlMethod).transform ?? assert.fail('fitted')).P.indptr[8] + 8 * M);

  it('has a mean NMSE over 6 seeds that shrinks as d grows: d = 4, 16, 64', () => {
    // Observed: d = 4: 32.1, 16: 6.43, 64: 1.43.
    const train = lowRank(200, 100, 8, 21);
    const test = lowRank(300, 100, 8, 22);
    const B = gaussian(100, 10, 23);
    const errors = [4, 16, 64].map((d) => {
      let sum = 0;
      for (let seed = 0; seed < 6; seed++) sum += errorOf(fastJlSpec, { d, seed }, train, test, B);
      return sum / 6;
    });
    assert.ok(errors[0] > errors[1] && errors[1] > errors[2], errors.join(', '));
    assert.ok(errors[2] < 2.5, `d = 64: ${errors[2]}`);
  });
});
