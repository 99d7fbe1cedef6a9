/** Bad parameters and inputs give typed errors naming the argument, rule and value. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { setBackend } from '../../src/kernels/index.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { gaussian, lowRank } from '../helpers/random.js';

function throwsCode(run: () => unknown, code: string, ...words: string[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof MaddnessError, `not a MaddnessError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const w of words) assert.ok(error.message.includes(w), `"${error.message}" lacks ${w}`);
    return true;
  });
}

describe('fit options', () => {
  const A = gaussian(100, 10, 1);
  it('refuses C > D naming both', () => {
    throwsCode(() => MaddnessModel.fit(A, { codebooks: 11 }), 'INVALID_ARGUMENT', 'codebooks',
      'D = 10', '11');
  });
  for (const C of [0, -1, 1.5, 257, NaN]) {
    it(`refuses codebooks = ${C}`, () => {
      throwsCode(() => MaddnessModel.fit(A, { codebooks: C }), 'INVALID_ARGUMENT', 'codebooks');
    });
  }
  for (const L of [0, -2, 1.5]) {
    it(`refuses lutWork = ${L}`, () => {
      throwsCode(() => MaddnessModel.fit(A, { codebooks: 2, lutWork: L }), 'INVALID_ARGUMENT',
        'lutWork');
    });
  }
  for (const lambda of [-1, Infinity, NaN]) {
    it(`refuses lambda = ${lambda}`, () => {
      throwsCode(() => MaddnessModel.fit(A, { codebooks: 2, lambda }), 'INVALID_ARGUMENT',
        'lambda');
    });
  }
  it('refuses a training matrix with no rows', () => {
    throwsCode(() => MaddnessModel.fit(gaussian(0, 10, 1), { codebooks: 2 }), 'INVALID_ARGUMENT',
      "'A'", 'at least 1 row');
  });
  it('refuses NaN or Infinity in the training rows, naming row and column', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const X = gaussian(30, 10, 2);
      X.data[7 * 10 + 4] = bad;
      throwsCode(() => MaddnessModel.fit(X, { codebooks: 2 }), 'NON_FINITE', 'row 7', 'column 4');
    }
  });
  it('refuses a malformed matrix', () => {
    const bad = { rows: 3, cols: 3, data: new Float32Array(8) };
    throwsCode(() => MaddnessModel.fit(bad, { codebooks: 1 }), 'SHAPE_MISMATCH', '9 values', '8');
  });
  it('accepts every C from 1 to D, including odd counts and D not a multiple of C', () => {
    const X = gaussian(64, 17, 3);
    const B = gaussian(17, 3, 4);
    for (const C of [1, 2, 3, 5, 6, 12, 16, 17]) {
      const Y = MaddnessModel.fit(X, { codebooks: C }).setB(B).multiply(X);
      assert.equal(Y.rows, 64);
      assert.equal(Y.cols, 3);
      assert.ok(Y.data.every(Number.isFinite), `C = ${C}`);
    }
  });
});

describe('wide value ranges', () => {
  it('columns scaled from 1e-6 to 1e6 (B rescaled to keep A·B) give a finite model, error ' +
    'comparable to the unscaled problem', () => {
    const A = lowRank(3000, 48, 6, 1);
    const T = lowRank(1000, 48, 6, 1);
    const B = gaussian(48, 5, 3);
    const base = nmse(matmulF64(T, B), MaddnessModel.fit(A, { codebooks: 8 }).setB(B).multiply(T));
    const s = Array.from({ length: 48 }, (_, j) => 10 ** (-6 + (12 * j) / 47));
    const scaled = (m: Matrix, f: (i: number) => number): Matrix =>
      ({ ...m, data: m.data.map((v, i) => v * f(i)) });
    const As = scaled(A, (i) => s[i % 48]);
    const Ts = scaled(T, (i) => s[i % 48]);
    const Bs = scaled(B, (i) => 1 / s[Math.floor(i / 5)]);
    const Y = MaddnessModel.fit(As, { codebooks: 8 }).setB(Bs).multiply(Ts);
    assert.ok(Y.data.every(Number.isFinite));
    // Observed: 0.090 unscaled, 0.096 scaled (default dense refit).
    const error = nmse(matmulF64(Ts, Bs), Y);
    assert.ok(error < 1.5 * base, `NMSE ${error} scaled vs ${base} unscaled`);
  });
});

describe('setB and multiply', () => {
  const A = gaussian(200, 16, 5);
  const model = MaddnessModel.fit(A, { codebooks: 4 });
  it('refuses multiply before setB', () => {
    throwsCode(() => model.multiply(A), 'NOT_FITTED', 'setB');
  });
  it('refuses B with the wrong number of rows, naming both shapes', () => {
    throwsCode(() => model.setB(gaussian(15, 3, 1)), 'SHAPE_MISMATCH', 'D = 16', '15×3');
  });
  it('refuses B with no columns and B with NaN', () => {
    throwsCode(() => model.setB(gaussian(16, 0, 1)), 'INVALID_ARGUMENT', "'B'");
    const B = gaussian(16, 2, 1);
    B.data[5] = NaN;
    throwsCode(() => model.setB(B), 'NON_FINITE', "'B'", 'row 2', 'column 1');
  });
  it('refuses A of the wrong width, naming both shapes', () => {
    model.setB(gaussian(16, 3, 2));
    throwsCode(() => model.multiply(gaussian(4, 15, 1)), 'SHAPE_MISMATCH', 'D = 16', '4×15');
  });
  it('returns a 0 × M matrix for 0 rows, and one row for one row', () => {
    assert.deepEqual([model.multiply(gaussian(0, 16, 1)).rows, model.multiply(gaussian(0, 16, 1))
      .cols], [0, 3]);
    assert.equal(model.multiply(gaussian(1, 16, 1)).data.length, 3);
  });
  it('gives NaN rows for non-finite values, leaving every other row bit-identical', () => {
    const Q = gaussian(40, 16, 9);
    const clean = model.multiply(Q);
    const dims = model.snapshot().encoder.dims;
    const dirty = { ...Q, data: Q.data.slice() };
    dirty.data[3 * 16 + dims[0]] = NaN;
    dirty.data[20 * 16 + dims[5]] = Infinity;
    const Y = model.multiply(dirty);
    for (let n = 0; n < 40; n++) {
      for (let m = 0; m < 3; m++) {
        const v = Y.data[n * 3 + m];
        if (n === 3 || n === 20) assert.ok(Number.isNaN(v), `row ${n}`);
        else assert.ok(Object.is(v, clean.data[n * 3 + m]), `row ${n} changed`);
      }
    }
  });
  it('gives a NaN row for NaN or Infinity in a column the encoder never reads', () => {
    // D = 64 in C = 2 blocks: the encoder reads at most 8 of the 64 columns.
    const wide = MaddnessModel.fit(gaussian(300, 64, 11), { codebooks: 2 })
      .setB(gaussian(64, 3, 12));
    const dims = new Set(wide.snapshot().encoder.dims);
    const unread = Array.from({ length: 64 }, (_, j) => j).filter((j) => !dims.has(j));
    const Q = gaussian(40, 64, 10);
    const clean = wide.multiply(Q);
    Q.data[7 * 64 + unread[0]] = NaN;
    Q.data[33 * 64 + unread[unread.length - 1]] = -Infinity;
    const Y = wide.multiply(Q);
    for (let n = 0; n < 40; n++) {
      const row = Y.data.subarray(n * 3, n * 3 + 3);
      if (n === 7 || n === 33) assert.ok(row.every(Number.isNaN), `row ${n}`);
      else assert.deepEqual(row, clean.data.subarray(n * 3, n * 3 + 3));
    }
  });

  it('keeps rows of huge finite values finite (a sum that overflows is not a NaN)', () => {
    const wide = MaddnessModel.fit(gaussian(300, 64, 13), { codebooks: 2 })
      .setB(gaussian(64, 3, 14));
    const Q = gaussian(16, 64, 15);
    Q.data.fill(3e38, 5 * 64, 6 * 64);
    assert.ok(wide.multiply(Q).data.every(Number.isFinite));
  });

  it('replaces B: a new B gives the tables of a fresh fit with that B', () => {
    const B2 = gaussian(16, 5, 7);
    const fresh = MaddnessModel.fit(A, { codebooks: 4 }).setB(B2);
    model.setB(B2);
    assert.deepEqual(model.multiply(A).data, fresh.multiply(A).data);
  });
});

describe('multiplyColumns (column-major input of the columns the encoder reads)', () => {
  const A = gaussian(300, 40, 21);
  const model = MaddnessModel.fit(A, { codebooks: 5 }).setB(gaussian(40, 3, 22));
  const gather = (X: Matrix): Matrix => {
    const dims = model.readColumns();
    const data = new Float32Array(dims.length * X.rows);
    dims.forEach((d, q) => {
      for (let n = 0; n < X.rows; n++) data[q * X.rows + n] = X.data[n * X.cols + d];
    });
    return { rows: dims.length, cols: X.rows, data };
  };
  for (const N of [0, 1, 17, 300]) {
    it(`equals multiply bit for bit on both sum paths and backends, N = ${N}`, () => {
      const Q = { rows: N, cols: 40, data: A.data.slice(0, N * 40) };
      for (const exactSum of [false, true]) {
        const expected = model.multiply(Q, { exactSum }).data;
        assert.deepEqual(model.multiplyColumns(gather(Q), { exactSum }).data, expected);
        setBackend('scalar');
        assert.deepEqual(model.multiplyColumns(gather(Q), { exactSum }).data, expected);
        setBackend('wasm');
      }
    });
  }
  it('equals multiply bit for bit across the column chunks (N = 60000, Q = 20)', () => {
    // 60000 rows of 20 columns are 4.8 MB, more than one 4 MiB chunk of column input.
    const big = gaussian(60000, 40, 23);
    big.data[59999 * 40 + model.readColumns()[7]] = Infinity;
    const Y = model.multiplyColumns(gather(big));
    assert.deepEqual(Y.data, model.multiply(big).data);
    assert.ok(Y.data.subarray(59999 * 3).every(Number.isNaN));
  });

  it('refuses columns of the wrong count, naming both shapes, and flags NaN rows', () => {
    assert.throws(() => model.multiplyColumns(gaussian(19, 4, 1)),
      (e: unknown) => e instanceof MaddnessError && e.code === 'SHAPE_MISMATCH' &&
        e.message.includes('20 rows') && e.message.includes('19×4'));
    const cols = gather(A);
    cols.data[3 * 300 + 9] = NaN;
    const Y = model.multiplyColumns(cols);
    assert.ok(Y.data.subarray(9 * 3, 10 * 3).every(Number.isNaN));
    assert.ok(Y.data.subarray(0, 9 * 3).every(Number.isFinite));
  });
});
