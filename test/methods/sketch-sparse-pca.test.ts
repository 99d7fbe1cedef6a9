/** Sparse PCA: L1-penalized components, least-squares correction, the mean added back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import { matmulF64 } from '../../src/core/metrics.js';
import {
  SparsePcaMethod, pseudoInverse, sparsePcaSpec,
} from '../../src/methods/sketch/sparse-pca.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, errorOf, exactLowRank } from './sketch-common.js';

function nonzeros(alpha: number, A: Matrix, d: number): number {
  const method = sparsePcaSpec.create({ d, alpha }).fit(A) as SparsePcaMethod;
  return (method.components ?? assert.fail('fitted')).indptr[d];
}

describe('sparse-pca', () => {
  commonChecks(sparsePcaSpec, { d: 8 }, (method, _D, M) =>
    ((method as SparsePcaMethod).components ?? assert.fail('fitted')).indptr[8] + 8 * M);

  it('is near exact on centred-rank-5 rows at alpha = 0 (the principal subspace)', () => {
    const A = exactLowRank(600, 37, 5, 1);
    for (let i = 0; i < A.data.length; i++) A.data[i] += 2;
    const error = errorOf(sparsePcaSpec, { d: 5, alpha: 0 }, sliceRows(A, 0, 400),
      sliceRows(A, 400, 600), gaussian(37, 4, 2));
    assert.ok(error < 1e-6, `NMSE ${error}`);
  });

  it('has fewer nonzeros as alpha grows, and none at alpha = 1', () => {
    const A = lowRank(300, 37, 6, 3);
    const counts = [0, 0.05, 0.2, 0.5].map((alpha) => nonzeros(alpha, A, 6));
    assert.equal(counts[0], 6 * 37);
    for (let i = 1; i < counts.length; i++) {
      assert.ok(counts[i] < counts[i - 1], `alpha counts ${counts.join(', ')}`);
    }
    assert.equal(nonzeros(1, A, 6), 0);
  });

  it('gives the mean product μB for every row when every component is zero', () => {
    const A = lowRank(200, 12, 3, 4);
    const B = gaussian(12, 3, 5);
    const method = sparsePcaSpec.create({ d: 3, alpha: 1 }).fit(A).prepare(B);
    const mean = new Float32Array(12);
    for (let n = 0; n < 200; n++) for (let i = 0; i < 12; i++) mean[i] += A.data[n * 12 + i];
    for (let i = 0; i < 12; i++) mean[i] /= 200;
    const want = matmulF64({ rows: 1, cols: 12, data: mean }, B);
    const Y = method.multiply(gaussian(4, 12, 6));
    for (let n = 0; n < 4; n++) {
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(Y.data[n * 3 + j] - want[j]) < 1e-4);
    }
  });

  it('keeps a useful error with sparse components (alpha = 0.05, d = 8)', () => {
    // Observed: NMSE 0.0290 with 52% of the entries nonzero; alpha = 0 and PCA give 0.0136.
    const A = lowRank(600, 37, 6, 7);
    const B = gaussian(37, 5, 8);
    const error = errorOf(sparsePcaSpec, { d: 8, alpha: 0.05 }, sliceRows(A, 0, 400),
      sliceRows(A, 400, 600), B);
    assert.ok(error < 0.1, `NMSE ${error}`);
  });
});

describe('pseudo-inverse', () => {
  it('inverts a full-rank Gram and leaves a singular direction at zero', () => {
    const K = Float64Array.of(2, 1, 0, 1, 2, 0, 0, 0, 0);
    const P = pseudoInverse(K, 3);
    const want = [2 / 3, -1 / 3, 0, -1 / 3, 2 / 3, 0, 0, 0, 0];
    for (let i = 0; i < 9; i++) assert.ok(Math.abs(P[i] - want[i]) < 1e-12, `entry ${i}`);
  });
});
