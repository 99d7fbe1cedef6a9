/** Frequent Directions and Co-occurring Directions: sketches that see both A_train and B. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { symmetricEigen } from '../../src/core/eigen.js';
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import { cdSpec } from '../../src/methods/sketch/co-occurring.js';
import { FrequentDirections, fdSpec } from '../../src/methods/sketch/frequent-directions.js';
import type { MethodSpec } from '../../src/methods/method.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { commonChecks, errorOf, exactLowRank } from './sketch-common.js';

/**
 * Eigenvalues (descending) of XᵀX − SᵀS for (n, D) X and (l, D) S, and the tail sums of
 * ‖X‖²_F.
 */
function sketchError(X: Matrix, S: Float64Array, l: number): {
  values: Float64Array; tails: number[];
} {
  const { rows: N, cols: D, data } = X;
  const E = new Float64Array(D * D);
  const XtX = new Float64Array(D * D);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < D; i++) {
      for (let j = 0; j < D; j++) XtX[i * D + j] += data[n * D + i] * data[n * D + j];
    }
  }
  E.set(XtX);
  for (let k = 0; k < l; k++) {
    for (let i = 0; i < D; i++) {
      for (let j = 0; j < D; j++) E[i * D + j] -= S[k * D + i] * S[k * D + j];
    }
  }
  const spectrum = symmetricEigen(XtX, D).values;
  // tails[k] = ‖X − X_k‖²_F = Σ of XᵀX's eigenvalues past the k-th.
  const tails = Array.from({ length: l }, (_, k) =>
    spectrum.slice(k).reduce((s, v) => s + Math.max(0, v), 0));
  return { values: symmetricEigen(E, D).values, tails };
}

describe('Frequent Directions sketch', () => {
  for (const [N, D, l] of [[300, 20, 6], [500, 37, 4], [50, 12, 10], [7, 9, 3]]) {
    it('obeys 0 ≼ XᵀX − SᵀS and ' +
      '‖XᵀX − SᵀS‖₂ ≤ ‖X − X_k‖²_F / (ℓ − k), k < ℓ ' +
      `(N = ${N}, D = ${D}, ℓ = ${l})`, () => {
      const X = lowRank(N, D, 3, N + D);
      const fd = new FrequentDirections(D, l);
      for (let n = 0; n < N; n++) fd.insert(X.data, n * D, 1);
      const S = fd.sketch();
      const { values, tails } = sketchError(X, S, l);
      const tol = 1e-9 * tails[0];
      assert.ok(values[D - 1] >= -tol, `smallest eigenvalue ${values[D - 1]}`);
      assert.ok(values[0] <= fd.totalShrinkage + tol, `${values[0]} vs Σδ ${fd.totalShrinkage}`);
      for (let k = 0; k < l; k++) {
        assert.ok(values[0] <= tails[k] / (l - k) + tol, `k = ${k}: ${values[0]} vs ` +
          `${tails[k] / (l - k)}`);
      }
    });
  }

  it('keeps a matrix of rank < ℓ exactly (σ_ℓ = 0: no shrink removes anything)', () => {
    const X = exactLowRank(200, 15, 3, 3);
    const fd = new FrequentDirections(15, 4);
    for (let n = 0; n < 200; n++) fd.insert(X.data, n * 15, 1);
    const { values, tails } = sketchError(X, fd.sketch(), 4);
    assert.ok(Math.abs(values[0]) < 1e-9 * tails[0] && Math.abs(values[14]) < 1e-9 * tails[0]);
  });

  it('returns orthogonal rows', () => {
    const X = lowRank(100, 20, 6, 4);
    const fd = new FrequentDirections(20, 5);
    for (let n = 0; n < 100; n++) fd.insert(X.data, n * 20, 1);
    const S = fd.sketch();
    for (let a = 0; a < 5; a++) {
      for (let b = a + 1; b < 5; b++) {
        let s = 0;
        for (let i = 0; i < 20; i++) s += S[a * 20 + i] * S[b * 20 + i];
        assert.ok(Math.abs(s) < 1e-8 * tails(S), `rows ${a}, ${b}: ${s}`);
      }
    }
    function tails(x: Float64Array): number {
      return x.reduce((s, v) => s + v * v, 0);
    }
  });
});

/** Rank-5 rows: 400 training and 200 test rows of one draw. */
function rankFive(): { train: Matrix; test: Matrix } {
  const A = exactLowRank(600, 37, 5, 2);
  return { train: sliceRows(A, 0, 400), test: sliceRows(A, 400, 600) };
}

function shrinkingError(spec: MethodSpec): number[] {
  const train = lowRank(300, 60, 8, 21);
  const test = lowRank(300, 60, 8, 22);
  const B = lowRank(60, 12, 3, 23);
  return [2, 4, 8].map((d) => errorOf(spec, { d }, train, test, B));
}

describe('fd', () => {
  commonChecks(fdSpec, { d: 8 }, (_m, D, M) => D * 8 + 8 * M);

  it('is near exact when d > rank [A_train; Bᵀ] (rank 5 rows, M = 3, d = 9)', () => {
    const { train, test } = rankFive();
    const B = gaussian(37, 3, 7);
    const error = errorOf(fdSpec, { d: 9 }, train, test, B);
    assert.ok(error < 1e-8, `NMSE ${error}`);
  });

  it('has an NMSE that shrinks as d grows: d = 2, 4, 8', () => {
    // Observed: d = 2: 0.173, 4: 0.0183, 8: 0.0174.
    const errors = shrinkingError(fdSpec);
    assert.ok(errors[0] > errors[1] && errors[1] > errors[2], errors.join(', '));
  });
});

describe('cd', () => {
  commonChecks(cdSpec, { d: 8 }, (_m, D, M) => D * 8 + 8 * M);

  for (const [M, d] of [[3, 4], [5, 6]]) {
    it(`is near exact when d > rank of A_train B (rank 5 rows, M = ${M}, d = ${d})`, () => {
      const { train, test } = rankFive();
      const B = gaussian(37, M, 8);
      const error = errorOf(cdSpec, { d }, train, test, B);
      assert.ok(error < 1e-8, `NMSE ${error}`);
    });
  }

  it('has an NMSE that shrinks as d grows: d = 2, 4, 8', () => {
    // Observed: d = 2: 0.949, 4: 0.315, 8: 0.0301.
    const errors = shrinkingError(cdSpec);
    assert.ok(errors[0] > errors[1] && errors[1] > errors[2], errors.join(', '));
  });
});
