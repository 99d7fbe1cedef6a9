/**
 * Query time of PQ, OPQ and Bolt against the exact GEMM, and against the query path these
 * methods had before the nearest-centroid and float-scan kernels (rebuilt here from the parts
 * that remain: per-block copies of A, one GEMM per block, an argmin in TypeScript, the
 * TypeScript float scan), in one run on one thread. Medians of 9 timed runs after warm-up.
 * The two paths must give the same bits; the bench says whether they do.
 * Run: npm run build && node dist/bench/vq-query.bench.js [--activations DIR] [--train N]
 *   --activations  Htrain.npy, Htest.npy, W2.npy there (as bench:methods --activations
 *                  writes them); without it, low-rank synthetic rows
 *   --train        training rows of A (default 5000; query time does not depend on it)
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readNpyMatrix } from '../src/core/io/npy.js';
import { transpose, type Matrix } from '../src/core/matrix.js';
import { timeMedian } from '../src/core/timing.js';
import { gemm, paddedCodebooks, scanCodes, type LutTables } from '../src/kernels/index.js';
import { scanFloatF32 } from '../src/kernels/scalar/float-scan.js';
import { kernelBuild, kernels } from '../src/kernels/wasm/loader.js';
import type { MatmulMethod } from '../src/methods/method.js';
import { markRowsNonFinite } from '../src/methods/nonfinite.js';
import { createMethod } from '../src/methods/registry.js';
import { packCodes } from '../src/methods/vq/bolt-tables.js';
import type { BoltMethod } from '../src/methods/vq/bolt.js';
import { columnBlock, type BlockCodebooks } from '../src/methods/vq/codebooks.js';
import { nearestInto, searchTables } from '../src/methods/vq/nearest.js';
import type { OpqMethod } from '../src/methods/vq/opq.js';
import type { PqMethod } from '../src/methods/vq/pq.js';
import { gaussian, lowRank } from '../test/helpers/random.js';

const { values } = parseArgs({ options: {
  activations: { type: 'string' }, train: { type: 'string', default: '5000' },
} });

function loadData(): { train: Matrix; test: Matrix; B10: Matrix; source: string } {
  const dir = values.activations;
  if (dir !== undefined && existsSync(path.join(dir, 'Htest.npy'))) {
    const all = readNpyMatrix(path.join(dir, 'Htrain.npy'));
    const n = Math.min(all.rows, Number(values.train));
    return { train: { rows: n, cols: all.cols, data: all.data.subarray(0, n * all.cols) },
      test: readNpyMatrix(path.join(dir, 'Htest.npy')), B10: readNpyMatrix(path.join(dir,
        'W2.npy')), source: `activations in ${dir}` };
  }
  return { train: lowRank(Number(values.train), 512, 16, 1), test: lowRank(10000, 512, 16, 2),
    B10: gaussian(512, 10, 3), source: 'low-rank synthetic rows (rank 16 plus noise)' };
}

/** The encoder before the kernel: each block of A copied out, a GEMM, an argmin in JS. */
function encodeBefore(books: BlockCodebooks, A: Matrix): Uint8Array {
  const { C, K, starts } = books;
  const codes = new Uint8Array(A.rows * C);
  const search = Array.from({ length: C }, (_, c) =>
    searchTables(books.block(c), K, starts[c + 1] - starts[c]));
  for (let r0 = 0; r0 < A.rows; r0 += 4096) {
    const r1 = Math.min(A.rows, r0 + 4096);
    for (let c = 0; c < C; c++) {
      const X = columnBlock(A, starts[c], starts[c + 1], r0, r1);
      nearestInto(X, r1 - r0, search[c], codes.subarray(r0 * C, r1 * C), C, c);
    }
  }
  return codes;
}

function floatScanBefore(books: BlockCodebooks, T: Float32Array, X: Matrix, M: number):
  Float32Array {
  const out = new Float32Array(X.rows * M);
  scanFloatF32(encodeBefore(books, X), X.rows, books.C, books.K, T, M, out);
  return out;
}

/** The query of each method as it was computed before, from the fitted method's parts. */
function before(name: string, method: MatmulMethod, B: Matrix): (A: Matrix) => Matrix {
  const M = B.cols;
  if (name === 'bolt') {
    const books = (method as BoltMethod).codebooks as BlockCodebooks;
    const lut = (method as BoltMethod).tables as LutTables;
    return (A) => markRowsNonFinite(A, { rows: A.rows, cols: M, data: scanCodes(packCodes(
      encodeBefore(books, A), A.rows, books.C, paddedCodebooks(books.C)), A.rows, lut, true) });
  }
  if (name === 'pq') {
    const books = (method as PqMethod).codebooks as BlockCodebooks;
    const T = books.tables(B);
    return (A) => markRowsNonFinite(A, { rows: A.rows, cols: M,
      data: floatScanBefore(books, T, A, M) });
  }
  const opq = method as OpqMethod;
  const books = opq.codebooks as BlockCodebooks;
  const R = opq.rotation as Float32Array;
  const D = B.rows;
  const Rt = transpose({ rows: D, cols: D, data: R }).data;
  const T = books.tables({ rows: D, cols: M, data: gemm(Rt, B.data, D, D, M) });
  return (A) => markRowsNonFinite(A, { rows: A.rows, cols: M, data: floatScanBefore(books, T,
    { rows: A.rows, cols: D, data: gemm(A.data, R, A.rows, D, D) }, M) });
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const { train, test, B10, source } = loadData();
const Bs = [B10, gaussian(train.cols, 100, 4)];
const settings: [string, Record<string, number>][] = [
  ['pq', { codebooks: 16, iterations: 8 }], ['opq', { codebooks: 16, iterations: 8,
    rotations: 1 }], ['bolt', { codebooks: 16 }], ['bolt', { codebooks: 64 }],
];
const time = (run: () => Matrix): number => timeMedian(() => run().data[0], 9).medianMs;

kernels();
console.log(`machine: ${os.cpus()[0]?.model}, node ${process.version}, kernels ` +
  `${kernelBuild()}, one thread; A ${test.rows} × ${test.cols} (${source}), ` +
  `fit on ${train.rows} rows`);
const fitted = settings.map(([name, params]) => createMethod(name, params).fit(train));
for (const B of Bs) {
  const exact = createMethod('exact').fit(train).prepare(B);
  const exactMs = time(() => exact.multiply(test));
  console.log(`\nM = ${B.cols}: exact ${exactMs.toFixed(2)} ms (${test.cols * B.cols} mult/row)`);
  console.log('method  C   before ms  after ms  after/exact  mult/row  same bits');
  settings.forEach(([name, params], i) => {
    const method = fitted[i].prepare(B);
    const old = before(name, method, B);
    const beforeMs = time(() => old(test));
    const afterMs = time(() => method.multiply(test));
    const same = sameBits(old(test).data, method.multiply(test).data);
    console.log(`${name.padEnd(6)} ${String(params.codebooks).padStart(3)}  ` +
      `${beforeMs.toFixed(2).padStart(9)}  ${afterMs.toFixed(2).padStart(8)}  ` +
      `${(afterMs / exactMs).toFixed(2).padStart(11)}  ` +
      `${String(method.cost().multiplies).padStart(8)}  ${same ? 'yes' : 'NO'}`);
  });
}
