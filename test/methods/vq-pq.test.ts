/** Product quantization: the common checks, exactness of the float tables, and accuracy. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matmulF64 } from '../../src/core/metrics.js';
import { createMethod } from '../../src/methods/registry.js';
import { PqMethod, pqSpec } from '../../src/methods/vq/pq.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, nmseOf } from '../helpers/vq-checks.js';
import { clustered, split } from '../helpers/vq-data.js';

describe('pq: common checks', () => commonChecks('pq', { codebooks: 4, iterations: 8 }));

describe('pq', () => {
  const D = 30;
  const train = lowRank(1500, D, 6, 1);
  const test = lowRank(300, D, 6, 2);
  const B = gaussian(D, 7, 3);

  it('sums the float tables exactly: Σ_c centroid_c(code) · B_block, and Â · B', () => {
    const pq = createMethod('pq', { codebooks: 7, iterations: 5 }).fit(train).prepare(B) as
      PqMethod;
    const books = pq.codebooks ?? assert.fail('fitted');
    const codes = books.encode(test);
    const Y = pq.multiply(test);
    const viaReconstruction = matmulF64(books.reconstruct(codes, test.rows), B);
    for (let n = 0; n < test.rows; n++) {
      for (let m = 0; m < 7; m++) {
        let sum = 0;
        let magnitude = 0;
        for (let c = 0; c < 7; c++) {
          const s = books.starts[c];
          const Dc = books.starts[c + 1] - s;
          const P = books.block(c).subarray(codes[n * 7 + c] * Dc);
          let dot = 0;
          for (let j = 0; j < Dc; j++) dot += P[j] * B.data[(s + j) * 7 + m];
          sum += dot;
          magnitude += Math.abs(dot);
        }
        const y = Y.data[n * 7 + m];
        // Float32 tables and float32 sums: a few ulps of the largest partial sum.
        const tol = 1e-6 * (magnitude + 1) * 8;
        assert.ok(Math.abs(y - sum) <= tol, `(${n}, ${m}): ${y} vs ${sum}`);
        assert.ok(Math.abs(y - viaReconstruction[n * 7 + m]) <= tol, `(${n}, ${m}) via Â`);
      }
    }
  });

  it('encodes each block to its nearest centroid', () => {
    const pq = createMethod('pq', { codebooks: 3, iterations: 3 }).fit(train) as PqMethod;
    const books = pq.codebooks ?? assert.fail('fitted');
    const codes = books.encode(test);
    for (let n = 0; n < 50; n++) {
      for (let c = 0; c < 3; c++) {
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
        for (let k = 0; k < 256; k++) best = Math.min(best, dist(k));
        assert.ok(dist(codes[n * 3 + c]) <= best + 1e-4 * (1 + best), `row ${n}, book ${c}`);
      }
    }
  });

  it('is accurate on clustered and low-rank data, and more codebooks are not worse', () => {
    const [clusteredTrain, clusteredTest] = split(clustered(3500, 32, 40, 0.3, 4), 3000);
    const [lowTrain, lowTest] = split(lowRank(3500, 32, 4, 6), 3000);
    const Bc = gaussian(32, 10, 5);
    const settings = [2, 4, 8, 16].map((codebooks) => ({ codebooks, iterations: 10 }));
    // Observed: clustered 0.0090, 0.0080, 0.0056, 0.0021; low-rank 0.103, 0.079, 0.048,
    // 0.0061.
    const clusteredErr = nmseOf('pq', settings, clusteredTrain, clusteredTest, Bc);
    const lowRankErr = nmseOf('pq', settings, lowTrain, lowTest, Bc);
    for (const [what, errs, bounds] of [['clustered', clusteredErr, [0.02, 0.016, 0.012, 0.005]],
      ['low-rank', lowRankErr, [0.15, 0.12, 0.07, 0.012]]] as const) {
      for (let i = 0; i < errs.length; i++) {
        assert.ok(errs[i] < bounds[i], `${what} C = ${settings[i].codebooks}: NMSE ${errs[i]}`);
        if (i > 0) assert.ok(errs[i] <= errs[i - 1] * 1.05, `${what}: ${errs}`);
      }
    }
  });

  it('reports the cost of a query row and the paper grid up to D', () => {
    const pq = createMethod('pq', { codebooks: 5, iterations: 1 }).fit(train).prepare(B);
    assert.deepEqual(pq.cost(), { multiplies: D * 256, lookups: 5 * 7, encodedBytes: 5 });
    assert.deepEqual(pqSpec.grid(10, 3).map((p) => p.codebooks), [2, 4, 8]);
    assert.equal(pqSpec.randomized, true);
    assert.equal(pqSpec.budget, 'codebooks');
  });

  it('depends on the seed', () => {
    const a = createMethod('pq', { codebooks: 4, seed: 1, iterations: 2 }).fit(train);
    const b = createMethod('pq', { codebooks: 4, seed: 2, iterations: 2 }).fit(train);
    assert.notDeepEqual(a.prepare(B).multiply(test).data, b.prepare(B).multiply(test).data);
  });
});
