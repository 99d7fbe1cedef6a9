/**
 * The package's public entry point, used as a user would: the README's example compiles under
 * strict TypeScript (this file is type-checked by the build) and runs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  MaddnessError, MaddnessModel, closeThreadPool, loadModel, matmul, matrix, nmse, saveModel,
  sharedMatrix, Rng, type Matrix, type ModelInfo, type MaddnessOptions, type MultiplyOptions,
} from '../../src/index.js';

test('the README example runs through the public entry point', () => {
  const rng = new Rng(5);
  const values = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
  const Atrain: Matrix = matrix(600, 32, values(600 * 32));
  const Atest: Matrix = matrix(100, 32, values(100 * 32));
  const B: Matrix = matrix(32, 4, values(32 * 4));
  const options: MaddnessOptions = { codebooks: 8 };
  const model = MaddnessModel.fit(Atrain, options).setB(B);
  const Y = model.multiply(Atest);
  assert.deepEqual([Y.rows, Y.cols], [100, 4]);
  assert.ok(nmse(matmul(Atest, B), Y) < 1);
  const before = Y.data.slice();
  assert.equal(model.multiply(Atest, { out: Y }), Y);
  assert.deepEqual(Y.data, before);
  const info: ModelInfo = model.info();
  assert.equal(info.C, 8);
  const dir = mkdtempSync(join(tmpdir(), 'maddness-api-'));
  try {
    saveModel(model, join(dir, 'head.model'));
    assert.deepEqual(loadModel(join(dir, 'head.model')).multiply(Atest).data, Y.data);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => model.multiply(matrix(1, 31)), (e: unknown) =>
    e instanceof MaddnessError && e.code === 'SHAPE_MISMATCH');
});

test('the README threads example runs through the public entry point', async () => {
  const rng = new Rng(6);
  const Atrain = matrix(400, 32, Float32Array.from({ length: 400 * 32 }, () => rng.normal()));
  const model = MaddnessModel.fit(Atrain, { codebooks: 8 })
    .setB(matrix(32, 3, Float32Array.from({ length: 96 }, () => rng.normal())));
  const A = sharedMatrix(300, 32);
  A.data.set(Atrain.data.subarray(0, 300 * 32));
  const options: MultiplyOptions = { threads: 2 };
  assert.deepEqual(model.multiply(A, options).data, model.multiply(A).data);
  await closeThreadPool();
});
