/**
 * End-to-end product time, MADDNESS against the exact float32 GEMM, one thread, the same
 * random inputs in the same run: the whole query path (copy in, encode, scan, float outputs
 * out) against the whole exact product (copy in, GEMM, copy out). Rows are synthetic but
 * structured (rank 32 plus 10% noise), as activations are; the model is fitted on other rows
 * of the same distribution, and the NMSE column says how good the product is on this data.
 * Run: npm run bench:multiply [-- --json FILE] [--build simd]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import { matmulF64, nmse } from '../src/core/metrics.js';
import type { Matrix } from '../src/core/matrix.js';
import { Rng } from '../src/core/rng.js';
import { chooseBuild } from './build-choice.js';
import { timeMedian } from '../src/core/timing.js';
import { matmul } from '../src/methods/exact/matmul.js';
import { MaddnessModel } from '../src/methods/maddness/model.js';

const { values } = parseArgs({
  options: { json: { type: 'string' }, build: { type: 'string' } },
});
const build = chooseBuild(values.build);
const rng = new Rng(7);
function random(rows: number, cols: number): Matrix {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows, cols, data };
}
const mixing = random(32, 512);
function structured(rows: number): Matrix {
  const Y = matmul(random(rows, 32), mixing);
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += 0.1 * Math.sqrt(32) * rng.normal();
  return Y;
}

console.log(`machine: ${os.cpus()[0]?.model} (${os.cpus().length} cores), ` +
  `node ${process.version}, ` +
  `one thread, kernels: ${build}; medians of 11 runs`);
console.log('    N    D    M   C   maddness ms   exact ms   speed-up   NMSE   column input ms');
const rows: Record<string, number>[] = [];
const N = 10000;
const D = 512;
const A = structured(N);
const train = structured(20000);
for (const M of [10, 100]) {
  const B = random(D, M);
  const exactMs = timeMedian(() => matmul(A, B).data[0], 11).medianMs;
  const reference = matmulF64(A, B);
  for (const C of [16, 32, 64]) {
    const model = MaddnessModel.fit(train, { codebooks: C }).setB(B);
    const ms = timeMedian(() => model.multiply(A).data[0], 11).medianMs;
    const error = nmse(reference, model.multiply(A));
    // The same product when A arrives as the columns the encoder reads (column-major).
    const cols = gatherColumns(A, model.readColumns());
    const columnMs = timeMedian(() => model.multiplyColumns(cols).data[0], 11).medianMs;
    rows.push({ N, D, M, C, maddnessMs: ms, exactMs, speedup: exactMs / ms, nmse: error,
      columnInputMs: columnMs });
    console.log(`${N} ${D} ${String(M).padStart(4)} ${String(C).padStart(3)} ` +
      `${ms.toFixed(2).padStart(12)} ${exactMs.toFixed(2).padStart(10)} ` +
      `${(exactMs / ms).toFixed(1).padStart(10)} ${error.toFixed(3).padStart(6)} ` +
      `${columnMs.toFixed(2).padStart(17)}`);
  }
}
/** (Q, N) row-major: row q is column dims[q] of A. */
function gatherColumns(X: Matrix, dims: Int32Array): Matrix {
  const data = new Float32Array(dims.length * X.rows);
  dims.forEach((d, q) => {
    for (let n = 0; n < X.rows; n++) data[q * X.rows + n] = X.data[n * X.cols + d];
  });
  return { rows: dims.length, cols: X.rows, data };
}

if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model, cores:
    os.cpus().length, node: process.version, threads: 1, build, rows }, null, 2) + '\n');
}
