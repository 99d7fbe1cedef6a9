/** Random projections rp-gauss, rp-ortho, rp-rademacher, rp-hadamard: V from the seed, κ = D/d. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MethodSpec } from '../../src/methods/method.js';
import { DenseSketchMethod } from '../../src/methods/sketch/dense.js';
import { hadamardEntry } from '../../src/methods/sketch/hadamard.js';
import {
  rpGaussSpec, rpHadamardSpec, rpOrthoSpec, rpRademacherSpec,
} from '../../src/methods/sketch/random-projections.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, errorOf } from './sketch-common.js';

const SPECS: readonly MethodSpec[] = [rpGaussSpec, rpOrthoSpec, rpRademacherSpec, rpHadamardSpec];

/** Mean test NMSE over seeds 0..seeds-1, D = 100, M = 10, rows of rank 8 plus noise. */
function meanError(spec: MethodSpec, d: number, seeds: number): number {
  const train = lowRank(200, 100, 8, 21);
  const test = lowRank(300, 100, 8, 22);
  const B = gaussian(100, 10, 23);
  let sum = 0;
  for (let seed = 0; seed < seeds; seed++) sum += errorOf(spec, { d, seed }, train, test, B);
  return sum / seeds;
}

/** κ V Vᵀ of a fitted projection, (D, D) row-major float64. */
function scaledGram(spec: MethodSpec, D: number, d: number, seed: number): Float64Array {
  const method = spec.create({ d, seed }).fit(gaussian(3, D, 1)) as DenseSketchMethod;
  const { V, scale } = method.projection ?? assert.fail('fitted');
  const G = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += V[i * d + k] * V[j * d + k];
      G[i * D + j] = scale * s;
    }
  }
  return G;
}

for (const spec of SPECS) {
  describe(spec.name, () => {
    commonChecks(spec, { d: 8 }, (_m, D, M) => D * 8 + 8 * M);

    it('is unbiased: the mean of κ V Vᵀ over 800 seeds is within 0.2 of I ' +
      '(D = 6, d = 2)', () => {
      const D = 6;
      const mean = new Float64Array(D * D);
      for (let seed = 0; seed < 800; seed++) {
        const G = scaledGram(spec, D, 2, seed);
        for (let i = 0; i < G.length; i++) mean[i] += G[i] / 800;
      }
      for (let i = 0; i < D; i++) {
        for (let j = 0; j < D; j++) {
          const want = i === j ? 1 : 0;
          assert.ok(Math.abs(mean[i * D + j] - want) < 0.2, `(${i}, ${j}): ${mean[i * D + j]}`);
        }
      }
    });

    it('has unit-norm columns', () => {
      const method = spec.create({ d: 5, seed: 2 }).fit(gaussian(3, 37, 1)) as DenseSketchMethod;
      const { V } = method.projection ?? assert.fail('fitted');
      for (let k = 0; k < 5; k++) {
        let s = 0;
        for (let i = 0; i < 37; i++) s += V[i * 5 + k] ** 2;
        assert.ok(Math.abs(s - 1) < 1e-5, `column ${k}: ${s}`);
      }
    });

    it('has a mean NMSE over 6 seeds that shrinks as d grows: d = 4, 16, 64', () => {
      // Observed (gauss / ortho / rademacher / hadamard): d = 4: 20.9 / 20.3 / 19.9 /
      // 17.0, 16: 5.32 / 4.43 / 4.43 / 4.03, 64: 1.14 / 0.444 / 1.23 / 0.570. Unbiased
      // sketches pay in variance: below d ≈ D/2 their NMSE exceeds 1.
      const errors = [4, 16, 64].map((d) => meanError(spec, d, 6));
      assert.ok(errors[0] > errors[1] && errors[1] > errors[2], errors.join(', '));
      assert.ok(errors[2] < 2.5, `d = 64: ${errors[2]}`);
    });
  });
}

describe('rp-ortho', () => {
  it('has orthonormal columns: Vᵀ V = I within 1e-6 (D = 37, d = 30)', () => {
    const method = rpOrthoSpec.create({ d: 30, seed: 1 }).fit(gaussian(3, 37, 1)) as
      DenseSketchMethod;
    const { V } = method.projection ?? assert.fail('fitted');
    for (let a = 0; a < 30; a++) {
      for (let b = 0; b < 30; b++) {
        let s = 0;
        for (let i = 0; i < 37; i++) s += V[i * 30 + a] * V[i * 30 + b];
        assert.ok(Math.abs(s - (a === b ? 1 : 0)) < 1e-6, `(${a}, ${b}): ${s}`);
      }
    }
  });

  it('is exact at d = D: V is orthogonal and κ = 1', () => {
    const A = gaussian(20, 16, 2);
    const B = gaussian(16, 3, 3);
    const error = errorOf(rpOrthoSpec, { d: 16 }, A, A, B);
    assert.ok(error < 1e-10, `NMSE ${error}`);
  });
});

describe('rp-hadamard', () => {
  it('takes d distinct columns of the Hadamard matrix of order 128 for D = 100', () => {
    const method = rpHadamardSpec.create({ d: 20, seed: 5 }).fit(gaussian(3, 100, 1)) as
      DenseSketchMethod;
    const { V } = method.projection ?? assert.fail('fitted');
    const seen = new Set<number>();
    for (let k = 0; k < 20; k++) {
      const column = Array.from({ length: 128 }, (_, c) => c).filter((c) => {
        for (let i = 0; i < 100; i++) {
          if (V[i * 20 + k] !== Math.fround(hadamardEntry(i, c) / 10)) return false;
        }
        return true;
      });
      assert.equal(column.length, 1, `column ${k} matches one Hadamard column`);
      seen.add(column[0]);
    }
    assert.equal(seen.size, 20, 'distinct columns');
  });
});
