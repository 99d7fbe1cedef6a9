/** Training of the hash trees, the quantized encoder and the prototypes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import type { Matrix } from '../../src/core/matrix.js';
import { learnTree } from '../../src/methods/maddness/hash-tree.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { encodeModel } from '../../src/methods/maddness/model-file.js';
import { blockStarts } from '../../src/methods/maddness/subspaces.js';
import { Rng } from '../../src/core/rng.js';
import { gaussian, lowRank } from '../helpers/random.js';

function toF64(A: Matrix): Float64Array {
  return Float64Array.from(A.data);
}

/** SSE over all dims of splitting rows by x_j ≥ t, in float64 by brute force. */
function splitSse(X: Float64Array, N: number, d: number, j: number, t: number): number {
  let total = 0;
  for (const side of [false, true]) {
    const rows = [];
    for (let n = 0; n < N; n++) if ((X[n * d + j] >= t) === side) rows.push(n);
    for (let k = 0; k < d; k++) {
      let mean = 0;
      for (const n of rows) mean += X[n * d + k];
      mean /= Math.max(1, rows.length);
      for (const n of rows) total += (X[n * d + k] - mean) ** 2;
    }
  }
  return total;
}

describe('hash-tree training', () => {
  it('puts every threshold halfway between two distinct values, never between equal ones', () => {
    const rng = new Rng(3);
    const N = 400;
    const d = 5;
    const X = new Float64Array(N * d);
    for (let i = 0; i < X.length; i++) X[i] = rng.int(5); // heavy ties: values 0..4
    const tree = learnTree(X, N, d, 0);
    let finite = 0;
    for (const t of tree.thresholds) {
      if (t === -Infinity) continue;
      finite++;
      assert.equal(t - Math.floor(t), 0.5, `threshold ${t} is not a midpoint of integers`);
    }
    assert.ok(finite >= 8, `only ${finite} buckets split`);
  });

  it('finds the exact SSE-optimal first split over all candidate dims and cuts', () => {
    for (const seed of [1, 2, 3, 4]) {
      const A = gaussian(60, 3, seed);
      const X = toF64(A);
      const tree = learnTree(X, 60, 3, 0);
      let best = Infinity;
      for (let j = 0; j < 3; j++) {
        const values = [...new Set(Array.from({ length: 60 }, (_, n) => X[n * 3 + j]))]
          .sort((a, b) => a - b);
        for (let i = 0; i + 1 < values.length; i++) {
          best = Math.min(best, splitSse(X, 60, 3, j, (values[i] + values[i + 1]) / 2));
        }
      }
      const chosen = splitSse(X, 60, 3, tree.dims[0], tree.thresholds[0]);
      assert.ok(Math.abs(chosen - best) <= 1e-9 * best, `seed ${seed}: ${chosen} vs best ${best}`);
    }
  });

  it('leaves a bucket of identical points unsplit (all go right)', () => {
    const X = new Float64Array(20 * 2).fill(1.5);
    const tree = learnTree(X, 20, 2, 4);
    assert.ok(tree.thresholds.every((t) => t === -Infinity));
    assert.ok(tree.dims.every((dim) => dim >= 4 && dim < 6));
  });
});

describe('encoder and prototypes', () => {
  it('uses the inference codes in training: L = 1 prototypes are the means of encoded leaves',
    () => {
    const A = lowRank(500, 24, 4, 11);
    const model = MaddnessModel.fit(A, { codebooks: 4, lutWork: 1 });
    const codes = model.encode(A);
    const { prototypes, starts } = model.snapshot();
    const C = 4;
    for (let c = 0; c < C; c++) {
      for (let k = 0; k < 16; k++) {
        for (let j = starts[c]; j < starts[c + 1]; j++) {
          let sum = 0;
          let count = 0;
          for (let n = 0; n < A.rows; n++) {
            if (codes[n * C + c] !== k) continue;
            sum += A.data[n * 24 + j];
            count++;
          }
          const expected = count ? Math.fround(sum / count) : 0;
          const got = prototypes[(c * 16 + k) * 24 + j];
          assert.ok(Math.abs(got - expected) <= 1e-5 * (1 + Math.abs(expected)),
            `prototype (${c}, ${k}) dim ${j}: ${got} vs ${expected}`);
        }
        for (let j = 0; j < 24; j++) {
          if (j >= starts[c] && j < starts[c + 1]) continue;
          assert.equal(prototypes[(c * 16 + k) * 24 + j], 0);
        }
      }
    }
  });

  it('matches a float64 normal-equations solve of the ridge refit (L = -1)', () => {
    const N = 120;
    const D = 6;
    const C = 2;
    const lambda = 0.7;
    const A = lowRank(N, D, 2, 5);
    const model = MaddnessModel.fit(A, { codebooks: C, lutWork: -1, lambda });
    const P0 = MaddnessModel.fit(A, { codebooks: C, lutWork: 1 }).snapshot().prototypes;
    const codes = model.encode(A);
    const n = 16 * C;
    // Normal equations (GᵀG + λI) W = Gᵀ(A − G·P0), solved by Gaussian elimination.
    const S = Array.from({ length: n }, () => new Float64Array(n + D));
    for (let r = 0; r < N; r++) {
      const ones = [0, 1].map((c) => c * 16 + codes[r * C + c]);
      const residual = Array.from({ length: D }, (_, j) =>
        A.data[r * D + j] - ones.reduce((s, u) => s + P0[u * D + j], 0));
      for (const u of ones) {
        for (const v of ones) S[u][v] += 1;
        for (let j = 0; j < D; j++) S[u][n + j] += residual[j];
      }
    }
    for (let u = 0; u < n; u++) S[u][u] += lambda;
    for (let i = 0; i < n; i++) {
      for (let r = i + 1; r < n; r++) {
        const f = S[r][i] / S[i][i];
        for (let c = i; c < n + D; c++) S[r][c] -= f * S[i][c];
      }
    }
    const W = Array.from({ length: n }, () => new Float64Array(D));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = 0; j < D; j++) {
        let s = S[i][n + j];
        for (let k = i + 1; k < n; k++) s -= S[i][k] * W[k][j];
        W[i][j] = s / S[i][i];
      }
    }
    const P = model.snapshot().prototypes;
    for (let u = 0; u < n; u++) {
      for (let j = 0; j < D; j++) {
        const expected = P0[u * D + j] + W[u][j];
        assert.ok(Math.abs(P[u * D + j] - expected) <= 1e-4 * (1 + Math.abs(expected)),
          `P[${u}, ${j}] = ${P[u * D + j]}, normal equations give ${expected}`);
      }
    }
  });

  it('keeps about L·D/C dims per codebook in the sparse variant, own block included', () => {
    const D = 32;
    const C = 8;
    const A = lowRank(800, D, 6, 21);
    for (const L of [2, 4]) {
      const { prototypes, starts } = MaddnessModel.fit(A, { codebooks: C, lutWork: L }).snapshot();
      for (let c = 0; c < C; c++) {
        const used = new Set<number>();
        for (let k = 0; k < 16; k++) {
          for (let j = 0; j < D; j++) if (prototypes[(c * 16 + k) * D + j] !== 0) used.add(j);
        }
        assert.ok(used.size <= Math.round((L * D) / C), `L = ${L}, codebook ${c}: ${used.size}`);
        for (let j = starts[c]; j < starts[c + 1]; j++) assert.ok(used.has(j) || used.size > 0);
      }
    }
  });

  it('lowers the training error from L = 1 to L = 2 to L = -1', () => {
    const A = lowRank(1500, 48, 8, 31);
    const B = gaussian(48, 7, 32);
    const exact = matmulF64(A, B);
    const errors = [1, 2, -1].map((L) =>
      nmse(exact, MaddnessModel.fit(A, { codebooks: 8, lutWork: L }).setB(B).multiply(A, {
        exactSum: true })));
    assert.ok(errors[1] <= errors[0] * 1.02 && errors[2] <= errors[1] * 1.02,
      `NMSE by L = 1, 2, -1: ${errors.join(', ')}`);
  });

  it('is deterministic: the same data and seed give the same model file bytes', () => {
    const A = lowRank(300, 20, 3, 41);
    const B = gaussian(20, 3, 42);
    const a = encodeModel(MaddnessModel.fit(A, { codebooks: 5, seed: 9 }).setB(B));
    const b = encodeModel(MaddnessModel.fit(A, { codebooks: 5, seed: 9 }).setB(B));
    assert.deepEqual(a, b);
  });
});

describe('degenerate training sets still give working models', () => {
  const D = 12;
  const B = gaussian(D, 3, 77);
  // [name, rows, NMSE bound for L = 1, for L = -1] — bounds sit above the observed values:
  // at most 16 distinct rows could each get their own leaf, but a tree splits every bucket on
  // one shared dim, so some share (observed ≤ 0.13 with block means, ≤ 0.03 with the refit);
  // a single or repeated row comes back up to table rounding; 200 random rows in C = 3
  // codebooks are an ordinary approximation (observed 0.08 to 0.2).
  const cases: [string, () => Matrix, number, number][] = [
    ['one row', () => gaussian(1, D, 1), 0.01, 0.01],
    ['15 rows', () => gaussian(15, D, 2), 0.2, 0.05],
    ['16 rows', () => gaussian(16, D, 3), 0.2, 0.05],
    ['17 rows', () => gaussian(17, D, 4), 0.3, 0.1],
    ['all rows identical', () => {
      const row = gaussian(1, D, 5).data;
      const data = new Float32Array(50 * D);
      for (let n = 0; n < 50; n++) data.set(row, n * D);
      return { rows: 50, cols: D, data };
    }, 0.01, 0.01],
    ['a constant column and a whole constant block', () => {
      const A = gaussian(200, D, 6);
      for (let n = 0; n < 200; n++) {
        A.data[n * D + 1] = 3;
        for (let j = 8; j < 12; j++) A.data[n * D + j] = -2;
      }
      return A;
    }, 0.5, 0.3],
    ['duplicated rows', () => {
      const base = gaussian(20, D, 7);
      const data = new Float32Array(200 * D);
      for (let n = 0; n < 200; n++) {
        data.set(base.data.subarray((n % 20) * D, (n % 20 + 1) * D), n * D);
      }
      return { rows: 200, cols: D, data };
    }, 0.4, 0.2],
  ];
  for (const [name, make, boundMeans, boundRidge] of cases) {
    for (const L of [1, -1]) {
      it(`${name}, L = ${L}: finite outputs close to the exact product on the training rows`,
        () => {
        const A = make();
        const model = MaddnessModel.fit(A, { codebooks: 3, lutWork: L }).setB(B);
        const Y = model.multiply(A, { exactSum: true });
        assert.ok(Y.data.every(Number.isFinite));
        const error = nmse(matmulF64(A, B), Y);
        assert.ok(error < (L === -1 ? boundRidge : boundMeans), `NMSE ${error}`);
      });
    }
  }

  it('splits D columns into C blocks whose sizes differ by at most one', () => {
    assert.deepEqual(Array.from(blockStarts(10, 4)), [0, 3, 6, 8, 10]);
    assert.deepEqual(Array.from(blockStarts(5, 5)), [0, 1, 2, 3, 4, 5]);
  });
});
