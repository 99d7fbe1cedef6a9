/**
 * Inputs that are finite but extreme, and calls that are well-formed but wrong, across the
 * method interface: each gets a typed error naming its argument, and nothing half-done stays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';
import { DataFreeMaddness } from '../../src/methods/maddness/data-free-method.js';
import { decodeMethod, encodeMethod, loadMethod } from '../../src/methods/method-file.js';
import { createMethod, methodSpecs } from '../../src/methods/registry.js';
import { gaussian } from '../helpers/random.js';

function refusal(fn: () => unknown): { code: string; argument: unknown } {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof MaddnessError, `not a MaddnessError: ${String(error)}`);
    return { code: error.code, argument: error.details.argument };
  }
  return { code: 'no error', argument: undefined };
}

function scaled(m: Matrix, k: number): Matrix {
  return { ...m, data: m.data.map((v) => v * k) };
}

/** Every entry ±3e38: finite float32 values whose products overflow. */
function extreme(m: Matrix): Matrix {
  return { ...m, data: m.data.map((v) => (v < 0 ? -3e38 : 3e38)) };
}

const A = gaussian(300, 16, 1);
const B = gaussian(16, 5, 2);

test('a finite B too large for float32 products is refused at prepare, naming B', () => {
  const huge = extreme(B);
  for (const spec of methodSpecs()) {
    const params = spec.budget === 'd' ? { d: 4 } : spec.budget === 'codebooks'
      ? { codebooks: 4 } : {};
    const m = spec.create(params).fit(A, B).prepare(B);
    const r = refusal(() => m.prepare(huge));
    if (r.code === 'no error') {
      // The few that can carry such a B must still save a model that loads.
      assert.doesNotThrow(() => decodeMethod(encodeMethod(m)), spec.name);
      continue;
    }
    assert.deepEqual(r, { code: 'INVALID_ARGUMENT', argument: 'B' }, spec.name);
    // Either the refused B left the old one in place (MADDNESS checks before it changes its
    // tables) or the method is unprepared; never tables of the refused B.
    const after = refusal(() => m.multiply(A));
    assert.ok(after.code === 'no error' || after.code === 'NOT_FITTED', spec.name);
    if (after.code === 'no error') assert.equal(m.M, B.cols, spec.name);
  }
});

test('training rows too large for the fitted state are refused at fit or prepare', () => {
  const hugeA = scaled(A, 2e20);
  for (const name of ['opq', 'sparse-pca']) {
    const m = createMethod(name, name === 'opq' ? { codebooks: 4 } : { d: 4 });
    const r = refusal(() => m.fit(hugeA, B).prepare(B));
    if (r.code === 'no error') {
      const Y = m.prepare(B).multiply(gaussian(3, 16, 3));
      assert.ok(Y.data.every(Number.isFinite), name);
    } else {
      // OPQ's rotation overflows at fit; SparsePCA's offset row only when B is prepared.
      assert.equal(r.code, 'INVALID_ARGUMENT', name);
      assert.ok(r.argument === 'A' || r.argument === 'B', name);
    }
  }
});

test('maddness keeps exactSum and refinePasses through its model file', () => {
  const m = createMethod('maddness', { codebooks: 4, exactSum: true, refinePasses: 1 })
    .fit(A, B).prepare(B);
  const loaded = decodeMethod(encodeMethod(m));
  assert.equal(loaded.params.exactSum, true);
  assert.equal(loaded.params.refinePasses, 1);
  const Q = gaussian(50, 16, 4);
  assert.deepEqual(loaded.multiply(Q).data, m.multiply(Q).data);
});

test('observe is whole or nothing; too-large rows are named as the rows', () => {
  const m = DataFreeMaddness.fromB(B, { codebooks: 4 });
  const Q = gaussian(20, 16, 5);
  const before = m.multiply(Q).data;
  const bytes = encodeMethod(m);
  const r = refusal(() => m.observe(extreme(gaussian(50, 16, 3))));
  assert.deepEqual(r, { code: 'INVALID_ARGUMENT', argument: 'rows' });
  assert.equal(m.calibrationRows, 0);
  assert.deepEqual(m.multiply(Q).data, before);
  assert.deepEqual(encodeMethod(m), bytes);
});

test('fromB checks its options object and the range of mean and variance', () => {
  assert.equal(refusal(() => DataFreeMaddness.fromB(B, null as never)).code, 'INVALID_ARGUMENT');
  assert.equal(refusal(() => DataFreeMaddness.fromB(B, 5 as never)).code, 'INVALID_ARGUMENT');
  const r = refusal(() => DataFreeMaddness.fromB(B, { mean: new Array(16).fill(1e39) }));
  assert.deepEqual(r, { code: 'INVALID_ARGUMENT', argument: 'mean[0]' });
  const v = refusal(() => DataFreeMaddness.fromB(B, { variance: new Array(16).fill(1e300) }));
  assert.deepEqual(v, { code: 'INVALID_ARGUMENT', argument: 'variance[0]' });
});

test('model-file entry points check their arguments', () => {
  assert.equal(refusal(() => encodeMethod(null as never)).code, 'INVALID_ARGUMENT');
  assert.equal(refusal(() => loadMethod(0 as never)).argument, 'path');
  assert.equal(refusal(() => loadMethod(undefined as never)).argument, 'path');
});

test('state() hands out copies; extra arrays in a file are refused', () => {
  const m = createMethod('rp-gauss', { d: 4 }).fit(A).prepare(B);
  const Q = gaussian(5, 16, 6);
  const before = m.multiply(Q).data;
  for (const a of Object.values(m.state().arrays)) a.fill(0);
  assert.deepEqual(m.multiply(Q).data, before);
  const s = m.state();
  const spec = methodSpecs().find((x) => x.name === 'rp-gauss');
  assert.ok(spec?.restore);
  assert.doesNotThrow(() => spec.restore?.(s, 'test'));
});

test('parameters must be a plain object; inherited values are not read', () => {
  assert.equal(refusal(() => createMethod('pq', Object.create({ codebooks: 99 }))).code,
    'INVALID_ARGUMENT');
  assert.equal(refusal(() => createMethod('pq', new Map() as never)).code, 'INVALID_ARGUMENT');
  assert.equal(createMethod('pq', Object.assign(Object.create(null), { codebooks: 4 }))
    .params.codebooks, 4);
});
