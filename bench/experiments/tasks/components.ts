/**
 * The query's components against code size, as the paper draws them: the encoder's throughput
 * from row-major A (codes per second), the table build's time (work on B, done ahead), and the
 * scan's throughput (lookups per second), for C = 8 .. 64 (quick: .. 32) on N = 10000 rows,
 * D = 512, M = 100, for MADDNESS and the vector-quantization methods it is compared with
 * (Bolt, PQ, OPQ).
 * Rows are synthetic (a seeded low-rank Gaussian plus noise): throughput depends on the shapes,
 * not on the values.
 */
import type { Matrix } from '../../../src/core/matrix.js';
import { Rng } from '../../../src/core/rng.js';
import { timeMedian, type Timing } from '../../../src/core/timing.js';
import { LONG_MS, LONG_RUNS } from '../paired-timing.js';
import type { CustomTask, Job } from '../task.js';
import { COMPONENT_METHODS, componentParts, type ComponentMethod } from './component-parts.js';

const N = 10000;
const D = 512;
const M = 100;
const CODEBOOKS = [8, 16, 32, 64];
const QUICK_CODEBOOKS = [8, 16, 32];

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

/**
 * Median of repeats after warm-up; a long call (PQ and OPQ encode 10000 rows against 256
 * centroids a codebook) LONG_RUNS times after the one that measured it, as the runner does.
 */
function timeOf(run: () => unknown): Timing {
  const start = performance.now();
  run();
  return performance.now() - start > LONG_MS ? timeMedian(run, LONG_RUNS, 0, 0)
    : timeMedian(run, 7, 2, 200);
}

function job(method: ComponentMethod, C: number, quick: boolean): Job {
  return { id: { task: 'components', instance: 'kernels', method, params: { codebooks: C } },
    run: () => {
      // Throughput does not depend on how well the codebooks fit: fewer rows for --quick.
      const train = gaussianRows(quick ? 2048 : 4096, D, 1);
      const A = gaussianRows(N, D, 2);
      const B = gaussianRows(D, M, 3);
      const parts = componentParts(method, C, train, A, B);
      const build = timeOf(() => parts.build());
      const encode = timeOf(() => parts.encode()[0]);
      const codes = parts.encode();
      const scan = timeOf(() => parts.scan(codes)[0]);
      const query = timeOf(() => parts.query().data[0]);
      const lookups = (N * C * M) / (scan.medianMs / 1000);
      return { metric: { name: 'scan lookups per second', value: lookups, higherIsBetter: true },
        metrics: { encodeCodesPerSecond: (N * C) / (encode.medianMs / 1000),
          lutBuildMs: build.medianMs, scanLookupsPerSecond: lookups,
          codeBytesPerRow: parts.codeBytesPerRow, encodeMs: encode.medianMs,
          scanMs: scan.medianMs, queryMs: query.medianMs },
        shape: { N_train: train.rows, N, D, M }, timing: null, cost: null, images: [] };
    } };
}

export const componentsTask: CustomTask = {
  kind: 'custom',
  name: 'components',
  summary: 'encoder, table build and scan throughput against code size (C = 8 .. 64), ' +
    'MADDNESS, Bolt, PQ and OPQ',
  jobs: (options, methods) => COMPONENT_METHODS
    .filter((m) => methods === null || methods.includes(m))
    .flatMap((m) => (options.quick ? QUICK_CODEBOOKS : CODEBOOKS)
      .map((C) => job(m, C, options.quick))),
};
