/**
 * The threaded query: bit-identical results for every thread count, on every path (averaging
 * and exact sums, rows and columns, inputs on ordinary and shared buffers), NaN rows, typed
 * errors for bad counts, and a pool that can be closed and started again.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { sharedMatrix, type Matrix } from '../../src/core/matrix.js';
import { setBackend } from '../../src/kernels/index.js';
import {
  claimRows, closeThreadPool, lastThreadedCall, threadedQuery, threadPoolSize,
} from '../../src/kernels/threads/pool.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { gaussian, lowRank } from '../helpers/random.js';

const D = 40;
const train = lowRank(600, D, 6, 11);
const B = gaussian(D, 5, 12);
// C = 8 pads to one group of 8 for the scan; C = 19 to a full group of 16 and a pair.
const models = [8, 19].map((C) => MaddnessModel.fit(train, { codebooks: C }).setB(B));

/** The raw bytes of a result, so that NaN payloads and signed zeros count too. */
function bits(m: Matrix): Buffer {
  return Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
}

function sameBits(a: Matrix, b: Matrix, what: string): void {
  assert.deepEqual([a.rows, a.cols], [b.rows, b.cols], what);
  assert.ok(bits(a).equals(bits(b)), `${what}: results differ`);
}

/** The (4·C, N) columns the encoder reads, column-major, as multiplyColumns takes them. */
function columnsOf(model: MaddnessModel, A: Matrix): Matrix {
  const dims = model.readColumns();
  const data = new Float32Array(dims.length * A.rows);
  for (let q = 0; q < dims.length; q++) {
    for (let n = 0; n < A.rows; n++) data[q * A.rows + n] = A.data[n * A.cols + dims[q]];
  }
  return { rows: dims.length, cols: A.rows, data };
}

function throwsInvalid(run: () => unknown, ...words: string[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof MaddnessError, `not a MaddnessError: ${String(error)}`);
    assert.equal(error.code, 'INVALID_ARGUMENT', error.message);
    for (const w of words) assert.ok(error.message.includes(w), `"${error.message}" lacks ${w}`);
    return true;
  });
}

after(() => closeThreadPool());

describe('threaded query', () => {
  // 1013 rows: 63 whole blocks and a ragged tail of 5.
  const sizes = [0, 1, 15, 16, 17, 1000, 1013];
  const inputs = new Map(sizes.map((N) => [N, lowRank(N, D, 6, 100 + N)]));

  it('claims chunks of whole 16-row blocks, about 1 MB, at least 4 per thread', () => {
    assert.equal(claimRows(0, 160, 4), 16);
    assert.equal(claimRows(17, 160, 8), 16);
    assert.equal(claimRows(1013, 160, 3), 96);
    assert.equal(claimRows(100000, 2048, 2), 512);
    // At most 2^15 − 1 chunks, whatever N.
    assert.equal(claimRows(2 ** 25, 2 ** 20, 2), 1040);
  });

  for (const [mi, model] of models.entries()) {
    for (const exactSum of [false, true]) {
      it(`gives one thread's bits for 2, 3 and 8 threads (model ${mi}, exactSum ${exactSum})`,
        () => {
          for (const N of sizes) {
            const A = inputs.get(N) as Matrix;
            const shared = sharedMatrix(N, D, A.data);
            const cols = columnsOf(model, A);
            const sharedCols = sharedMatrix(cols.rows, cols.cols, cols.data);
            const one = model.multiply(A, { exactSum });
            sameBits(model.multiplyColumns(cols, { exactSum }), one, `columns N = ${N}`);
            // 8 threads exceed the blocks of every N here but 1000 and 1013.
            for (const threads of [1, 2, 3, 8].filter((t) => t < 8 || N < 1000)) {
              const what = `N = ${N}, ${threads} threads`;
              sameBits(model.multiply(A, { exactSum, threads }), one, `${what}, A copied`);
              sameBits(model.multiply(shared, { exactSum, threads }), one, `${what}, A shared`);
              sameBits(model.multiplyColumns(cols, { exactSum, threads }), one,
                `${what}, columns copied`);
              sameBits(model.multiplyColumns(sharedCols, { exactSum, threads }), one,
                `${what}, columns shared`);
            }
          }
        });
    }
  }

  it('has the workers compute chunks of shared and of copied inputs', () => {
    const A = inputs.get(1013) as Matrix;
    const shared = sharedMatrix(A.rows, D, A.data);
    const one = models[1].multiply(A);
    for (const [what, input] of [['shared', shared], ['copied', A]] as const) {
      let byWorkers = 0;
      // Which thread claims a chunk depends on timing; over 50 calls the workers take some.
      for (let i = 0; i < 50 && byWorkers === 0; i++) {
        sameBits(models[1].multiply(input, { threads: 3 }), one, what);
        assert.equal(lastThreadedCall().chunks, 11);
        byWorkers = lastThreadedCall().byWorkers;
      }
      assert.ok(byWorkers > 0, `the workers computed no chunk of the ${what} input`);
    }
  });

  it('makes shared matrices, zeroed or copied, and refuses bad shapes naming them', () => {
    const zero = sharedMatrix(2, 3);
    assert.ok(zero.data.buffer instanceof SharedArrayBuffer);
    assert.deepEqual([...zero.data], [0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...sharedMatrix(1, 2, [1.5, -2]).data], [1.5, -2]);
    throwsInvalid(() => sharedMatrix(-1, 2), "'rows'", '-1');
    throwsInvalid(() => sharedMatrix(2, 1.5), "'cols'", '1.5');
    assert.throws(() => sharedMatrix(2, 2, [1, 2, 3]), (e: unknown) =>
      e instanceof MaddnessError && e.code === 'SHAPE_MISMATCH' && e.message.includes('3 values'));
  });

  it('returns a result on a SharedArrayBuffer for more than one thread', () => {
    const A = inputs.get(1000) as Matrix;
    assert.ok(models[0].multiply(A, { threads: 2 }).data.buffer instanceof SharedArrayBuffer);
    assert.ok(models[0].multiply(A, { threads: 2 }).data.buffer instanceof SharedArrayBuffer);
    assert.ok(!(models[0].multiply(A).data.buffer instanceof SharedArrayBuffer));
  });

  it('gives NaN rows for NaN or Infinity on any thread and the same bits elsewhere', () => {
    const model = models[1];
    const clean = inputs.get(1013) as Matrix;
    const A = sharedMatrix(clean.rows, D, clean.data);
    // Rows in the first, a middle and the last chunk of 96 rows: whichever thread claims them.
    A.data[3 * D + 7] = NaN;
    A.data[500 * D] = Infinity;
    A.data[1010 * D + D - 1] = -Infinity;
    const reference = model.multiply(clean);
    for (const threads of [1, 2, 3]) {
      const Y = model.multiply(A, { threads });
      for (let n = 0; n < clean.rows; n++) {
        const row = Y.data.subarray(n * 5, (n + 1) * 5);
        if (n === 3 || n === 500 || n === 1010) {
          assert.ok(row.every(Number.isNaN), `row ${n} is not NaN with ${threads} threads`);
        } else {
          const ref = reference.data.subarray(n * 5, (n + 1) * 5);
          assert.ok(Buffer.from(row.slice().buffer).equals(Buffer.from(ref.slice().buffer)),
            `row ${n} differs with ${threads} threads`);
        }
      }
    }
  });

  it('runs the scalar twins on every thread when the backend is scalar', () => {
    const A = inputs.get(1013) as Matrix;
    const wasm = models[1].multiply(A);
    setBackend('scalar');
    try {
      sameBits(models[1].multiply(A, { threads: 3 }), wasm, 'scalar on 3 threads');
      sameBits(models[1].multiplyColumns(columnsOf(models[1], A), { threads: 2 }), wasm,
        'scalar columns on 2 threads');
    } finally {
      setBackend('wasm');
    }
  });

  for (const threads of [0, 1.5, 65, -1, NaN, '2', null, true]) {
    it(`refuses threads = ${JSON.stringify(threads)} naming it, the rule and the value`, () => {
      const A = inputs.get(17) as Matrix;
      const options = { threads } as unknown as { threads: number };
      throwsInvalid(() => models[0].multiply(A, options), "'threads'", '1 to 64',
        threads === null ? 'null' : String(typeof threads === 'string' ? `"${threads}"` : threads));
      throwsInvalid(() => models[0].multiplyColumns(columnsOf(models[0], A), options),
        "'threads'", '1 to 64');
    });
  }

  it('keeps working after closeThreadPool, starting new workers', async () => {
    const A = inputs.get(1000) as Matrix;
    const one = models[0].multiply(A);
    sameBits(models[0].multiply(A, { threads: 3 }), one, 'before closing');
    assert.equal(threadPoolSize(), 2);
    await closeThreadPool();
    assert.equal(threadPoolSize(), 0);
    sameBits(models[0].multiply(A, { threads: 2 }), one, 'after closing');
    assert.equal(threadPoolSize(), 1);
  });

  it('resends the tables after setB, so a new B gives its own product', () => {
    const A = inputs.get(1000) as Matrix;
    const model = MaddnessModel.fit(train, { codebooks: 8 }).setB(B);
    const first = model.multiply(A, { threads: 2 });
    model.setB(gaussian(D, 5, 13));
    const second = model.multiply(A, { threads: 2 });
    sameBits(second, model.multiply(A), 'after setB');
    assert.ok(!bits(first).equals(bits(second)), 'the old tables were used');
  });

  it('throws a failing share\'s error and leaves the pool usable', () => {
    const model = models[0];
    const A = sharedMatrix(1000, D, (inputs.get(1000) as Matrix).data);
    const { encoder, luts } = model.snapshot();
    assert.ok(luts !== null);
    // Columns far past the kernels' memory: every thread's kernel traps.
    const broken = { ...encoder, dims: new Int32Array(encoder.dims.length).fill(2 ** 28) };
    assert.throws(() => threadedQuery({ kind: 'rows', data: A.data, width: D }, A.rows, broken,
      luts, false, 2));
    sameBits(model.multiply(A, { threads: 2 }), model.multiply(A), 'after a failure');
  });
});
