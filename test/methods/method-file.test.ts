/** The model file of the non-MADDNESS methods: round trip, and refusal of damaged headers. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { writeFrame } from '../../src/core/io/container.js';
import { FORMAT_VERSION } from '../../src/methods/maddness/format.js';
import { MaddnessMethod } from '../../src/methods/maddness/method.js';
import {
  decodeMethod, encodeMethod, loadMethod, saveMethod,
} from '../../src/methods/method-file.js';
import { createMethod } from '../../src/methods/registry.js';
import { gaussian } from '../helpers/random.js';

const A = gaussian(300, 12, 1);
const B = gaussian(12, 3, 2);
const exact = createMethod('exact').fit(A).prepare(B);

/** A file whose header is `header` and whose body is `body`, framed and checksummed. */
function framed(header: object, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  return writeFrame(FORMAT_VERSION, header, body.length, (_v, bytes, at) => bytes.set(body, at));
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof MaddnessError, String(error));
    return `${error.code}: ${error.message}`;
  }
  return 'no error';
}

test('exact: save, load and multiply give identical outputs; unprepared too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-method-file-'));
  try {
    saveMethod(exact, join(dir, 'e.model'));
    const loaded = loadMethod(join(dir, 'e.model'));
    assert.deepEqual(loaded.multiply(A).data, exact.multiply(A).data);
    assert.deepEqual(readFileSync(join(dir, 'e.model')), Buffer.from(encodeMethod(loaded)));
    const bare = decodeMethod(encodeMethod(createMethod('exact').fit(A)));
    assert.equal(bare.M, null);
    assert.match(code(() => bare.multiply(A)), /^NOT_FITTED/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('maddness goes through its own layout and comes back as the same method', () => {
  const m = createMethod('maddness', { codebooks: 4 }).fit(A, B).prepare(B);
  const loaded = decodeMethod(encodeMethod(m));
  assert.ok(loaded instanceof MaddnessMethod);
  assert.deepEqual(loaded.multiply(A).data, m.multiply(A).data);
  assert.equal(loaded.params.codebooks, 4);
  assert.match(code(() => encodeMethod(createMethod('maddness'))), /^NOT_FITTED/);
});

test('refuses unknown methods, bad params, bad array lists and wrong lengths', () => {
  const base = { method: 'exact', params: {}, D: 12, M: 3, nTrain: 300 };
  const body = new Uint8Array(8 * 18);
  const good = framed({ ...base, arrays: [['B', 'f32', 36]] }, body);
  assert.equal(decodeMethod(good).M, 3);
  const cases: [object, Uint8Array, RegExp][] = [
    [{ ...base, method: 'nonesuch', arrays: [] }, body, /not one this library knows/],
    [{ ...base, method: 7, arrays: [] }, body, /no method name/],
    [{ ...base, params: { d: 3 }, arrays: [['B', 'f32', 36]] }, body, /params.*not a parameter/],
    [{ ...base, D: 0, arrays: [['B', 'f32', 36]] }, body, /field D/],
    [{ ...base, nTrain: -1, arrays: [['B', 'f32', 36]] }, body, /field nTrain/],
    [{ ...base, arrays: 'B' }, body, /not a list/],
    [{ ...base, arrays: [['B', 'f16', 36]] }, body, /not \[name, dtype, length\]/],
    [{ ...base, arrays: [['B', 'f32', -1]] }, body, /not \[name, dtype, length\]/],
    [{ ...base, arrays: [['B', 'f32', 40]] }, body, /runs past the file/],
    [{ ...base, arrays: [['B', 'f32', 30]] }, body, /the header's arrays imply/],
    [{ ...base, arrays: [['B', 'f32', 18], ['B', 'f32', 18]] }, body, /appears twice/],
    [{ ...base, arrays: [['B', 'i32', 36]] }, body, /not Float32Array/],
    [{ ...base, arrays: [['C', 'f32', 36]] }, body, /array B is missing/],
    [{ ...base, M: 4, arrays: [['B', 'f32', 36]] }, body, /shapes imply 48/],
  ];
  for (const [header, bytes, message] of cases) {
    const result = code(() => decodeMethod(framed(header, bytes)));
    assert.match(result, /^BAD_MODEL_FILE/, JSON.stringify(header));
    assert.match(result, message, JSON.stringify(header));
  }
  const nan = new Uint8Array(body);
  new DataView(nan.buffer).setFloat32(20, NaN, true);
  assert.match(code(() => decodeMethod(framed({ ...base, arrays: [['B', 'f32', 36]] }, nan))),
    /non-finite/);
});

test('a missing file is a bad model file naming the path', () => {
  assert.match(code(() => loadMethod('/nonexistent/x.model')), /BAD_MODEL_FILE.*x\.model/);
  const dir = mkdtempSync(join(tmpdir(), 'maddness-method-file-'));
  try {
    writeFileSync(join(dir, 'junk.model'), 'not a model at all, just some text here');
    assert.match(code(() => loadMethod(join(dir, 'junk.model'))), /magic/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
