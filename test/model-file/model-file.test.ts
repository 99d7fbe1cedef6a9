/**
 * Tests of the model file: exact round trips, and refusal of every kind of damaged, foreign or
 * newer file with BAD_MODEL_FILE. Models are trained on small seeded synthetic data; damaged
 * files are built by editing real model bytes, with the CRC-32 recomputed where a test must
 * reach a check that lies behind the checksum.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { crc32 } from '../../src/core/crc32.js';
import { BadModelFileError, MaddnessError } from '../../src/core/errors.js';
import { encodeNpy } from '../../src/core/io/npy.js';
import type { Matrix } from '../../src/core/matrix.js';
import { Rng } from '../../src/core/rng.js';
import { mixRows, normalRows } from '../helpers/random.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import {
  decodeModel, encodeModel, FORMAT_VERSION, loadModel, saveModel,
} from '../../src/methods/maddness/model-file.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

const D = 24;
const N = 300;

const normal = normalRows;

/** Rows with a rank-4 structure plus a little noise, like real activations. */
function activations(rng: Rng, rows: number): Matrix {
  const z = normal(rng, rows, 4);
  const w = normal(rng, 4, D);
  return mixRows(rng, z, w);
}

interface Fixture {
  name: string;
  C: number;
  M: number | null;
  lutWork: number;
  model: MaddnessModel;
  bytes: Uint8Array;
}

const rng = new Rng(20240611);
const trainA = activations(rng, N);
/** Fixed input of the multiply comparisons: 37 rows, not a multiple of the 16-row block. */
const testA = activations(rng, 37);
const configs: { C: number; M: number | null; lutWork: number; lambda: number; seed: number }[] = [
  { C: 1, M: 1, lutWork: 1, lambda: 1, seed: 0 },
  { C: 3, M: 5, lutWork: 2, lambda: 0.5, seed: 7 },
  { C: 8, M: 5, lutWork: -1, lambda: 1, seed: 3 },
  { C: 8, M: 1, lutWork: 2, lambda: 2, seed: -5 },
  { C: 3, M: null, lutWork: -1, lambda: 1, seed: 11 },
];
const fixtures: Fixture[] = configs.map(({ C, M, lutWork, lambda, seed }) => {
  const model = MaddnessModel.fit(trainA, { codebooks: C, lutWork, lambda, seed });
  if (M !== null) model.setB(normal(rng, D, M));
  const name = `C = ${C}, M = ${M ?? 'none (fit only)'}, lutWork = ${lutWork}`;
  return { name, C, M, lutWork, model, bytes: encodeModel(model) };
});
const withB = fixtures.filter((f) => f.M !== null);
const small = fixtures[0];
const fitOnly = fixtures[4];
/** C = 3, M = 5: odd C (padding tables), several columns. */
const medium = fixtures[1];

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-model-file-test-'));
  tempDirs.push(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Byte surgery

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;
const DTYPE_BYTES: Record<string, number> = { i32: 4, f32: 4, i8: 1, u8: 1 };

/** A copy of `bytes` with the trailing CRC-32 recomputed over everything before it. */
function withCrc(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  if (out.length >= 4) {
    const view = new DataView(out.buffer);
    view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  }
  return out;
}

function headerLength(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12, true);
}

function readHeader(bytes: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder().decode(bytes.subarray(16, 16 + headerLength(bytes)));
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * A copy with the JSON header rewritten by `edit`, space-padded to the same byte length (so
 * nothing after it moves), and the CRC recomputed.
 */
function editHeader(bytes: Uint8Array, edit: (h: Record<string, unknown>) => void): Uint8Array {
  const h = readHeader(bytes);
  edit(h);
  const length = headerLength(bytes);
  const json = new TextEncoder().encode(JSON.stringify(h));
  assert.ok(json.length <= length, 'the edited header must fit in the old one');
  const out = Uint8Array.from(bytes);
  out.fill(0x20, 16, 16 + length);
  out.set(json, 16);
  return withCrc(out);
}

/** Byte offset of section `name` in the file, from the header's own section list. */
function sectionOffset(bytes: Uint8Array, name: string): number {
  const sections = readHeader(bytes).sections as [string, string, number][];
  let at = 16 + headerLength(bytes);
  for (const [section, dtype, length] of sections) {
    if (section === name) return at;
    at += pad8(length * DTYPE_BYTES[dtype]);
  }
  throw new Error(`no section ${name}`);
}

/** A copy with a float32 of section `name` at `index` replaced, and the CRC recomputed. */
function setF32(bytes: Uint8Array, name: string, index: number, value: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  new DataView(out.buffer).setFloat32(sectionOffset(out, name) + 4 * index, value, true);
  return withCrc(out);
}

function setI32(bytes: Uint8Array, name: string, index: number, value: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  new DataView(out.buffer).setInt32(sectionOffset(out, name) + 4 * index, value, true);
  return withCrc(out);
}

// ---------------------------------------------------------------------------------------------
// Assertions

/** The error `fn` throws, which must be a BadModelFileError with code BAD_MODEL_FILE. */
function refusal(fn: () => unknown): BadModelFileError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, 'expected the model file to be refused');
  assert.ok(thrown instanceof BadModelFileError,
    `expected a BadModelFileError, got ${String(thrown)}`);
  assert.equal(thrown.code, 'BAD_MODEL_FILE');
  return thrown;
}

/** Asserts that decoding `bytes` fails with BAD_MODEL_FILE and a message matching `word`. */
function assertRefused(bytes: Uint8Array, word: RegExp): void {
  const error = refusal(() => decodeModel(bytes));
  assert.match(error.message, word);
}

/** Same float32 bit patterns, not merely equal values. */
function assertBitIdentical(actual: Matrix, expected: Matrix): void {
  assert.equal(actual.rows, expected.rows);
  assert.equal(actual.cols, expected.cols);
  const a = new Uint8Array(actual.data.buffer, actual.data.byteOffset, actual.data.byteLength);
  const e = new Uint8Array(expected.data.buffer, expected.data.byteOffset,
    expected.data.byteLength);
  assert.ok(Buffer.from(a).equals(Buffer.from(e)), 'outputs differ in at least one bit');
}

// ---------------------------------------------------------------------------------------------
// Round trips

describe('model file round trip', () => {
  for (const f of withB) {
    test(`decodes to bit-identical products and info (${f.name})`, () => {
      const loaded = decodeModel(f.bytes);
      for (const exactSum of [false, true]) {
        assertBitIdentical(loaded.multiply(testA, { exactSum }),
          f.model.multiply(testA, { exactSum }));
      }
      assert.deepEqual(loaded.info(), f.model.info());
      assert.deepEqual(loaded.encode(testA), f.model.encode(testA));
    });
  }

  test('encodes a decoded model to the very same bytes', () => {
    for (const f of fixtures) {
      assert.deepEqual(encodeModel(decodeModel(f.bytes)), f.bytes, f.name);
    }
  });

  test('records the shapes and hyperparameters in info()', () => {
    const f = medium;
    assert.deepEqual(decodeModel(f.bytes).info(), {
      method: 'maddness', N_train: N, D, M: 5, C: 3, L: 2, lambda: 0.5, seed: 7,
      objective: 'reconstruct', encoderFittedForB: null, formatVersion: FORMAT_VERSION,
    });
  });

  test('round-trips a model without B, which still needs setB before multiply', () => {
    const loaded = decodeModel(fitOnly.bytes);
    assert.equal(loaded.info().M, null);
    assert.deepEqual(loaded.info(), fitOnly.model.info());
    assert.throws(() => loaded.multiply(testA), { code: 'NOT_FITTED' });
    assert.deepEqual(loaded.encode(testA), fitOnly.model.encode(testA));
    const B = normal(new Rng(99), D, 4);
    const original = MaddnessModel.fit(trainA, { codebooks: 3, lutWork: -1, seed: 11 }).setB(B);
    loaded.setB(B);
    for (const exactSum of [false, true]) {
      assertBitIdentical(loaded.multiply(testA, { exactSum }),
        original.multiply(testA, { exactSum }));
    }
  });

  test('decodes from an unaligned view into a larger buffer', () => {
    const f = medium;
    const big = new Uint8Array(f.bytes.length + 11);
    big.set(f.bytes, 3);
    const loaded = decodeModel(big.subarray(3, 3 + f.bytes.length));
    assertBitIdentical(loaded.multiply(testA), f.model.multiply(testA));
  });

  test('saveModel then loadModel through a real file gives the same model', () => {
    const dir = tempDir();
    for (const [i, f] of fixtures.entries()) {
      const path = join(dir, `model-${i}.model`);
      saveModel(f.model, path);
      assert.deepEqual(new Uint8Array(readFileSync(path)), f.bytes, f.name);
      const loaded = loadModel(path);
      assert.deepEqual(loaded.info(), f.model.info());
      if (f.M !== null) {
        for (const exactSum of [false, true]) {
          assertBitIdentical(loaded.multiply(testA, { exactSum }),
            f.model.multiply(testA, { exactSum }));
        }
      }
    }
    // Atomic writes leave no temporary file behind.
    assert.deepEqual(readdirSync(dir).sort(), fixtures.map((_, i) => `model-${i}.model`).sort());
  });

  test('saveModel replaces an existing file', () => {
    const dir = tempDir();
    const path = join(dir, 'm.model');
    writeFileSync(path, 'old content');
    saveModel(medium.model, path);
    assert.deepEqual(new Uint8Array(readFileSync(path)), medium.bytes);
  });

  test('refuses a missing file with BAD_MODEL_FILE naming the path', () => {
    const path = join(tempDir(), 'nope.model');
    const error = refusal(() => loadModel(path));
    assert.match(error.message, /cannot be read/);
    assert.ok(error.message.includes(path));
  });
});

// ---------------------------------------------------------------------------------------------
// Damage

describe('model file damage', () => {
  for (const f of [small, medium, fitOnly]) {
    test(`refuses a model truncated at any byte with BAD_MODEL_FILE (${f.name})`, () => {
      for (let length = 0; length < f.bytes.length; length++) {
        const error = refusal(() => decodeModel(f.bytes.subarray(0, length)));
        assert.match(error.message, /too short|checksum/, `length ${length}`);
      }
    });
  }

  test('refuses a truncated file read from disk with BAD_MODEL_FILE', () => {
    const path = join(tempDir(), 'cut.model');
    writeFileSync(path, medium.bytes.subarray(0, medium.bytes.length - 1));
    const error = refusal(() => loadModel(path));
    assert.ok(error.message.includes(path));
  });

  test('refuses a model with any single bit flipped, for every bit of a small model', () => {
    const bytes = Uint8Array.from(small.bytes);
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        bytes[i] ^= 1 << bit;
        const error = refusal(() => decodeModel(bytes));
        assert.match(error.message, /magic|version|checksum/, `byte ${i}, bit ${bit}`);
        bytes[i] ^= 1 << bit;
      }
    }
    assert.deepEqual(bytes, small.bytes);
  });

  test('refuses a flipped bit at every byte of the larger models', () => {
    let positions = 0;
    for (const f of [medium, fixtures[2], fitOnly]) {
      const bytes = Uint8Array.from(f.bytes);
      // Every byte: header, each section, padding and the checksum; the bit varies.
      for (let i = 0; i < bytes.length; i++) {
        const bit = (i * 5) % 8;
        bytes[i] ^= 1 << bit;
        refusal(() => decodeModel(bytes));
        bytes[i] ^= 1 << bit;
        positions++;
      }
    }
    assert.ok(positions > 5000, `only ${positions} positions`);
  });

  test('refuses a wrong magic with a message about the magic bytes', () => {
    const bytes = Uint8Array.from(medium.bytes);
    bytes[7] = 'X'.charCodeAt(0);
    assertRefused(withCrc(bytes), /magic/);
    assertRefused(withCrc(Uint8Array.from(medium.bytes).fill(0, 0, 8)), /magic/);
  });

  test('refuses a newer format version even with a valid checksum', () => {
    for (const version of [FORMAT_VERSION + 1, 0xffffffff]) {
      const bytes = Uint8Array.from(medium.bytes);
      new DataView(bytes.buffer).setUint32(8, version, true);
      const error = refusal(() => decodeModel(withCrc(bytes)));
      assert.match(error.message, /newer/);
      assert.ok(error.message.includes(String(version)));
    }
  });

  test('refuses format version 0 even with a valid checksum', () => {
    const bytes = Uint8Array.from(medium.bytes);
    new DataView(bytes.buffer).setUint32(8, 0, true);
    assertRefused(withCrc(bytes), /does not exist/);
  });

  test('refuses a wrong checksum over intact content', () => {
    const bytes = Uint8Array.from(medium.bytes);
    bytes[bytes.length - 1] ^= 0x80;
    assertRefused(bytes, /checksum/);
  });

  test('refuses a header length that runs past the end of the file', () => {
    const bytes = Uint8Array.from(medium.bytes);
    new DataView(bytes.buffer).setUint32(12, bytes.length, true);
    assertRefused(withCrc(bytes), /exceeds/);
  });

  test('refuses a header that is not JSON or not a maddness header', () => {
    const bytes = Uint8Array.from(medium.bytes);
    bytes[16] = '['.charCodeAt(0);
    assertRefused(withCrc(bytes), /JSON/);
    assertRefused(editHeader(medium.bytes, (h) => {
      h.method = 'bolt';
    }), /does not describe/);
  });

  test('refuses a D that disagrees with the section list', () => {
    const bytes = editHeader(medium.bytes, (h) => {
      h.D = D + 1;
    });
    assertRefused(bytes, /section list/);
  });

  test('refuses a D whose sections agree but whose payload is too short for it', () => {
    // C = 3: prototypes hold 16·3·D values; 24 → 25 changes 1152 to 1200, same length.
    const bytes = editHeader(medium.bytes, (h) => {
      h.D = D + 1;
      const sections = h.sections as [string, string, number][];
      for (const s of sections) if (s[0] === 'prototypes') s[2] = 16 * 3 * (D + 1);
    });
    assertRefused(bytes, /imply/);
  });

  test('refuses an M that disagrees with the section list', () => {
    assertRefused(editHeader(medium.bytes, (h) => {
      h.M = 6;
    }), /section list/);
    assertRefused(editHeader(medium.bytes, (h) => {
      h.M = 50;
    }), /section list/);
  });

  test('refuses M = null with sections for no B but a payload that holds tables', () => {
    const bytes = editHeader(medium.bytes, (h) => {
      h.M = null;
      h.sections = (h.sections as [string, string, number][]).slice(0, 6);
    });
    assertRefused(bytes, /imply/);
  });

  for (const M of [4, 6]) {
    test(`refuses M = ${M} with matching sections but a payload made for M = 5`, () => {
      const bytes = editHeader(medium.bytes, (h) => {
        h.M = M;
        const sections = h.sections as [string, string, number][];
        for (const s of sections) {
          if (s[0] === 'luts') s[2] = M * 4 * 16;
          if (s[0] === 'invScale' || s[0] === 'shiftAvg' || s[0] === 'shiftExact') s[2] = M;
        }
      });
      assertRefused(bytes, /imply/);
    });
  }

  test('refuses header fields out of range', () => {
    const cases: [(h: Record<string, unknown>) => void, RegExp][] = [
      [(h) => { h.C = D + 1; }, /field C/],
      [(h) => { h.C = 0; }, /field C/],
      [(h) => { h.D = 0; }, /field D/],
      [(h) => { h.D = 2.5; }, /field D/],
      [(h) => { h.M = 0; }, /field M/],
      [(h) => { h.M = '5'; }, /field M/],
      [(h) => { h.lutWork = 0; }, /lutWork/],
      [(h) => { h.lambda = -1; }, /lambda/],
      [(h) => { h.nTrain = 0; }, /nTrain/],
      [(h) => { h.Cs = 8; }, /Cs/],
    ];
    for (const [edit, word] of cases) assertRefused(editHeader(medium.bytes, edit), word);
  });

  test('refuses NaN in a prototype even with a valid checksum', () => {
    for (const index of [0, 16 * 3 * D - 1]) {
      assertRefused(setF32(medium.bytes, 'prototypes', index, NaN), /prototypes.*non-finite/);
    }
    assertRefused(setF32(fitOnly.bytes, 'prototypes', 5, Infinity), /prototypes/);
  });

  test('refuses NaN or a non-power of two in an encoder scale', () => {
    assertRefused(setF32(medium.bytes, 'scales', 0, NaN), /scale.*power of two/);
    assertRefused(setF32(medium.bytes, 'scales', 11, 3), /scale 11 = 3 .*power of two/);
    assertRefused(setF32(medium.bytes, 'scales', 1, -2), /power of two/);
    assertRefused(setF32(medium.bytes, 'scales', 1, 0), /power of two/);
  });

  test('refuses a non-finite encoder offset', () => {
    assertRefused(setF32(medium.bytes, 'offsets', 2, -Infinity), /offset 2 is not finite/);
  });

  test('refuses NaN, zero or a negative number in a table scale', () => {
    for (const value of [NaN, 0, -1, Infinity]) {
      assertRefused(setF32(medium.bytes, 'invScale', 4, value), /table scale/);
    }
  });

  test('refuses NaN in a table offset of either scan', () => {
    assertRefused(setF32(medium.bytes, 'shiftAvg', 0, NaN), /table offset/);
    assertRefused(setF32(medium.bytes, 'shiftExact', 4, Infinity), /table offset/);
  });

  test('refuses block boundaries or split dims that do not match D and C', () => {
    assertRefused(setI32(medium.bytes, 'starts', 1, 9), /block boundaries/);
    // Codebook 0 owns columns [0, 8) of D = 24 with C = 3.
    assertRefused(setI32(medium.bytes, 'dims', 0, 8), /outside its block/);
    assertRefused(setI32(medium.bytes, 'dims', 5, -1), /outside its block/);
  });

  test('refuses a non-zero padding table', () => {
    // C = 3 pads to Cs = 4: the table of codebook 3 of each column must be zero.
    const bytes = Uint8Array.from(medium.bytes);
    bytes[sectionOffset(bytes, 'luts') + 3 * 16 + 7] = 1;
    assertRefused(withCrc(bytes), /padding/);
  });

  test('refuses files that are not models at all', () => {
    const npy = encodeNpy(testA);
    assertRefused(npy, /magic/);
    assertRefused(new Uint8Array(0), /too short/);
    assertRefused(new TextEncoder().encode('{"method": "maddness", "D": 24, "C": 3}\n'), /magic/);
    const dir = tempDir();
    const path = join(dir, 'A.npy');
    writeFileSync(path, npy);
    assert.match(refusal(() => loadModel(path)).message, /magic/);
    assert.match(refusal(() => loadModel(dir)).message, /cannot be read/);
  });
});

// ---------------------------------------------------------------------------------------------
// Random mutations

type Mutation =
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: null; count: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number };

/** A position as a fraction of the file, or within the first 200 bytes (magic and header). */
const position = fc.oneof(
  // Unbiased: fast-check otherwise favours the ends of the range, i.e. the first bytes.
  fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((x) => ({ x: x / 1e6, head: false })),
  fc.integer({ min: 0, max: 199 }).map((x) => ({ x, head: true })),
);
/** Random bytes, or bytes that keep JSON and numbers plausible. */
const payload = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 8 }),
  fc.array(fc.constantFrom(...' 0123456789-.,:"[]{}en\t'.split('')), { minLength: 1, maxLength: 4 })
    .map((chars) => new TextEncoder().encode(chars.join(''))),
);
const mutation: fc.Arbitrary<{ p: { x: number; head: boolean }; m: (at: number) => Mutation }> =
  fc.oneof(
    fc.record({ p: position, b: payload }).map(({ p, b }) => ({
      p, m: (at: number): Mutation => ({ kind: 'overwrite', at, bytes: b }),
    })),
    // Overwriting bytes with themselves: the no-op that must decode to the very same model.
    fc.record({ p: position, count: fc.integer({ min: 1, max: 8 }) }).map(({ p, count }) => ({
      p, m: (at: number): Mutation => ({ kind: 'overwrite', at, bytes: null, count }),
    })),
    fc.record({ p: position, b: payload }).map(({ p, b }) => ({
      p, m: (at: number): Mutation => ({ kind: 'insert', at, bytes: b }),
    })),
    fc.record({ p: position, count: fc.integer({ min: 1, max: 16 }) }).map(({ p, count }) => ({
      p, m: (at: number): Mutation => ({ kind: 'delete', at, count }),
    })),
    position.map((p) => ({ p, m: (at: number): Mutation => ({ kind: 'truncate', at }) })),
  );

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'overwrite': {
      const out = Uint8Array.from(bytes);
      const src = m.bytes ?? bytes.slice(m.at, m.at + m.count);
      out.set(src.subarray(0, Math.max(0, out.length - m.at)), m.at);
      return out;
    }
    case 'insert': {
      const out = new Uint8Array(bytes.length + m.bytes.length);
      out.set(bytes.subarray(0, m.at), 0);
      out.set(m.bytes, m.at);
      out.set(bytes.subarray(m.at), m.at + m.bytes.length);
      return out;
    }
    case 'delete': {
      const out = new Uint8Array(Math.max(m.at, bytes.length - m.count));
      out.set(bytes.subarray(0, m.at), 0);
      out.set(bytes.subarray(m.at + m.count), m.at);
      return out;
    }
    case 'truncate':
      return bytes.slice(0, m.at);
  }
}

describe('model file random mutations', () => {
  test('refuses a mutated model with BAD_MODEL_FILE unless the mutation keeps it valid', () => {
    const expected = withB.map((f) => f.model.multiply(testA));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: withB.length - 1 }), mutation, fc.boolean(),
        (which, { p, m }, recomputeCrc) => {
          const original = withB[which].bytes;
          const at = p.head ? Math.min(p.x, original.length - 1) :
            Math.floor(p.x * original.length);
          const mutated = apply(original, m(at));
          const bytes = recomputeCrc && mutated.length >= 20 ? withCrc(mutated) : mutated;
          let model: MaddnessModel;
          try {
            model = decodeModel(bytes);
          } catch (error) {
            assert.ok(error instanceof MaddnessError, `not a MaddnessError: ${String(error)}`);
            assert.equal(error.code, 'BAD_MODEL_FILE');
            return;
          }
          const sameBytes = Buffer.from(bytes).equals(Buffer.from(original));
          // Without a fresh CRC only a no-op mutation can get through the checksum. With one,
          // an edit of payload values that are valid whatever they hold (threshold bytes, table
          // bytes, finite floats) is a different but well-formed model: it must still decode
          // to a model of the same shape that multiplies without error.
          if (!recomputeCrc) assert.ok(sameBytes, 'a changed file passed the checksum');
          const Y = model.multiply(testA);
          assert.equal(Y.rows, testA.rows);
          assert.equal(Y.cols, expected[which].cols);
          assert.ok(Y.data.every(Number.isFinite), 'non-finite product from an accepted file');
          if (sameBytes) assertBitIdentical(Y, expected[which]);
        },
      ),
      { numRuns: 300, seed: 0x5eed },
    );
  });
});
