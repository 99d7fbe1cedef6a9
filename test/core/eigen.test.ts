import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orthonormalizeColumns, symmetricEigen } from '../../src/core/eigen.js';
import { Rng } from '../../src/core/rng.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) S[i * n + j] = S[j * n + i] = rng.normal();
  }
  return S;
}

/** max |S V − V Λ| and max |VᵀV − I|, relative to the largest |eigenvalue|. */
function residuals(S: Float64Array, n: number): { fit: number; orth: number; sorted: boolean } {
  const { values, vectors: V } = symmetricEigen(S, n);
  const scale = Math.max(1e-300, ...Array.from(values, Math.abs));
  let fit = 0;
  let orth = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let sv = 0;
      for (let j = 0; j < n; j++) sv += S[i * n + j] * V[j * n + k];
      fit = Math.max(fit, Math.abs(sv - values[k] * V[i * n + k]) / scale);
    }
    for (let l = 0; l < n; l++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += V[i * n + k] * V[i * n + l];
      orth = Math.max(orth, Math.abs(dot - (k === l ? 1 : 0)));
    }
  }
  const sorted = values.every((v, i) => i === 0 || v <= values[i - 1]);
  return { fit, orth, sorted };
}

test('symmetricEigen: S V = V Λ and VᵀV = I on random matrices of many sizes', () => {
  for (const n of [1, 2, 3, 4, 7, 16, 33, 100]) {
    const { fit, orth, sorted } = residuals(randomSymmetric(n, n), n);
    assert.ok(fit < 1e-12, `n = ${n}: residual ${fit}`);
    assert.ok(orth < 1e-12, `n = ${n}: orthogonality ${orth}`);
    assert.ok(sorted, `n = ${n}: values not descending`);
  }
});

test('symmetricEigen: repeated, zero and rank-one spectra', () => {
  const n = 9;
  const identity = new Float64Array(n * n);
  for (let i = 0; i < n; i++) identity[i * n + i] = 3;
  const zero = new Float64Array(n * n);
  const rank1 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rank1[i * n + j] = (i + 1) * (j + 1);
  for (const S of [identity, zero, rank1]) {
    const { fit, orth } = residuals(S, n);
    assert.ok(fit < 1e-12 && orth < 1e-12, `fit ${fit}, orth ${orth}`);
  }
  const { values } = symmetricEigen(rank1, n);
  // Σ (i+1)² for i < 9 = 285: the one non-zero eigenvalue.
  assert.ok(Math.abs(values[0] - 285) < 1e-10, String(values[0]));
  assert.ok(Math.abs(values[1]) < 1e-10, String(values[1]));
  assert.deepEqual(Array.from(symmetricEigen(identity, n).values), new Array(n).fill(3));
});

test('symmetricEigen: known 2×2 and empty', () => {
  const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
  assert.ok(Math.abs(values[0] - 3) < 1e-15 && Math.abs(values[1] - 1) < 1e-15);
  assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-15);
  assert.equal(symmetricEigen(new Float64Array(0), 0).values.length, 0);
});

test('orthonormalizeColumns: orthonormal result, dependent columns zeroed, rank returned', () => {
  const rows = 20;
  const cols = 6;
  const rng = new Rng(5);
  const Q = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) Q[i * cols + j] = rng.normal();
    // Column 3 = column 0 + 2 · column 1: dependent.
    Q[i * cols + 3] = Q[i * cols] + 2 * Q[i * cols + 1];
  }
  assert.equal(orthonormalizeColumns(Q, rows, cols), 5);
  for (let k = 0; k < cols; k++) {
    for (let l = 0; l < cols; l++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += Q[i * cols + k] * Q[i * cols + l];
      const want = k === l && k !== 3 ? 1 : 0;
      assert.ok(Math.abs(dot - want) < 1e-12, `(${k}, ${l}) = ${dot}`);
    }
  }
});
