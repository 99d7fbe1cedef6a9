/**
 * The query's components against code size, as the paper draws them: the encoder's throughput
 * from row-major A (codes per second), the table build's time (work on B, done ahead), and the
 * scan's throughput (lookups per second), for C = 8 .. 64 on N = 10000 rows, D = 512, M = 100.
 * Rows are synthetic (a seeded low-rank Gaussian plus noise): throughput depends on the shapes,
 * not on the values.
 */
import type { Matrix } from '../../../src/core/matrix.js';
import { Rng } from '../../../src/core/rng.js';
import { timeMedian } from '../../../src/core/timing.js';
import { encodeRows, scanCodes } from '../../../src/kernels/index.js';
import { MaddnessModel } from '../../../src/methods/maddness/model.js';
import type { CustomTask, Job } from '../task.js';

const N = 10000;
const D = 512;
const M = 100;
const CODEBOOKS = [8, 16, 32, 64];

function gaussianRows(rows: number, cols: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const rank = 16;
  const basis = Float32Array.from({ length: rank * cols }, () => rng.normal());
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let r = 0; r < rank; r++) {
      const z = rng.normal();
      for (let j = 0; j < cols; j++) data[i * cols + j] += z * basis[r * cols + j];
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] += 0.5 * rng.normal();
  }
  return { rows, cols, data };
}

function job(C: number): Job {
  return { id: { task: 'components', instance: 'kernels', method: 'maddness',
    params: { codebooks: C } },
  run: () => {
    const train = gaussianRows(4096, D, 1);
    const A = gaussianRows(N, D, 2);
    const B = gaussianRows(D, M, 3);
    const model = MaddnessModel.fit(train, { codebooks: C });
    const build = timeMedian(() => model.setB(B), 5, 1, 50);
    const { encoder, luts } = model.snapshot();
    if (luts === null) throw new Error('setB left no tables');
    const encode = timeMedian(() => encodeRows(A, encoder).codes[0]);
    const { codes } = encodeRows(A, encoder);
    const scan = timeMedian(() => scanCodes(codes, N, luts, false)[0]);
    const query = timeMedian(() => model.multiply(A).data[0]);
    return { metric: { name: 'scan lookups per second', value: (N * C * M) / (scan.medianMs
      / 1000), higherIsBetter: true },
    metrics: { encodeCodesPerSecond: (N * C) / (encode.medianMs / 1000),
      lutBuildMs: build.medianMs, scanLookupsPerSecond: (N * C * M) / (scan.medianMs / 1000),
      codeBytesPerRow: C / 2, encodeMs: encode.medianMs, scanMs: scan.medianMs,
      queryMs: query.medianMs },
    shape: { N_train: train.rows, N, D, M }, timing: null, cost: null, images: [] };
  } };
}

export const componentsTask: CustomTask = {
  kind: 'custom',
  name: 'components',
  summary: 'encoder, table build and scan throughput against code size (C = 8 .. 64)',
  jobs: (_options, methods) =>
    (methods !== null && !methods.includes('maddness') ? [] : CODEBOOKS.map(job)),
};
