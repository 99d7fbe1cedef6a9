/**
 * `maddness bench` end to end on a small synthetic AMPds2 folder (the forecast task, exact and
 * MADDNESS): the cells it writes, the progress lines on stderr, a second run that redoes
 * nothing, and the errors for a bad task name and for missing data.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync }
  from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Cell } from '../../bench/experiments/cell.js';
import { Rng } from '../../src/core/rng.js';
import { projectRoot } from '../helpers/shared-data.js';

const BIN = join(projectRoot, 'bin', 'maddness.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'bench', ...args],
    { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A meter as AMPds2 writes it: a counter and two rates a minute, busy a third of the time.
 * Each column has noise of its own: a counter that is exactly the sum of a rate column makes
 * the windows linearly dependent and the least-squares weights huge.
 */
function meterCsv(seed: number, minutes: number): string {
  const rng = new Rng(seed);
  const lines = ['unix_ts,counter,avg_rate,inst_rate'];
  let counter = 1000;
  let rate = 0;
  let average = 0;
  for (let t = 0; t < minutes; t++) {
    if (rng.uniform() < 0.3) rate = Math.max(0, rate + rng.normal());
    else rate *= 0.5;
    counter += rate * (1 + 0.2 * rng.uniform());
    average = 0.8 * average + 0.2 * rate + 0.05 * rng.normal();
    lines.push(`${1333263600 + 60 * t},${counter.toFixed(3)},${average.toFixed(3)},` +
      `${(rate * (1 + 0.1 * rng.normal())).toFixed(3)}`);
  }
  return lines.join('\n') + '\n';
}

function cellFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? cellFiles(p) : [p];
  });
}

describe('maddness bench', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'maddness-bench-cli-'));
    mkdirSync(join(dir, 'data', 'ampds2'), { recursive: true });
    // One meter in chunks, the other as one file, as AMPds2 publishes it.
    writeFileSync(join(dir, 'data', 'ampds2', 'NaturalGas_FRG-1.csv'), meterCsv(1, 1500));
    writeFileSync(join(dir, 'data', 'ampds2', 'Water_WHW.csv.gz'), gzipSync(meterCsv(2, 1500)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const args = (): string[] => ['--task', 'forecast', '--methods', 'exact,maddness', '--quick',
    '--data', join(dir, 'data'), '--out', join(dir, 'out')];

  test('writes one cell per instance, method and setting, with a progress line', () => {
    const r = run(...args());
    assert.equal(r.status, 0, r.stderr);
    // Two meters × windows 4 and 16: exact, and MADDNESS at C = 8 (D = 12) or 8, 16, 32.
    assert.match(r.stdout, /^12 cells written, 0 already done, 0 failed/m);
    assert.match(r.stderr, /12\/12 cells \| \d+s elapsed \| about 0s left/);
    const files = cellFiles(join(dir, 'out', 'cells'));
    assert.equal(files.length, 12);
    for (const file of files) {
      const cell = JSON.parse(readFileSync(file, 'utf8')) as Cell;
      assert.equal(cell.sweep, 'quick');
      assert.equal(cell.metric.name, 'NMSE');
      assert.ok(cell.timing !== null && cell.timing.exact.medianMs > 0, file);
      assert.ok(cell.timing.query.minMs <= cell.timing.query.medianMs);
      assert.deepEqual([cell.env.threads, cell.env.node], [1, process.version]);
      if (cell.method === 'exact') assert.ok(cell.metric.value < 1e-10, file);
      else assert.ok(cell.metric.value > 0 && cell.metric.value < 1, file);
    }
  });

  test('a second run finds every cell done and measures nothing again', () => {
    const r = run(...args());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^0 cells written, 12 already done, 0 failed/m);
  });

  test('a task that does not exist is a usage error naming the choices', () => {
    const r = run('--task', 'forecasting', '--out', join(dir, 'other'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /option --task takes softmax, filters, .*; received "forecasting"/);
  });

  test('an empty --task, --methods, --out or --data is a usage error, not an empty run', () => {
    const good: Record<string, string> = { '--task': 'forecast', '--methods': 'exact',
      '--data': join(dir, 'data'), '--out': join(dir, 'other') };
    for (const bad of [['--task', ','], ['--methods', ''], ['--out', ''], ['--data', ''],
      ['--peers', '']]) {
      const flags = { ...good, [bad[0]]: bad[1] };
      const r = run('--quick', ...Object.entries(flags).flat());
      assert.equal(r.status, 2, `${bad.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`usage error: option ${bad[0]} takes `));
    }
  });

  test('an --out that is a file stops the run before any cell is measured', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const out of [file, join(file, 'below')]) {
      const r = run('--task', 'forecast', '--methods', 'exact', '--quick', '--data',
        join(dir, 'data'), '--out', out);
      assert.equal(r.status, 1);
      assert.equal(r.stderr.trim().split('\n').pop(), `maddness bench: error WRITE_FAILED: ` +
        `cannot write ${out}: it, or a folder above it, is a file; any existing file there is ` +
        'unchanged');
      assert.doesNotMatch(r.stderr, /\d+\/\d+ cells/);
    }
  });

  test('a run with no cell to measure still leaves its folder and failures.json', () => {
    // The generalization task runs MADDNESS alone: nothing is left with --methods exact.
    const out = join(dir, 'nothing');
    const r = run('--task', 'generalization', '--methods', 'exact', '--quick', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^0 cells written, 0 already done, 0 failed/m);
    assert.equal(readFileSync(join(out, 'failures.json'), 'utf8'), '[]\n');
  });

  test('--peers naming no folder stops the run; one without the peers says so', () => {
    const nowhere = join(dir, 'no-peers-here');
    const r = run(...args(), '--peers', nowhere);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split('\n').pop(), 'maddness bench: error DATA_NOT_FOUND: ' +
      `the --peers folder not found; looked in: ${nowhere}`);
    const empty = join(dir, 'empty-peers');
    mkdirSync(empty);
    const ok = run(...args(), '--peers', empty);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`^peers: onnxruntime-node not installed \\(looked in ${
      empty}`, 'm'));
    assert.match(ok.stdout, /^peers: @tensorflow\/tfjs-backend-wasm not installed/m);
  });

  test('missing data stops the run at its start, naming the files and the folder', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = run('--task', 'forecast', '--quick', '--data', empty, '--out', join(dir, 'other'));
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split('\n').pop(), 'maddness bench: error DATA_NOT_FOUND: ' +
      `the AMPds2 folder not found; looked in: ${join(empty, 'ampds2')}`);
  });
});
