/**
 * The experiments runner on a small synthetic task: one JSON cell per (instance, method,
 * setting), scores that agree with a direct computation, resume without redoing finished
 * cells, and failures recorded rather than fatal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { Rng } from '../../src/core/rng.js';
import { CELL_SCHEMA, type Cell } from '../../bench/experiments/cell.js';
import { runBench, type RunOptions } from '../../bench/experiments/run.js';
import { cellPath, paramsSlug, readCell } from '../../bench/experiments/store.js';
import type { CustomTask, ProductTask } from '../../bench/experiments/task.js';

function rows(n: number, d: number, seed: number): Matrix {
  const rng = new Rng(seed);
  return { rows: n, cols: d, data: Float32Array.from({ length: n * d }, () => rng.normal()) };
}

const B = rows(24, 3, 3);
const tests = [rows(40, 24, 1), rows(17, 24, 2)];

/** A product task of one group with two instances; its metric is NMSE. */
const synthetic: ProductTask = {
  kind: 'product', name: 'softmax', summary: 'synthetic',
  plan: () => [{ name: 'g', D: 24, M: 3, instances: ['g/one', 'g/two'] }],
  load: () => ({ task: 'softmax', id: 'g', train: rows(300, 24, 0), B,
    instances: tests.map((test, i) => ({ id: ['g/one', 'g/two'][i], test,
      evaluate: (Y: Matrix) => {
        const e = nmse(matmulF64(test, B), Y);
        return { metric: { name: 'NMSE', value: e, higherIsBetter: false }, metrics: { nmse: e } };
      } })) }),
};

let calls = 0;
const custom: CustomTask = {
  kind: 'custom', name: 'components', summary: 'jobs',
  jobs: () => [
    { id: { task: 'components', instance: 'k', method: 'maddness', params: { codebooks: 2 } },
      run: () => {
        calls++;
        return { metric: { name: 'x', value: 1, higherIsBetter: true }, metrics: { x: 1 },
          shape: { N_train: 1, N: 1, D: 1, M: 1 }, timing: null, cost: null, images: [] };
      } },
    { id: { task: 'components', instance: 'k', method: 'maddness', params: { codebooks: 4 } },
      run: () => {
        throw new Error('this job always fails');
      } },
  ],
};

function cells(dir: string): Cell[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  return walk(path.join(dir, 'cells')).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Cell);
}

test('runner: cells, scores, resume and failures', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'maddness-runner-'));
  try {
    const options: RunOptions = { out, tasks: ['softmax', 'components'],
      methods: ['exact', 'maddness', 'hashjl'], quick: true, dataDir: out, cacheDir: out,
      root: out, kernels: 'test', taskList: [synthetic, custom] };
    const events: string[] = [];
    const first = await runBench({ ...options, onEvent: (e) => events.push(e.type) });
    // exact 1 + maddness C ∈ {8, 16} (C ≤ D = 24) + hashjl d = 2 (d < M = 3): 4 settings.
    assert.equal(first.written, 4 * 2 + 1);
    assert.equal(first.failed.length, 1);
    assert.match(first.failed[0].error, /always fails/);
    assert.equal(events[0], 'plan');
    const all = cells(out);
    assert.equal(all.length, 9);
    for (const cell of all.filter((c) => c.task === 'softmax')) {
      assert.equal(cell.schema, CELL_SCHEMA);
      const test = tests[cell.instance === 'g/one' ? 0 : 1];
      assert.equal(cell.shape.N, test.rows);
      assert.ok(cell.timing !== null && cell.timing.speedup > 0);
      assert.ok(cell.timing.query.medianMs > 0 && cell.timing.exact.medianMs > 0);
      assert.equal(cell.timing.peers.onnxruntime, null);
      if (cell.method === 'exact') assert.ok(cell.metric.value < 1e-10, `${cell.metric.value}`);
      // Gaussian rows have no structure to learn: MADDNESS stays well under the variance,
      // a 2-d sketch of 24-d rows does not (observed: 0.2 to 0.5, and 3.4).
      else if (cell.method === 'maddness') assert.ok(cell.metric.value < 0.8);
      else assert.ok(cell.metric.value > 0.1 && Number.isFinite(cell.metric.value));
      if (cell.method === 'hashjl') assert.equal(cell.params.seed, 0);
    }
    const failures = JSON.parse(readFileSync(path.join(out, 'failures.json'), 'utf8')) as
      { error: string }[];
    assert.equal(failures.length, 1);

    // A second run redoes nothing that finished; the failed job is tried again.
    const second = await runBench(options);
    assert.equal(second.written, 0);
    assert.equal(second.skipped, 9);
    assert.equal(second.failed.length, 1);
    assert.equal(calls, 1);

    // A lost cell file is redone, with the other cells of its fit (the same setting).
    const id = { task: 'softmax', instance: 'g/two', method: 'maddness',
      params: { codebooks: 8, lutWork: -1 } };
    assert.notEqual(readCell(out, id), null);
    rmSync(path.join(out, cellPath(id)));
    const third = await runBench(options);
    assert.equal(third.written, 2);
    assert.notEqual(readCell(out, id), null);

    // A full sweep into the same folder measures every cell again, those of the same
    // identity as quick cells included: they were fitted and tested on other rows.
    assert.ok(cells(out).every((c) => c.sweep === 'quick'));
    const full = await runBench({ ...options, quick: false });
    assert.equal(full.skipped, 0);
    assert.equal(calls, 2);
    assert.ok(full.written > first.written, `${full.written}`);
    assert.equal(readCell(out, id)?.sweep, 'full');
    assert.equal(cells(out).filter((c) => c.sweep === 'full').length, full.written);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('runner: parameter slugs are stable and distinct', () => {
  assert.equal(paramsSlug({ a: 1, b: 'x' }), paramsSlug({ b: 'x', a: 1 }));
  assert.notEqual(paramsSlug({ a: 1 }), paramsSlug({ a: 2 }));
  // Sanitized to the same text, told apart by the checksum.
  assert.notEqual(paramsSlug({ a: 'x/y' }), paramsSlug({ a: 'x:y' }));
  assert.match(paramsSlug({}), /^default-/);
});
