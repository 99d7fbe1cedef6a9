/** The shared k-means: monotone objective, determinism, degenerate inputs, the GEMM search. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kmeans, objective } from '../../src/methods/vq/kmeans.js';
import { nearestCentroids } from '../../src/methods/vq/nearest.js';
import { gaussian } from '../helpers/random.js';
import { clustered } from '../helpers/vq-data.js';

function bruteNearest(X: Float32Array, n: number, d: number, C: Float32Array, K: number):
  Float64Array {
  const best = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (X[i * d + j] - C[k * d + j]) ** 2;
      best[i] = Math.min(best[i], s);
    }
  }
  return best;
}

describe('k-means', () => {
  it('never increases its objective across iterations', () => {
    for (const [n, d, K, seed] of [[500, 4, 16, 1], [1000, 7, 64, 2], [3000, 4, 256, 3]]) {
      const X = gaussian(n, d, seed).data;
      const { objectives } = kmeans(X, n, d, { K, seed, iterations: 50, tolerance: 0 });
      assert.ok(objectives.length > 2, `${objectives.length} iterations ran`);
      for (let t = 1; t < objectives.length; t++) {
        assert.ok(objectives[t] <= objectives[t - 1],
          `n = ${n}, K = ${K}: iteration ${t}: ${objectives[t]} > ${objectives[t - 1]}`);
      }
      assert.ok(objectives[objectives.length - 1] < objectives[0], 'Lloyd improved the seeds');
    }
  });

  it('reports the objective of the centroids and assignment it returns', () => {
    const X = gaussian(400, 5, 4).data;
    const r = kmeans(X, 400, 5, { K: 16, seed: 4, iterations: 10 });
    assert.equal(objective(X, 400, 5, r.centroids, r.assign), r.objectives.at(-1));
  });

  it('is deterministic for a seed and depends on it', () => {
    const X = gaussian(300, 6, 5).data;
    const a = kmeans(X, 300, 6, { K: 16, seed: 7, iterations: 10 });
    const b = kmeans(X, 300, 6, { K: 16, seed: 7, iterations: 10 });
    const c = kmeans(X, 300, 6, { K: 16, seed: 8, iterations: 10 });
    assert.deepEqual(a.centroids, b.centroids);
    assert.deepEqual(a.assign, b.assign);
    assert.notDeepEqual(a.centroids, c.centroids);
  });

  it('finds well-separated clusters: error near the noise floor', () => {
    const A = clustered(2000, 8, 10, 0.1, 6);
    const { objectives } = kmeans(A.data, 2000, 8, { K: 10, seed: 1, iterations: 100 });
    // The noise alone contributes 2000 · 8 · 0.01 = 160; a merged pair of clusters adds
    // thousands.
    assert.ok(objectives.at(-1) as number < 200, `objective ${objectives.at(-1)}`);
  });

  it('gives K centroids, duplicates included, for fewer distinct points than K', () => {
    const X = new Float32Array([1, 2, 1, 2, 5, 5, 1, 2, -3, 0]);
    for (const n of [1, 5]) {
      const r = kmeans(X, n, 2, { K: 16, seed: 3, iterations: 20 });
      assert.equal(r.centroids.length, 32);
      assert.equal(r.objectives.at(-1), 0);
      for (let k = 0; k < 16; k++) {
        const c = [r.centroids[2 * k], r.centroids[2 * k + 1]];
        const isPoint = [0, 1, 2, 3, 4].slice(0, n)
          .some((i) => X[2 * i] === c[0] && X[2 * i + 1] === c[1]);
        assert.ok(isPoint, `centroid ${k} = ${c} is one of the points`);
      }
    }
  });

  it('re-seeds empty clusters from the farthest points', () => {
    // Two tight clusters and K = 4: with re-seeding every centroid ends up holding points.
    const A = clustered(400, 3, 4, 0.01, 9);
    const r = kmeans(A.data, 400, 3, { K: 4, seed: 0, iterations: 50 });
    const counts = new Array(4).fill(0);
    for (const k of r.assign) counts[k]++;
    assert.ok(counts.every((c) => c > 0), `counts ${counts}`);
  });
});

describe('nearest-centroid search by GEMM', () => {
  it('picks a centroid at the brute-force float64 minimum distance', () => {
    for (const [n, d, K] of [[1, 1, 1], [33, 5, 16], [1000, 12, 256], [5000, 3, 256]]) {
      const X = gaussian(n, d, n + d).data;
      const C = gaussian(K, d, K + d).data;
      const got = nearestCentroids(X, n, d, C, K);
      const best = bruteNearest(X, n, d, C, K);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (X[i * d + j] - C[got[i] * d + j]) ** 2;
        assert.ok(s <= best[i] + 1e-5 * (1 + best[i]), `point ${i}: ${s} vs ${best[i]}`);
      }
    }
  });
});
