/**
 * Fit time of MADDNESS on the demo's Fashion-MNIST head (A = 60000 × 512 hidden activations,
 * B = the 512 × 10 last layer), for the default path (B at fit time: output objective and
 * refinement) and the paper's objective, one thread. Prints the median of repeats in wall-clock
 * and in process CPU seconds (all of the process's threads: V8 compiles and collects garbage
 * on helper threads; on a shared machine CPU time is the steadier figure), the start of
 * the SHA-256 of the model file (to tell whether a change to training kept the model bit for
 * bit; not a CRC-32: the file ends with its own, so a CRC-32 of the whole file is constant),
 * and NMSE and accuracy relative to exact on the 10000 test rows.
 * Run: npm run bench:fit [-- --activations DIR] [--codebooks 8,16,32] [--repeats R]
 *   [--objectives output,reconstruct] [--json FILE]
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import { matmulF64, median, nmse } from '../src/core/metrics.js';
import { accuracy, addBias } from '../src/demo/index.js';
import { MaddnessModel } from '../src/methods/maddness/model.js';
import { encodeModel } from '../src/methods/maddness/model-file.js';
import type { Objective } from '../src/methods/maddness/objective.js';
import { loadSoftmaxTask } from './tasks.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: {
  activations: { type: 'string' }, codebooks: { type: 'string' }, repeats: { type: 'string' },
  objectives: { type: 'string' }, json: { type: 'string' },
} });
const Cs = (values.codebooks ?? '16').split(',').map(Number);
const repeats = Number(values.repeats ?? 3);
const objectives = (values.objectives ?? 'output,reconstruct').split(',') as Objective[];

const task = loadSoftmaxTask(root, values.activations);
const exact = matmulF64(task.test, task.B);
const logits = (data: Float32Array): Float32Array =>
  addBias({ rows: task.test.rows, cols: task.B.cols, data: data.slice() }, task.bias).data;
const labels = task.labels;
const exactAcc = accuracy({ rows: task.test.rows, cols: task.B.cols,
  data: logits(Float32Array.from(exact)) }, labels);
console.log(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}` +
  `, one thread; A ${task.train.rows} × ${task.train.cols}, M = ${task.B.cols}`);
console.log('   C  objective     median s  CPU s    runs (s)                  ' +
  'model SHA-256  NMSE    rel. acc.');
const rows: Record<string, unknown>[] = [];
for (const C of Cs) {
  for (const objective of objectives) {
    const seconds: number[] = [];
    const cpuSeconds: number[] = [];
    let model: MaddnessModel | null = null;
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      model = MaddnessModel.fit(task.train, { codebooks: C, b: task.B, objective });
      const used = process.cpuUsage(cpu);
      seconds.push((performance.now() - start) / 1000);
      cpuSeconds.push((used.user + used.system) / 1e6);
    }
    if (model === null) throw new Error('--repeats takes an integer ≥ 1');
    const hash = createHash('sha256').update(encodeModel(model)).digest('hex').slice(0, 12);
    const Y = model.multiply(task.test);
    const error = nmse(exact, Y);
    const rel = accuracy({ ...Y, data: logits(Y.data) }, labels) / exactAcc;
    const wallMedian = median(seconds);
    const cpuMedian = median(cpuSeconds);
    rows.push({ C, objective, seconds, median: wallMedian, cpuSeconds, cpuMedian, sha256: hash,
      nmse: error, relativeAccuracy: rel });
    console.log(`${String(C).padStart(4)}  ${objective.padEnd(12)} ${wallMedian.toFixed(2)
      .padStart(8)}  ${cpuMedian.toFixed(2).padStart(7)}  ${seconds.map((s) => s.toFixed(2))
      .join(' ').padEnd(24)}  ${hash}  ${error.toFixed(4)}  ${rel.toFixed(4)}`);
  }
}
if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model,
    node: process.version, rows }, null, 2) + '\n');
}

