/**
 * Where MADDNESS's query time goes, at the paper's shapes, against the exact product and the
 * memory floor, one thread, one run: for each (N, D, M) and C, the encoder (row-major A to
 * packed codes, copies included), the table build (B-only work, not query time), the scan,
 * the whole query (encode and scan fused), one plain read of A (a load per 64-byte line: the
 * floor for any method that must look at a row-major A), and the exact product (our GEMM, and
 * onnxruntime-node or @tensorflow/tfjs-backend-wasm when installed beside the project; they
 * are not dependencies, so they are skipped with a note otherwise).
 * Each line is followed by the query on `--threads` threads (A on a SharedArrayBuffer, which
 * the workers read in place, and A on an ordinary buffer, whose workers' rows are copied
 * first) and the column-major query (`multiplyColumns`, A given as the 4·C columns the
 * encoder reads) on one thread and on `--threads`, each against the one-thread query or the
 * peers' exact product; then the query into a reused result (options.out) on one thread and
 * on `--threads`, and the stages of the query (bench/stages.ts) with their shares and limits.
 * Every timing is the median of repeats after warm-up, cycling through three different copies
 * of A so that repeated runs do not all read one warm cache.
 * Run: npm run bench:speed [-- --json FILE] [--build simd] [--quick] [--peers DIR]
 *        [--shapes NxDxM,...] [--codebooks C,...] [--threads T]
 *   --quick      the first three shapes only
 *   --shapes     only these shapes, e.g. 100000x512x100,10000x512x10 (any N, D, M)
 *   --codebooks  only these C (default 16,32,64; those above D are skipped)
 *   --threads    threads of the threaded lines (default 2)
 *   --peers      a folder whose node_modules holds onnxruntime-node and the tfjs packages,
 *                e.g. made by `ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node
 *                @tensorflow/tfjs-core @tensorflow/tfjs-backend-wasm` in an empty folder
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import { sharedMatrix, type Matrix } from '../src/core/matrix.js';
import { matmulF64, nmse } from '../src/core/metrics.js';
import { Rng } from '../src/core/rng.js';
import { timeMedian, timeMedianAsync } from '../src/core/timing.js';
import { encodeRows, scanCodes } from '../src/kernels/index.js';
import { matmul } from '../src/methods/exact/matmul.js';
import { closeThreadPool } from '../src/kernels/threads/pool.js';
import { MaddnessModel } from '../src/methods/maddness/model.js';
import { chooseBuild } from './build-choice.js';
import { peerProducts, type PeerProduct } from './peers.js';
import { probeClockHz, probeLookupRate, stageTimes, type StageTimes } from './stages.js';

const { values } = parseArgs({ options: {
  json: { type: 'string' }, build: { type: 'string' }, quick: { type: 'boolean' },
  peers: { type: 'string' }, shapes: { type: 'string' }, codebooks: { type: 'string' },
  threads: { type: 'string' },
} });
const build = chooseBuild(values.build);
const SHAPES: [number, number, number][] = [[10000, 512, 10], [10000, 512, 100],
  [49284, 27, 2], [48400, 75, 2], [1000, 320, 128], [100000, 512, 100]];
const shapes = values.shapes !== undefined ? parseShapes(values.shapes)
  : values.quick ? SHAPES.slice(0, 3) : SHAPES;
const codebooks = values.codebooks === undefined ? [16, 32, 64]
  : values.codebooks.split(',').map((c) => positive(c, '--codebooks'));
const threads = values.threads === undefined ? 2 : positive(values.threads, '--threads');
const COPIES = 3;
const rows: Record<string, unknown>[] = [];

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${flag} takes positive integers; received ${JSON.stringify(text)}`);
  }
  return n;
}

/** "NxDxM,..." as [N, D, M] triples. */
function parseShapes(text: string): [number, number, number][] {
  return text.split(',').map((shape) => {
    const parts = shape.split('x').map((n) => positive(n, '--shapes'));
    if (parts.length !== 3) {
      throw new Error(`--shapes takes NxDxM,...; received ${JSON.stringify(shape)}`);
    }
    return parts as [number, number, number];
  });
}

/** The (4·C, N) columns the encoder reads, column-major, on a SharedArrayBuffer. */
function columnsOf(model: MaddnessModel, A: Matrix): Matrix {
  const dims = model.readColumns();
  const cols = sharedMatrix(dims.length, A.rows);
  for (let n = 0; n < A.rows; n++) {
    for (let q = 0; q < dims.length; q++) cols.data[q * A.rows + n] = A.data[n * A.cols + dims[q]];
  }
  return cols;
}

/** Throws unless the two results are equal bit for bit: nothing is timed otherwise. */
function checkSame(a: Matrix, b: Matrix, what: string): void {
  const bytes = (m: Matrix): Buffer => Buffer.from(m.data.buffer, m.data.byteOffset,
    m.data.byteLength);
  if (!bytes(a).equals(bytes(b))) throw new Error(`${what} differs from the one-thread query`);
}

/** Rows with the structure of activations: rank-16 signal plus noise, seeded. */
function structured(N: number, D: number, rng: Rng, basis: Float32Array): Matrix {
  const r = basis.length / D;
  const data = new Float32Array(N * D);
  const z = new Float32Array(r);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < r; k++) z[k] = rng.normal();
    for (let j = 0; j < D; j++) {
      let s = 0.1 * rng.normal();
      for (let k = 0; k < r; k++) s += z[k] * basis[k * D + j];
      data[i * D + j] = s;
    }
  }
  return { rows: N, cols: D, data };
}

/** One load per 64-byte line of every copy in turn: the memory floor of a row-major read. */
function plainRead(A: Matrix): number {
  let s = 0;
  const d = A.data;
  for (let i = 0; i < d.length; i += 16) s += d[i];
  return s;
}

/** The stages' times, shares of the query and distances to their limits, as one line. */
function stageText(t: StageTimes, queryMs: number, readMs: number, bytes: number,
  lookups: number): string {
  const share = (ms: number): string => `${(100 * ms / queryMs).toFixed(0)}%`;
  const rest = queryMs - t.copyMs - t.encodeKernelMs - t.scanKernelMs;
  const scanRate = lookups / (t.scanKernelMs / 1000);
  return `copy A in ${t.copyMs.toFixed(2)} ms (${share(t.copyMs)}, ` +
    `${(bytes / t.copyMs / 1e6).toFixed(1)} GB/s; one read ${(bytes / readMs / 1e6).toFixed(1)}` +
    ` GB/s), encode kernel ${t.encodeKernelMs.toFixed(2)} ms (${share(t.encodeKernelMs)}), ` +
    `scan kernel ${t.scanKernelMs.toFixed(2)} ms (${share(t.scanKernelMs)}, ` +
    `${(scanRate / 1e9).toFixed(1)} G lookups/s, ${(scanRate / clock).toFixed(1)} per cycle, ` +
    `${(scanRate / probe).toFixed(2)} of the limit)` +
    `, rest ${rest.toFixed(2)} ms (${share(rest)})`;
}

/** Times `run` on the copies in turn. */
function cycled(copies: Matrix[], run: (A: Matrix) => unknown): number {
  let turn = 0;
  return timeMedian(() => run(copies[turn++ % copies.length]), 9).medianMs;
}

async function cycledAsync(copies: Matrix[], run: (A: Matrix) => Promise<unknown>):
  Promise<number> {
  let turn = 0;
  return (await timeMedianAsync(() => run(copies[turn++ % copies.length]), 9)).medianMs;
}

const peers: PeerProduct[] = await peerProducts(values.peers);
const probe = probeLookupRate();
const clock = probeClockHz();
console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}` +
  `, kernels ${build}, one thread (threaded lines: ${threads}); copies of A cycled: ${COPIES}`);
console.log(`clock (a chain of one-cycle integer operations): ${(clock / 1e9).toFixed(2)} GHz; ` +
  `limit of the scan's inner step (shuffle and average on registers): ` +
  `${(probe / 1e9).toFixed(1)} G lookups/s, ${(probe / clock).toFixed(1)} per cycle`);
for (const p of peers) console.log(`peer ${p.name}: ${p.available ? 'timed' : p.note}`);
console.log('   N     D    M   C  encode ms  tables ms  scan ms  query ms  read A ms  ' +
  'query/read  exact ms  exact/query  Glookups/s  peers (ms, exact/query)');
for (const [N, D, M] of shapes) {
  const rng = new Rng(N + D + M);
  const basis = new Float32Array(16 * D).map(() => rng.normal() / 4);
  const train = structured(Math.min(20000, 2 * N), D, rng, basis);
  const copies = Array.from({ length: COPIES }, () => structured(N, D, rng, basis));
  const sharedCopies = copies.map((A) => sharedMatrix(A.rows, A.cols, A.data));
  const B: Matrix = { rows: D, cols: M, data: new Float32Array(D * M).map(() => rng.normal()) };
  const readMs = cycled(copies, plainRead);
  const exactMs = cycled(copies, (A) => matmul(A, B).data[0]);
  const peerMs: { name: string; ms: number }[] = [];
  for (const p of peers.filter((x) => x.available)) {
    const run = await p.prepare(B);
    // A peer is timed only once its product is checked against the float64 one.
    const Y = await run(copies[0]);
    const error = nmse(matmulF64(copies[0], B), { rows: N, cols: M, data: Y });
    if (!(error < 1e-8)) throw new Error(`${p.name} gives NMSE ${error}: not timing it`);
    peerMs.push({ name: p.name, ms: await cycledAsync(copies, run) });
  }
  const onnxMs = peerMs.find((p) => p.name === 'onnxruntime-node')?.ms;
  for (const C of codebooks.filter((c) => c <= D)) {
    const model = MaddnessModel.fit(train, { codebooks: C });
    const tablesMs = timeMedian(() => model.setB(B), 5).medianMs;
    const { encoder: enc, luts } = model.snapshot();
    if (luts === null) throw new Error('internal: setB left no tables');
    const encodeMs = cycled(copies, (A) => encodeRows(A, enc).codes[0]);
    const codes = encodeRows(copies[0], enc).codes;
    const scanMs = timeMedian(() => scanCodes(codes, N, luts, false)[0], 9).medianMs;
    const queryMs = cycled(copies, (A) => model.multiply(A).data[0]);
    const lookups = (N * C * M) / (scanMs / 1000) / 1e9;
    const columns = copies.map((A) => columnsOf(model, A));
    const one = model.multiply(copies[0]);
    checkSame(model.multiply(sharedCopies[0], { threads }), one, 'the threaded query');
    checkSame(model.multiply(copies[0], { threads }), one, 'the threaded query of a copy');
    checkSame(model.multiplyColumns(columns[0]), one, 'the column-major query');
    checkSame(model.multiplyColumns(columns[0], { threads }), one, 'the threaded column query');
    const threadedMs = cycled(sharedCopies, (A) => model.multiply(A, { threads }).data[0]);
    const copiedMs = cycled(copies, (A) => model.multiply(A, { threads }).data[0]);
    // Into a reused result (options.out): the same work without the first touch of new memory.
    const reused = sharedMatrix(N, M);
    const reusedMs = cycled(copies, (A) => model.multiply(A, { out: reused }).data[0]);
    const reusedThreadedMs = cycled(sharedCopies, (A) => model.multiply(A, { threads,
      out: reused }).data[0]);
    const columnsMs = cycled(columns, (X) => model.multiplyColumns(X).data[0]);
    const columnsThreadedMs = cycled(columns, (X) => model.multiplyColumns(X, { threads })
      .data[0]);
    const stages = stageTimes(copies, enc, luts);
    const peerText = peerMs.map((p) => `${p.name} ${p.ms.toFixed(2)} (${(p.ms / queryMs)
      .toFixed(1)}×)`).join(', ');
    rows.push({ N, D, M, C, encodeMs, tablesMs, scanMs, queryMs, readMs, exactMs,
      lookupsPerSecond: lookups * 1e9, peers: peerMs, threads, threadedMs, copiedMs, reusedMs,
      reusedThreadedMs, columnsMs, columnsThreadedMs, stages });
    console.log(`${String(N).padStart(6)} ${String(D).padStart(5)} ${String(M).padStart(4)} ` +
      `${String(C).padStart(3)} ${encodeMs.toFixed(2).padStart(10)} ` +
      `${tablesMs.toFixed(2).padStart(10)} ${scanMs.toFixed(2).padStart(8)} ` +
      `${queryMs.toFixed(2).padStart(9)} ${readMs.toFixed(2).padStart(10)} ` +
      `${(queryMs / readMs).toFixed(2).padStart(11)} ${exactMs.toFixed(2).padStart(9)} ` +
      `${(exactMs / queryMs).toFixed(2).padStart(12)} ${lookups.toFixed(2).padStart(11)}  ` +
      peerText);
    const vsOnnx = (ms: number): string => onnxMs === undefined ? ''
      : `, onnxruntime-node / this ${(onnxMs / ms).toFixed(1)}×`;
    console.log(`${' '.repeat(20)}${threads} threads: query ${threadedMs.toFixed(2)} ms with A ` +
      `shared (${(queryMs / threadedMs).toFixed(2)}× one thread), ${copiedMs.toFixed(2)} ms ` +
      `with A copied (${(queryMs / copiedMs).toFixed(2)}×); column-major query: ` +
      `${columnsMs.toFixed(3)} ms one thread${vsOnnx(columnsMs)}, ` +
      `${columnsThreadedMs.toFixed(3)} ms ${threads} threads${vsOnnx(columnsThreadedMs)}`);
    console.log(`${' '.repeat(20)}into a reused result: ${reusedMs.toFixed(2)} ms one thread, ` +
      `${reusedThreadedMs.toFixed(2)} ms ${threads} threads with A shared ` +
      `(${(reusedMs / reusedThreadedMs).toFixed(2)}×)`);
    console.log(`${' '.repeat(20)}stages: ${stageText(stages, queryMs, readMs, N * D * 4,
      N * C * M)}`);
  }
}
await closeThreadPool();
if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model, cores:
    os.cpus().length, node: process.version, kernels: build, threads: 1, threaded: threads,
    copies: COPIES, lookupLimitPerSecond: probe, clockHz: clock,
    peers: peers.map((p) => ({ name: p.name, available: p.available, note: p.note })), rows },
  null, 2) + '\n');
}
