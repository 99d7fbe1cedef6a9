/** OPQ: the common checks, the Procrustes rotation, and the gain over PQ. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadModelFileError } from '../../src/core/errors.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { createMethod, methodSpec } from '../../src/methods/registry.js';
import { OpqMethod } from '../../src/methods/vq/opq.js';
import { orthogonalityError, polarFactor } from '../../src/methods/vq/rotation.js';
import { Rng } from '../../src/core/rng.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks } from '../helpers/vq-checks.js';
import { sameBits, split, withArray } from '../helpers/vq-data.js';

describe('opq: common checks', () =>
  commonChecks('opq', { codebooks: 4, iterations: 6, rotations: 2 }));

/** Rᵀ G for R, G (D, D) row-major. */
function rtG(R: Float64Array, G: Float64Array, D: number): Float64Array {
  const H = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      for (let k = 0; k < D; k++) H[i * D + j] += R[k * D + i] * G[k * D + j];
    }
  }
  return H;
}

describe('polar factor', () => {
  it('is orthogonal with Rᵀ G symmetric and positive semidefinite, full rank or not', () => {
    const rng = new Rng(1);
    for (const [D, rank] of [[1, 1], [6, 6], [9, 9], [9, 3], [8, 0]]) {
      const U = Array.from({ length: D * rank }, () => rng.normal());
      const V = Array.from({ length: rank * D }, () => rng.normal());
      const G = new Float64Array(D * D);
      for (let i = 0; i < D; i++) {
        for (let j = 0; j < D; j++) {
          for (let r = 0; r < rank; r++) G[i * D + j] += U[i * rank + r] * V[r * D + j];
        }
      }
      const R = polarFactor(G, D);
      assert.ok(orthogonalityError(R, D) < 1e-10, `D = ${D}, rank ${rank}: orthogonal`);
      const H = rtG(R, G, D);
      let trace = 0;
      for (let i = 0; i < D; i++) {
        trace += H[i * D + i];
        for (let j = 0; j < D; j++) {
          assert.ok(Math.abs(H[i * D + j] - H[j * D + i]) < 1e-8, `D = ${D}: symmetric`);
        }
      }
      // The trace of Rᵀ G is the sum of singular values, at least that of any other rotation,
      // in particular the identity's.
      let identityTrace = 0;
      for (let i = 0; i < D; i++) identityTrace += G[i * D + i];
      assert.ok(trace >= identityTrace - 1e-9, `D = ${D}, rank ${rank}: ${trace}`);
    }
  });
});

describe('opq', () => {
  const [train, test] = split(lowRank(2500, 24, 6, 3), 2000);
  const B = gaussian(24, 6, 4);
  const exact = matmulF64(test, B);

  it('learns an orthogonal rotation', () => {
    const opq = createMethod('opq', { codebooks: 4, iterations: 4, rotations: 3 }).fit(train) as
      OpqMethod;
    assert.ok(orthogonalityError(opq.rotation ?? assert.fail('fitted'), 24) < 1e-5);
  });

  it('with no rotation step is PQ exactly', () => {
    const params = { codebooks: 4, iterations: 5, seed: 3 };
    const opq = createMethod('opq', { ...params, rotations: 0 }).fit(train).prepare(B);
    const pq = createMethod('pq', params).fit(train).prepare(B);
    assert.ok(sameBits(opq.multiply(test).data, pq.multiply(test).data));
  });

  it('is at least as accurate as PQ, and more codebooks are not worse', () => {
    const errors = [2, 4, 8].map((codebooks) => {
      const params = { codebooks, iterations: 8 };
      const pq = nmse(exact, createMethod('pq', params).fit(train).prepare(B).multiply(test));
      const opq = nmse(exact, createMethod('opq', { ...params, rotations: 6 }).fit(train)
        .prepare(B).multiply(test));
      assert.ok(opq <= pq * 1.02, `C = ${codebooks}: OPQ ${opq} vs PQ ${pq}`);
      // Blocks of these rows are correlated with each other: rotating must pay at C = 4.
      if (codebooks === 4) assert.ok(opq < 0.8 * pq, `C = 4: OPQ ${opq} vs PQ ${pq}`);
      return opq;
    });
    // Observed (PQ / OPQ): C = 2: 0.231 / 0.141, C = 4: 0.128 / 0.0606, C = 8: 0.0436 /
    // 0.0353; the bounds sit about 25% above OPQ's values.
    [0.18, 0.076, 0.045].forEach((bound, i) => assert.ok(errors[i] < bound, `${errors}`));
    assert.ok(errors[1] <= errors[0] && errors[2] <= errors[1], `${errors}`);
  });

  it('refuses a saved rotation that is not orthogonal', () => {
    const state = createMethod('opq', { codebooks: 3, iterations: 2, rotations: 1 }).fit(train)
      .state();
    const R = (state.arrays.rotation as Float32Array).slice();
    R[5] += 0.01;
    assert.throws(() => methodSpec('opq').restore?.(withArray(state, 'rotation', R), 't'),
      BadModelFileError);
  });

  it('counts the rotation in the cost', () => {
    const opq = createMethod('opq', { codebooks: 4, iterations: 1, rotations: 1 }).fit(train)
      .prepare(B);
    assert.deepEqual(opq.cost(), { multiplies: 24 * 24 + 24 * 256, lookups: 24,
      encodedBytes: 4 });
  });
});
