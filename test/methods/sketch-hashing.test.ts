/** HashJL and OSNAP: count sketches shared by A and B. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../src/core/rng.js';
import {
  CountSketchMethod, applyCountSketch, drawCountSketch, hashJlSpec, osnapSpec, sliceBounds,
} from '../../src/methods/sketch/count-sketch.js';
import type { MethodSpec } from '../../src/methods/method.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, errorOf } from './sketch-common.js';

/** The (D, D) identity. */
function identity(D: number): { rows: number; cols: number; data: Float32Array } {
  const data = new Float32Array(D * D);
  for (let i = 0; i < D; i++) data[i * D + i] = 1;
  return { rows: D, cols: D, data };
}

describe('count sketch', () => {
  it('sends each input dim to exactly one bucket, with sign ±1', () => {
    const T = drawCountSketch(new Rng(1), 37, 8, 1);
    const Z = applyCountSketch(T, identity(37));
    for (let i = 0; i < 37; i++) {
      const row = Array.from(Z.subarray(i * 8, (i + 1) * 8));
      const hits = row.filter((v) => v !== 0);
      assert.equal(hits.length, 1, `dim ${i}`);
      assert.equal(Math.abs(hits[0]), 1);
      assert.equal(row.indexOf(hits[0]), T.buckets[i]);
    }
  });

  it('uses every bucket when D ≫ d', () => {
    const T = drawCountSketch(new Rng(2), 1000, 16, 1);
    assert.equal(new Set(T.buckets).size, 16);
  });

  it('splits d into s slices as equal as possible, the first d mod s one wider', () => {
    assert.deepEqual(Array.from(sliceBounds(8, 4)), [0, 2, 4, 6, 8]);
    assert.deepEqual(Array.from(sliceBounds(6, 4)), [0, 2, 4, 5, 6]);
    assert.deepEqual(Array.from(sliceBounds(3, 3)), [0, 1, 2, 3]);
    assert.deepEqual(Array.from(sliceBounds(1, 1)), [0, 1]);
  });
});

describe('osnap sketch', () => {
  for (const d of [1, 2, 3, 6, 8, 16]) {
    it(`has s = min(4, d) sketches, each input dim hitting one bucket per slice (d = ${d})`, () => {
      const method = osnapSpec.create({ d, seed: 3 }).fit(gaussian(5, 37, 1)) as
        CountSketchMethod;
      const T = method.sketch ?? assert.fail('fitted');
      const s = Math.min(4, d);
      assert.equal(T.s, s);
      const bounds = sliceBounds(d, s);
      const Z = applyCountSketch(T, identity(37));
      for (let i = 0; i < 37; i++) {
        for (let t = 0; t < s; t++) {
          const slice = Array.from(Z.subarray(i * d + bounds[t], i * d + bounds[t + 1]));
          const hits = slice.filter((v) => v !== 0);
          assert.equal(hits.length, 1, `dim ${i}, slice ${t}`);
          assert.equal(Math.abs(hits[0]), 1);
        }
      }
    });
  }

  it('draws the slices independently', () => {
    const T = drawCountSketch(new Rng(4), 200, 8, 4);
    let same = 0;
    for (let i = 0; i < 200; i++) {
      if (T.buckets[i] - 0 === T.buckets[200 + i] - 2) same++;
    }
    assert.ok(same < 200 * 0.75, `slices 0 and 1 agree on ${same} of 200 dims`);
  });
});

const SPECS: readonly [MethodSpec, number][] = [[hashJlSpec, 1], [osnapSpec, 4]];

for (const [spec, s] of SPECS) {
  describe(spec.name, () => {
    commonChecks(spec, { d: 8 }, (_method, _D, M) => 8 * M);

    it('is unbiased: the mean estimate of a·b over 600 seeds is within 4 sd', () => {
      const a = gaussian(1, 20, 5);
      const b = gaussian(20, 1, 6);
      let exact = 0;
      for (let i = 0; i < 20; i++) exact += a.data[i] * b.data[i];
      let mean = 0;
      let square = 0;
      for (let seed = 0; seed < 600; seed++) {
        const y = spec.create({ d: 4, seed }).fit(a).prepare(b).multiply(a).data[0];
        mean += y / 600;
        square += y * y / 600;
      }
      const sd = Math.sqrt((square - mean * mean) / 600);
      assert.ok(Math.abs(mean - exact) < 4 * sd, `mean ${mean} vs ${exact} (sd ${sd})`);
    });

    it(`has s = ${s} sketches at d = 8 and a mean NMSE that shrinks as d grows`, () => {
      // Observed (hashjl / osnap): d = 4: 18.5 / 17.3, 16: 4.62 / 5.05, 64: 1.05 / 1.24.
      const method = spec.create({ d: 8 }).fit(gaussian(5, 37, 1)) as CountSketchMethod;
      assert.equal(method.sketch?.s, s);
      const train = lowRank(200, 100, 8, 21);
      const test = lowRank(300, 100, 8, 22);
      const B = gaussian(100, 10, 23);
      const errors = [4, 16, 64].map((d) => {
        let sum = 0;
        for (let seed = 0; seed < 6; seed++) sum += errorOf(spec, { d, seed }, train, test, B);
        return sum / 6;
      });
      assert.ok(errors[0] > errors[1] && errors[1] > errors[2], errors.join(', '));
      assert.ok(errors[2] < 2.5, `d = 64: ${errors[2]}`);
    });
  });
}
