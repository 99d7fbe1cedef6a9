/**
 * Tests of the IDX reader: hand-made files of every element type, damaged files, and the real
 * Fashion-MNIST test set when the shared data folder is present.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BadInputFileError } from '../../src/core/errors.js';
import { parseIdx, readIdx } from '../../src/core/io/idx.js';

// This file runs as dist/test/io/idx.test.js, so the project root is three levels up.
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = resolve(projectRoot, '../shared/data');

type Kind = 'u8' | 'i8' | 'i16' | 'i32' | 'f32' | 'f64';
const TYPE_BYTE: Record<Kind, number> = { u8: 8, i8: 9, i16: 11, i32: 12, f32: 13, f64: 14 };
const SIZE: Record<Kind, number> = { u8: 1, i8: 1, i16: 2, i32: 4, f32: 4, f64: 8 };

/** Writes an IDX file byte by byte: magic, sizes and data, all big-endian. */
function idxFile(kind: Kind, shape: readonly number[], values: readonly number[]): Uint8Array {
  const dataStart = 4 + 4 * shape.length;
  const out = new Uint8Array(dataStart + values.length * SIZE[kind]);
  const view = new DataView(out.buffer);
  out.set([0, 0, TYPE_BYTE[kind], shape.length]);
  shape.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  values.forEach((v, i) => {
    const at = dataStart + i * SIZE[kind];
    if (kind === 'u8') view.setUint8(at, v);
    else if (kind === 'i8') view.setInt8(at, v);
    else if (kind === 'i16') view.setInt16(at, v, false);
    else if (kind === 'i32') view.setInt32(at, v, false);
    else if (kind === 'f32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  });
  return out;
}

function assertBadInput(fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof BadInputFileError, `expected BadInputFileError, got ${err}`);
    if (message) assert.match(err.message, message);
    return true;
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'maddness-idx-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('parseIdx on hand-made files', () => {
  const cases: [Kind, Function, number[]][] = [
    ['u8', Uint8Array, [0, 1, 127, 128, 254, 255]],
    ['i8', Int8Array, [-128, -1, 0, 1, 100, 127]],
    ['i16', Int16Array, [-32768, -2, 0, 3, 258, 32767]],
    ['i32', Int32Array, [-(2 ** 31), -70000, 0, 1, 65536, 2 ** 31 - 1]],
    ['f32', Float32Array, [-1.5, 0, 0.25, 3, 2 ** 100, -Infinity]],
    ['f64', Float64Array, [Math.PI, -1e300, 0, 5e-324, 2, NaN]],
  ];
  for (const [kind, ctor, values] of cases) {
    test(`reads an uncompressed 2×3 ${kind} file into a ${ctor.name}`, () => {
      const arr = parseIdx(idxFile(kind, [2, 3], values));
      assert.deepEqual(arr.shape, [2, 3]);
      assert.ok(arr.data instanceof ctor);
      assert.deepEqual(Array.from(arr.data), values);
    });
  }

  test('reads a gzip-compressed file the same as the plain one', () => {
    const plain = idxFile('i16', [3, 1, 2], [1, -2, 3, -4, 5, -6]);
    const fromGzip = parseIdx(gzipSync(plain));
    assert.deepEqual(fromGzip, parseIdx(plain));
    assert.deepEqual(fromGzip.shape, [3, 1, 2]);
  });

  test('reads a payload that is unaligned inside a larger buffer', () => {
    const file = idxFile('f64', [2], [1.25, -8]);
    const big = new Uint8Array(file.length + 1);
    big.set(file, 1);
    const arr = parseIdx(big.subarray(1));
    assert.deepEqual(Array.from(arr.data), [1.25, -8]);
    assert.notEqual(arr.data.buffer, big.buffer);
  });

  test('reads a file with a zero size', () => {
    const arr = parseIdx(idxFile('u8', [0, 28, 28], []));
    assert.deepEqual(arr.shape, [0, 28, 28]);
    assert.equal(arr.data.length, 0);
  });
});

describe('parseIdx on damaged or foreign files', () => {
  const good = idxFile('i32', [2, 2], [1, 2, 3, 4]);

  test('throws BadInputFileError for a file truncated at any byte position', () => {
    for (let end = 0; end < good.length; end++) {
      assertBadInput(() => parseIdx(good.subarray(0, end), 'cut.idx'), /cut\.idx/);
    }
    assertBadInput(() => parseIdx(good.subarray(0, good.length - 1)),
      /need 16 data bytes but 15 follow the header \(file is truncated\)/);
  });

  test('throws BadInputFileError for truncated gzip data', () => {
    const zipped = gzipSync(good);
    for (const end of [2, 10, zipped.length - 5, zipped.length - 1]) {
      assertBadInput(() => parseIdx(zipped.subarray(0, end), 'cut.gz'), /cut\.gz/);
    }
  });

  test('throws BadInputFileError for bad magic and unknown type bytes', () => {
    const pngLike = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    assertBadInput(() => parseIdx(pngLike), /not an IDX file/);
    const badType = Uint8Array.from(good);
    badType[2] = 0x0a;
    assertBadInput(() => parseIdx(badType), /unknown IDX type byte 0x0a/);
  });

  test('throws BadInputFileError when the sizes do not match the data length', () => {
    const extra = new Uint8Array(good.length + 4);
    extra.set(good);
    assertBadInput(() => parseIdx(extra), /trailing bytes/);
    const lying = Uint8Array.from(good);
    new DataView(lying.buffer).setUint32(4, 0xffffffff, false);
    assertBadInput(() => parseIdx(lying), /sizes \[4294967295, 2\]/);
    const zeroDims = Uint8Array.from([0, 0, 8, 0]);
    assertBadInput(() => parseIdx(zeroDims), /zero dimensions/);
  });

  test('readIdx throws BadInputFileError naming a missing path', () => {
    assertBadInput(() => readIdx(join(scratch, 'nope-idx1-ubyte')),
      /nope-idx1-ubyte: no such file/);
  });

  test('readIdx reads a small file from disk', () => {
    const path = join(scratch, 'small-idx2-ubyte');
    writeFileSync(path, idxFile('u8', [2, 2], [9, 8, 7, 6]));
    assert.deepEqual(readIdx(path), { shape: [2, 2], data: Uint8Array.from([9, 8, 7, 6]) });
  });
});

describe('readIdx on the real Fashion-MNIST files', () => {
  const skip = existsSync(dataDir) ? false :
    `optional test data ${dataDir} is absent (see "Tests" in the README)`;

  test('reads the gzip test images as [10000, 28, 28] and labels 0..9', { skip }, () => {
    const images = readIdx(join(dataDir, 'fashion-mnist', 't10k-images-idx3-ubyte.gz'));
    assert.deepEqual(images.shape, [10000, 28, 28]);
    assert.ok(images.data instanceof Uint8Array);
    assert.equal(images.data.length, 10000 * 28 * 28);

    const labels = readIdx(join(dataDir, 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'));
    assert.deepEqual(labels.shape, [10000]);
    assert.ok(labels.data instanceof Uint8Array);
    const counts = new Array<number>(10).fill(0);
    for (const label of labels.data) {
      assert.ok(label >= 0 && label <= 9, `label ${label} out of range`);
      counts[label]++;
    }
    // The Fashion-MNIST test set has exactly 1000 images of each class.
    assert.deepEqual(counts, new Array(10).fill(1000));
  });
});
