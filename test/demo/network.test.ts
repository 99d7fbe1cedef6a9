import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError, ShapeMismatchError } from '../../src/core/errors.js';
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import { Rng } from '../../src/core/rng.js';
import {
  accuracy, argmaxRows, hiddenActivations, initMlp, loadNpmMnistDigits, logits,
  mlpLossAndGradients, trainMlp, type Mlp,
} from '../../src/demo/index.js';

function randomMatrix(rows: number, cols: number, rng: Rng, scale = 1): Matrix {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * scale;
  return { rows, cols, data };
}

function sameBytes(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
    .equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

test('argmaxRows picks the first maximum of each row; accuracy counts matches', () => {
  const m: Matrix = { rows: 3, cols: 3, data: Float32Array.from([1, 3, 2, 5, 5, 0, -1, -2, -0.5]) };
  assert.deepEqual([...argmaxRows(m)], [1, 0, 2]);
  assert.equal(accuracy(m, [1, 1, 2]), 2 / 3);
  assert.throws(() => accuracy(m, [1, 2]), ShapeMismatchError);
});

test('trainMlp rejects bad options and labels', () => {
  const X: Matrix = { rows: 2, cols: 3, data: new Float32Array(6) };
  assert.throws(() => trainMlp(X, Uint8Array.from([0, 1]), { hidden: 0 }), InvalidArgumentError);
  assert.throws(() => trainMlp(X, Uint8Array.from([0, 1]), { learningRate: -1 }),
    InvalidArgumentError);
  assert.throws(() => trainMlp(X, Uint8Array.from([0]), {}), ShapeMismatchError);
  assert.throws(() => trainMlp(X, Uint8Array.from([0, 3]), { classes: 3 }),
    /labels\[1\].*< classes = 3/);
});

test('backprop gradients match central finite differences on a tiny network', () => {
  const rng = new Rng(7);
  const net = initMlp(6, 5, 3, rng);
  // Non-zero biases so the check also covers their gradients away from the symmetric start.
  for (let i = 0; i < net.b1.length; i++) net.b1[i] = 0.1 * rng.normal();
  for (let i = 0; i < net.b2.length; i++) net.b2[i] = 0.1 * rng.normal();
  const X = randomMatrix(4, 6, rng);
  const y = Uint8Array.from([0, 2, 1, 2]);
  const { grads } = mlpLossAndGradients(net, X, y);
  const params: [string, Float32Array, Float32Array][] = [
    ['W1', net.W1.data, grads.W1.data], ['b1', net.b1, grads.b1],
    ['W2', net.W2.data, grads.W2.data], ['b2', net.b2, grads.b2],
  ];
  const h = 1e-2;
  for (const [name, w, g] of params) {
    let diff2 = 0;
    let norm2 = 0;
    for (let i = 0; i < w.length; i++) {
      const saved = w[i];
      w[i] = saved + h;
      const up = mlpLossAndGradients(net, X, y).loss;
      w[i] = saved - h;
      const down = mlpLossAndGradients(net, X, y).loss;
      w[i] = saved;
      const numeric = (up - down) / (2 * h);
      diff2 += (numeric - g[i]) ** 2;
      norm2 += (Math.abs(numeric) + Math.abs(g[i])) ** 2;
    }
    // A vanishing gradient would make the comparison vacuous, so require a real one.
    assert.ok(norm2 > 1e-6, `${name}: gradient too small to check (${norm2})`);
    const relative = Math.sqrt(diff2) / Math.max(Math.sqrt(norm2), 1e-12);
    assert.ok(relative < 1e-2, `${name}: relative error ${relative}`);
  }
});

test('trainMlp is deterministic for a seed and depends on it', () => {
  const data = loadNpmMnistDigits(1);
  const X = sliceRows(data.trainImages, 0, 300);
  const y = data.trainLabels.subarray(0, 300);
  const opts = { hidden: 16, epochs: 1, batchSize: 50 };
  const a = trainMlp(X, y, { ...opts, seed: 3 });
  const b = trainMlp(X, y, { ...opts, seed: 3 });
  const c = trainMlp(X, y, { ...opts, seed: 4 });
  const parts = (n: Mlp): Float32Array[] => [n.W1.data, n.b1, n.W2.data, n.b2];
  parts(a).forEach((p, i) => assert.ok(sameBytes(p, parts(b)[i]), `part ${i} differs`));
  assert.ok(!sameBytes(a.W1.data, c.W1.data));
});

test('trainMlp learns 2000 npm digits to > 0.85 held-out accuracy', () => {
  const data = loadNpmMnistDigits(0);
  const X = sliceRows(data.trainImages, 0, 2000);
  const y = data.trainLabels.subarray(0, 2000);
  const calls: number[] = [];
  const net = trainMlp(X, y, {
    hidden: 64, epochs: 4, batchSize: 32, learningRate: 2e-3, seed: 0,
    onProgress: (done, total) => { calls.push(done); assert.equal(total, 4 * 63); },
  });
  assert.equal(calls.length, 4 * 63);
  assert.equal(calls[calls.length - 1], 4 * 63);
  assert.equal(net.W1.rows, 784);
  assert.equal(net.W1.cols, 64);
  assert.equal(net.W2.rows, 64);
  assert.equal(net.W2.cols, 10);
  const H = hiddenActivations(net, data.testImages);
  assert.equal(H.rows, 2000);
  assert.equal(H.cols, 64);
  assert.ok(H.data.every((v) => v >= 0));
  const acc = accuracy(logits(net, H), data.testLabels);
  assert.ok(acc > 0.85, `held-out accuracy ${acc}`);
});
