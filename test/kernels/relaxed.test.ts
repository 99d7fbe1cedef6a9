/**
 * The relaxed-SIMD build of the kernels equals the scalar twins exactly. It needs relaxed SIMD
 * switched on before the first compile, so it runs in a child process that does that.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const script = fileURLToPath(new URL('../helpers/relaxed-check.js', import.meta.url));

test('the relaxed-SIMD build equals the scalar twins on the encoder and both scans', () => {
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout.trim());
  assert.equal(result.build, 'relaxed-simd', 'this Node compiles relaxed SIMD behind its flag');
  assert.ok(result.cases >= 1000);
  assert.equal(result.mismatches, 0, JSON.stringify(result.first));
});
