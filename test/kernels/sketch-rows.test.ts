/**
 * The sparse sketch kernels (sparseRows_f32, fastJl_f32) against their scalar twins, bit for
 * bit, and the twins against float64 references within a rounding bound.
 *
 * The bound: with u = 2^-24 and γ(n) = n·u / (1 − n·u), a butterfly stage rounds each value
 * once and |H| is all ones, so after k = log2 D' stages every transformed value is off by at
 * most γ(k)·‖x‖₁; a projection output with m nonzeros then adds one rounding per product,
 * at most ⌈m/4⌉ per partial sum and two to combine them. So
 *   |ŷ_k − y_k| ≤ γ(k + ⌈m/4⌉ + 3) · Σ_e |v_e| · w_e,
 * with w_e = ‖x‖₁ after the transform and |x_{index e}| for the plain product.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../src/core/rng.js';
import type { Matrix } from '../../src/core/matrix.js';
import { fastJlRows, sparseRows, type SparseRows } from '../../src/kernels/index.js';
import { hadamardEntry } from '../../src/methods/sketch/hadamard.js';
import { gaussian } from '../helpers/random.js';

/** A random (d, cols) sparse matrix, each entry kept with probability q, columns shuffled. */
function randomSparse(d: number, cols: number, q: number, seed: number): SparseRows {
  const rng = new Rng(seed);
  const indptr = new Int32Array(d + 1);
  const index: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < d; k++) {
    const row: number[] = [];
    for (let i = 0; i < cols; i++) if (rng.uniform() < q) row.push(i);
    // Any column order is allowed: reverse every other row.
    if (k % 2 === 1) row.reverse();
    for (const i of row) {
      index.push(i);
      values.push(rng.normal());
    }
    indptr[k + 1] = index.length;
  }
  return { rows: d, cols, indptr, index: Int32Array.from(index),
    values: Float32Array.from(values) };
}

function signsOf(D: number, seed: number): Int8Array {
  const rng = new Rng(seed);
  return Int8Array.from({ length: D }, () => ((rng.nextU32() & 1) === 0 ? 1 : -1));
}

function assertBits(a: Float32Array, b: Float32Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) assert.fail(`${what}: index ${i}: wasm ${a[i]} vs scalar ${b[i]}`);
  }
}

const gamma = (n: number): number => (n * 2 ** -24) / (1 - n * 2 ** -24);

/** Checks Y (N, d) against the float64 product of the rows X (N, width) by S, per the bound. */
function checkBound(Y: Float32Array, X: Float64Array, width: number, S: SparseRows,
  stages: number, l1: Float64Array | null): number {
  const d = S.rows;
  const N = X.length / width;
  let worst = 0;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < d; k++) {
      let y = 0;
      let scale = 0;
      for (let e = S.indptr[k]; e < S.indptr[k + 1]; e++) {
        const x = X[n * width + S.index[e]];
        y += S.values[e] * x;
        scale += Math.abs(S.values[e]) * (l1 === null ? Math.abs(x) : l1[n]);
      }
      const m = S.indptr[k + 1] - S.indptr[k];
      const bound = gamma(stages + Math.ceil(m / 4) + 3) * scale;
      const err = Math.abs(Y[n * d + k] - y);
      assert.ok(err <= bound, `row ${n} output ${k}: error ${err} > bound ${bound}`);
      if (scale > 0) worst = Math.max(worst, err / bound);
    }
  }
  return worst;
}

const SHAPES: readonly [number, number, number][] = [
  // N, D, d: tails of 1..3 rows and D mod 4 ≠ 0, an output with no nonzeros (d = 1, q small).
  [0, 8, 3], [1, 1, 1], [3, 5, 2], [4, 16, 8], [7, 37, 5], [9, 64, 1], [33, 100, 16],
  [130, 512, 64],
];

describe('sparseRows_f32 equals its scalar twin bit for bit', () => {
  for (const [N, D, d] of SHAPES) {
    it(`N = ${N}, D = ${D}, d = ${d}`, () => {
      const A = gaussian(N, D, N + 3 * D);
      for (const q of [0.05, 0.3, 1]) {
        const S = randomSparse(d, D, q, D + d);
        const [wasm, scalar] = [sparseRows(A, S, 'wasm'), sparseRows(A, S, 'scalar')];
        assertBits(wasm.out, scalar.out, `q = ${q}`);
      }
    });
  }

  it('keeps signed zeros and infinities as the twin does', () => {
    const A: Matrix = { rows: 5, cols: 4, data: Float32Array.of(-0, 0, 1, -1, Infinity, 2, 3,
      4, -0, -0, -0, -0, 1e38, 1e38, 1e38, 1e38, 5, 6, 7, 8) };
    const S = { rows: 2, cols: 4, indptr: Int32Array.of(0, 4, 5), index: Int32Array.of(0, 1, 2,
      3, 0), values: Float32Array.of(3, 3, 3, 3, -1) };
    assertBits(sparseRows(A, S, 'wasm').out, sparseRows(A, S, 'scalar').out, 'edge values');
  });
});

describe('fastJl_f32 equals its scalar twin bit for bit', () => {
  for (const [N, D, d] of SHAPES) {
    let Dp = 1;
    while (Dp < D) Dp *= 2;
    it(`N = ${N}, D = ${D} (D' = ${Dp}), d = ${d}`, () => {
      const A = gaussian(N, D, 5 * N + D);
      const signs = signsOf(D, D);
      for (const q of [0.05, 0.3, 1]) {
        const P = randomSparse(d, Dp, q, Dp + d + 1);
        const [wasm, scalar] = [fastJlRows(A, signs, P, 'wasm'), fastJlRows(A, signs, P, 'scalar')];
        assertBits(wasm.out, scalar.out, `q = ${q}`);
      }
    });
  }
});

describe('the kernels flag rows holding NaN or ±Infinity', () => {
  for (const [N, D] of [[4, 8], [7, 37], [13, 3]]) {
    it(`N = ${N}, D = ${D}: a bad value in the vector part, the column tail, the last rows`, () => {
      const A = gaussian(N, D, N * D);
      const bad = new Map<number, number>([[0, 0], [2, D - 1], [N - 1, Math.floor(D / 2)]]);
      const values = [NaN, Infinity, -Infinity];
      let v = 0;
      for (const [n, j] of bad) A.data[n * D + j] = values[v++];
      const want = Array.from({ length: N }, (_, n) => (bad.has(n) ? 1 : 0));
      const S = randomSparse(3, D, 0.5, 1);
      let Dp = 1;
      while (Dp < D) Dp *= 2;
      const P = randomSparse(3, Dp, 0.5, 2);
      for (const backend of ['wasm', 'scalar'] as const) {
        assert.deepEqual(Array.from(sparseRows(A, S, backend).nonFinite), want, backend);
        assert.deepEqual(Array.from(fastJlRows(A, signsOf(D, 3), P, backend).nonFinite), want,
          backend);
      }
    });
  }
});

describe('the twins against float64 references', () => {
  it('sparse rows: within γ(⌈m/4⌉ + 3) Σ|v x|', () => {
    const A = gaussian(40, 300, 11);
    const S = randomSparse(12, 300, 0.4, 12);
    const Y = sparseRows(A, S, 'scalar').out;
    const worst = checkBound(Y, Float64Array.from(A.data), 300, S, 0, null);
    assert.ok(worst > 0 && worst < 1, `worst error / bound ${worst}`);
  });

  it('fastjl: within γ(log2 D\' + ⌈m/4⌉ + 3) ‖x‖₁ Σ|v|, D = 300 padded to 512', () => {
    const [N, D, Dp] = [20, 300, 512];
    const A = gaussian(N, D, 13);
    const signs = signsOf(D, 14);
    const P = randomSparse(16, Dp, 0.2, 15);
    // H Σ a by the dense matrix in float64, and ‖Σ a‖₁ per row.
    const X = new Float64Array(N * Dp);
    const l1 = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < D; j++) l1[n] += Math.abs(A.data[n * D + j]);
      for (let i = 0; i < Dp; i++) {
        let s = 0;
        for (let j = 0; j < D; j++) s += hadamardEntry(i, j) * signs[j] * A.data[n * D + j];
        X[n * Dp + i] = s;
      }
    }
    const worst = checkBound(fastJlRows(A, signs, P, 'scalar').out, X, Dp, P, 9, l1);
    assert.ok(worst > 0 && worst < 1, `worst error / bound ${worst}`);
  });
});
