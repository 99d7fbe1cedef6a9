/**
 * multiply and multiplyColumns into a caller's result (options.out): the same bits as a new
 * result, written in full, returned as given, and the typed errors of a wrong one.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { sharedMatrix, type Matrix } from '../../src/core/matrix.js';
import { closeThreadPool } from '../../src/kernels/threads/pool.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { gaussian } from '../helpers/random.js';

const D = 40;
const M = 3;
const model = MaddnessModel.fit(gaussian(400, D, 31), { codebooks: 6 })
  .setB(gaussian(D, M, 32));

/** The (4·C, N) columns the encoder reads, column-major. */
function columnsOf(A: Matrix): Matrix {
  const dims = model.readColumns();
  const data = new Float32Array(dims.length * A.rows);
  dims.forEach((d, q) => {
    for (let n = 0; n < A.rows; n++) data[q * A.rows + n] = A.data[n * D + d];
  });
  return { rows: dims.length, cols: A.rows, data };
}

function throwsCode(run: () => unknown, code: string, words: string): void {
  assert.throws(run, (e: unknown) => e instanceof MaddnessError && e.code === code &&
    e.message.includes(words));
}

after(() => closeThreadPool());

describe('options.out', () => {
  for (const N of [0, 1, 17, 300]) {
    it(`gives the bits of a new result and returns the caller's matrix, N = ${N}`, async () => {
      const A = gaussian(N, D, 33 + N);
      for (const exactSum of [false, true]) {
        const fresh = model.multiply(A, { exactSum });
        // Filled with NaN first: every value must be overwritten.
        const out = { rows: N, cols: M, data: new Float32Array(N * M).fill(NaN) };
        assert.equal(model.multiply(A, { exactSum, out }), out);
        assert.deepEqual(out.data, fresh.data);
        out.data.fill(NaN);
        assert.equal(model.multiplyColumns(columnsOf(A), { exactSum, out }), out);
        assert.deepEqual(out.data, fresh.data);
        const shared = sharedMatrix(N, M);
        shared.data.fill(NaN);
        assert.equal(model.multiply(A, { exactSum, threads: 2, out: shared }), shared);
        assert.deepEqual(shared.data, fresh.data);
      }
    });
  }

  it('refuses a result of the wrong shape, over the input, or unshared with threads', () => {
    const A = gaussian(20, D, 40);
    throwsCode(() => model.multiply(A, { out: gaussian(20, M + 1, 1) }), 'SHAPE_MISMATCH',
      'out of 20×3');
    throwsCode(() => model.multiplyColumns(columnsOf(A), { out: gaussian(19, M, 1) }),
      'SHAPE_MISMATCH', 'out of 20×3');
    throwsCode(() => model.multiply(A, { out: { rows: 20, cols: M, data: new Float32Array(5) } }),
      'SHAPE_MISMATCH', 'out');
    const overInput = { rows: 20, cols: M, data: A.data.subarray(100, 160) };
    throwsCode(() => model.multiply(A, { out: overInput }), 'INVALID_ARGUMENT',
      'must not share memory with the input');
    throwsCode(() => model.multiply(A, { threads: 2, out: gaussian(20, M, 2) }),
      'INVALID_ARGUMENT', 'SharedArrayBuffer');
    throwsCode(() => model.multiply(A, { out: null as unknown as Matrix }), 'INVALID_ARGUMENT',
      "'out'");
  });
});
