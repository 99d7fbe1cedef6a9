/** PCA (centred, mean product added back) and randomized SVD (uncentred). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { symmetricEigen } from '../../src/core/eigen.js';
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import type { MethodSpec } from '../../src/methods/method.js';
import type { DenseSketchMethod } from '../../src/methods/sketch/dense.js';
import { pcaSpec } from '../../src/methods/sketch/pca.js';
import { rsvdSpec } from '../../src/methods/sketch/rsvd.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, errorOf, exactLowRank } from './sketch-common.js';

/**
 * Rank-5 rows plus a constant 3 in every entry (rank 5 once centred, rank 6 otherwise): 400
 * training rows and 200 test rows from one draw, so that both share the subspace.
 */
function shiftedLowRank(): { train: Matrix; test: Matrix } {
  const A = exactLowRank(600, 37, 5, 1);
  for (let i = 0; i < A.data.length; i++) A.data[i] += 3;
  return { train: sliceRows(A, 0, 400), test: sliceRows(A, 400, 600) };
}

/** The fitted (D, d) V. */
function projection(spec: MethodSpec, params: Record<string, unknown>, A: Matrix): Float32Array {
  const method = spec.create(params).fit(A) as DenseSketchMethod;
  return (method.projection ?? assert.fail('fitted')).V;
}

/** max |VᵀV − I| over the (d, d) entries. */
function orthonormalityError(V: Float32Array, D: number, d: number): number {
  let worst = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let i = 0; i < D; i++) s += V[i * d + a] * V[i * d + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** ‖A − A V Vᵀ‖²_F for the (D, d) V. */
function residual(A: Matrix, V: Float32Array, d: number): number {
  const { rows: N, cols: D, data } = A;
  let total = 0;
  for (let n = 0; n < N; n++) {
    const z = new Float64Array(d);
    for (let i = 0; i < D; i++) {
      for (let k = 0; k < d; k++) z[k] += data[n * D + i] * V[i * d + k];
    }
    for (let i = 0; i < D; i++) {
      let r = data[n * D + i];
      for (let k = 0; k < d; k++) r -= z[k] * V[i * d + k];
      total += r * r;
    }
  }
  return total;
}

/** The smallest ‖A − A_d‖²_F: the sum of AᵀA's eigenvalues past the d-th. */
function optimalResidual(A: Matrix, d: number): number {
  const { rows: N, cols: D, data } = A;
  const S = new Float64Array(D * D);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < D; i++) {
      for (let j = 0; j < D; j++) S[i * D + j] += data[n * D + i] * data[n * D + j];
    }
  }
  const { values } = symmetricEigen(S, D);
  let s = 0;
  for (let k = d; k < D; k++) s += Math.max(0, values[k]);
  return s;
}

describe('pca', () => {
  commonChecks(pcaSpec, { d: 8 }, (_m, D, M) => D * 8 + 8 * M);

  it('has orthonormal directions', () => {
    const V = projection(pcaSpec, { d: 20 }, lowRank(300, 37, 6, 1));
    assert.ok(orthonormalityError(V, 37, 20) < 1e-6);
  });

  it('is near exact on centred-rank-5 rows with a mean, from d = 5 (the mean is exact)', () => {
    const B = gaussian(37, 7, 3);
    const { train, test } = shiftedLowRank();
    for (const d of [5, 8]) {
      const error = errorOf(pcaSpec, { d }, train, test, B);
      assert.ok(error < 1e-8, `d = ${d}: NMSE ${error}`);
    }
    const short = errorOf(pcaSpec, { d: 4 }, train, test, B);
    assert.ok(short > 1e-3, `d = 4 misses a direction: NMSE ${short}`);
  });

  it('is exact at d = D on full-rank rows', () => {
    const A = gaussian(100, 20, 6);
    assert.ok(errorOf(pcaSpec, { d: 20 }, A, gaussian(30, 20, 7), gaussian(20, 3, 8)) < 1e-10);
  });

  it('captures the best d-dimensional subspace: residual within 1e-6 of optimal', () => {
    // Uncentred rows of mean zero: the centred and uncentred optima agree to sampling error,
    // so compare on rows whose mean is removed first.
    const A = lowRank(300, 37, 6, 9);
    const mean = new Float64Array(37);
    for (let n = 0; n < 300; n++) for (let i = 0; i < 37; i++) mean[i] += A.data[n * 37 + i] / 300;
    for (let n = 0; n < 300; n++) for (let i = 0; i < 37; i++) A.data[n * 37 + i] -= mean[i];
    const V = projection(pcaSpec, { d: 4 }, A);
    const opt = optimalResidual(A, 4);
    assert.ok(Math.abs(residual(A, V, 4) - opt) < 1e-6 * opt + 1e-3, `vs ${opt}`);
  });
});

describe('rsvd', () => {
  commonChecks(rsvdSpec, { d: 8 }, (_m, D, M) => D * 8 + 8 * M);

  it('has orthonormal right singular vectors', () => {
    const V = projection(rsvdSpec, { d: 20 }, lowRank(300, 37, 6, 1));
    assert.ok(orthonormalityError(V, 37, 20) < 1e-6);
  });

  it('is near exact on rank-6 rows from d = 6 (uncentred: the mean is a direction)', () => {
    const B = gaussian(37, 7, 3);
    const { train, test } = shiftedLowRank();
    for (const d of [6, 8]) {
      const error = errorOf(rsvdSpec, { d }, train, test, B);
      assert.ok(error < 1e-8, `d = ${d}: NMSE ${error}`);
    }
    const short = errorOf(rsvdSpec, { d: 5 }, train, test, B);
    assert.ok(short > 1e-3, `d = 5 misses a direction: NMSE ${short}`);
  });

  it('finds the top-d subspace of a noisy low-rank matrix: residual within 1% of optimal', () => {
    const A = lowRank(400, 60, 6, 4);
    for (const d of [3, 6, 10]) {
      const opt = optimalResidual(A, d);
      const got = residual(A, projection(rsvdSpec, { d, seed: 1 }, A), d);
      assert.ok(got <= 1.01 * opt, `d = ${d}: ${got} vs optimal ${opt}`);
    }
  });

  it('has zero columns past the rank when N < d', () => {
    const V = projection(rsvdSpec, { d: 8 }, gaussian(3, 37, 2));
    let zeros = 0;
    for (let k = 0; k < 8; k++) {
      let s = 0;
      for (let i = 0; i < 37; i++) s += V[i * 8 + k] ** 2;
      if (s === 0) zeros++;
    }
    assert.equal(zeros, 5);
  });
});
