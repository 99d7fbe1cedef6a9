/**
 * Tests of the .npy reader and writer. The fixtures are built by hand here (header text and
 * payload bytes written explicitly) so the tests need neither Python nor numpy.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  BadInputFileError, InvalidArgumentError, MaddnessError, ShapeMismatchError,
} from '../../src/core/errors.js';
import {
  encodeNpy, encodeNpyTyped, npyToMatrix, parseNpy, readNpyMatrix, writeNpyMatrix,
} from '../../src/core/io/npy.js';
import type { Matrix } from '../../src/core/matrix.js';

// ---------------------------------------------------------------------------------------------
// Fixture builders

type Kind = 'f4' | 'f8' | 'i4' | 'i8' | 'u1';

/** Packs numbers into the bytes of one dtype with the given byte order. */
function pack(kind: Kind, values: readonly number[], littleEndian = true): Uint8Array {
  const size = { f4: 4, f8: 8, i4: 4, i8: 8, u1: 1 }[kind];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    const at = i * size;
    if (kind === 'f4') view.setFloat32(at, v, littleEndian);
    else if (kind === 'f8') view.setFloat64(at, v, littleEndian);
    else if (kind === 'i4') view.setInt32(at, v, littleEndian);
    else if (kind === 'i8') view.setBigInt64(at, BigInt(v), littleEndian);
    else view.setUint8(at, v);
  });
  return out;
}

/** Python's repr of a shape tuple. */
function tuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

interface FileSpec {
  descr?: string;
  shape?: readonly number[];
  fortran?: boolean;
  /** Replaces the whole header dict text when given. */
  header?: string;
  version?: 1 | 2 | 3;
  payload: Uint8Array;
}

/** Writes a .npy file byte by byte: magic, version, header length, padded header, payload. */
function npyFile(spec: FileSpec): Uint8Array {
  const version = spec.version ?? 1;
  const dict = spec.header ?? `{'descr': '${spec.descr}', 'fortran_order': ` +
    `${spec.fortran ? 'True' : 'False'}, 'shape': ${tuple(spec.shape ?? [])}, }`;
  const preamble = version === 1 ? 10 : 12;
  const text = new TextEncoder().encode(dict);
  const padding = (64 - ((preamble + text.length + 1) % 64)) % 64;
  const headerLength = text.length + padding + 1;
  const out = new Uint8Array(preamble + headerLength + spec.payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  out.set(text, preamble);
  out.fill(0x20, preamble + text.length, preamble + headerLength - 1);
  out[preamble + headerLength - 1] = 0x0a;
  out.set(spec.payload, preamble + headerLength);
  return out;
}

/** The raw bytes of a typed array, so NaN and -0 compare exactly. */
function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function assertBadInput(fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof BadInputFileError, `expected BadInputFileError, got ${err}`);
    if (message) assert.match(err.message, message);
    return true;
  });
}

const VALUES_2x3 = [1, -2, 3, 4, 5, -6];

const scratch = mkdtempSync(join(tmpdir(), 'maddness-npy-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------

describe('encodeNpy and parseNpy', () => {
  test('round-trips a float32 matrix exactly, including -0, infinities and NaN', () => {
    const data = Float32Array.from([0, -0, 1.5, -1e-30, Infinity, -Infinity, NaN, 3.4e38, 7]);
    const m: Matrix = { rows: 3, cols: 3, data };
    const back = npyToMatrix(parseNpy(encodeNpy(m)), 'm');
    assert.equal(back.rows, 3);
    assert.equal(back.cols, 3);
    assert.deepEqual(bytesOf(back.data), bytesOf(data));
  });

  test('round-trips empty and single-element matrices', () => {
    for (const [rows, cols] of [[0, 3], [3, 0], [0, 0], [1, 1]]) {
      const m: Matrix = { rows, cols, data: Float32Array.from({ length: rows * cols }, () => 2) };
      const arr = parseNpy(encodeNpy(m));
      assert.deepEqual(arr.shape, [rows, cols]);
      const back = npyToMatrix(arr, 'm');
      assert.deepEqual([back.rows, back.cols], [rows, cols]);
      assert.deepEqual(Array.from(back.data), Array.from(m.data));
    }
  });

  test('writes the version 1.0 header numpy writes, with the data 64-byte aligned', () => {
    const bytes = encodeNpy({ rows: 2, cols: 3, data: Float32Array.from(VALUES_2x3) });
    assert.deepEqual(Array.from(bytes.subarray(0, 8)), [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8] | (bytes[9] << 8);
    const dataStart = 10 + headerLength;
    assert.equal(dataStart % 64, 0);
    assert.equal(bytes.length, dataStart + 6 * 4);
    const header = String.fromCharCode(...bytes.subarray(10, dataStart));
    // The exact text np.save produces for a (2, 3) float32 array.
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    assert.equal(header, dict + ' '.repeat(headerLength - dict.length - 1) + '\n');
    assert.equal(headerLength, 118);
    assert.deepEqual(bytes.subarray(dataStart), pack('f4', VALUES_2x3));
  });

  test('encodeNpy throws for a malformed matrix', () => {
    const bad = { rows: 2, cols: 2, data: new Float32Array(3) };
    assert.throws(() => encodeNpy(bad), ShapeMismatchError);
    assert.throws(() => encodeNpy({ rows: 1, cols: 1, data: [1] } as unknown as Matrix),
      InvalidArgumentError);
  });

  test('encodeNpyTyped round-trips every supported typed array', () => {
    const cases = [
      Float32Array.from([1.25, -2, 3]),
      Float64Array.from([Math.PI, -1e300, 5e-324]),
      Int32Array.from([-(2 ** 31), 0, 2 ** 31 - 1]),
      Uint8Array.from([0, 128, 255]),
      BigInt64Array.from([-(2n ** 63n), 0n, 2n ** 63n - 1n]),
    ];
    for (const data of cases) {
      const arr = parseNpy(encodeNpyTyped([3], data));
      assert.equal(arr.data.constructor, data.constructor);
      assert.deepEqual(arr.shape, [3]);
      assert.deepEqual(bytesOf(arr.data), bytesOf(data));
    }
  });

  test('encodeNpyTyped writes 0-d and 3-d shapes', () => {
    const scalar = parseNpy(encodeNpyTyped([], Float64Array.from([2.5])));
    assert.deepEqual(scalar.shape, []);
    assert.deepEqual(Array.from(scalar.data as Float64Array), [2.5]);
    const cube = parseNpy(encodeNpyTyped([2, 1, 3], Int32Array.from([1, 2, 3, 4, 5, 6])));
    assert.deepEqual(cube.shape, [2, 1, 3]);
    assert.deepEqual(Array.from(cube.data as Int32Array), [1, 2, 3, 4, 5, 6]);
  });

  test('encodeNpyTyped rejects a shape that does not fit the data', () => {
    assert.throws(() => encodeNpyTyped([2, 2], new Float32Array(3)), ShapeMismatchError);
    assert.throws(() => encodeNpyTyped([-1], new Float32Array(0)), InvalidArgumentError);
    assert.throws(() => encodeNpyTyped([1.5], new Float32Array(1)), InvalidArgumentError);
    assert.throws(() => encodeNpyTyped([2], new Int16Array(2) as unknown as Int32Array),
      InvalidArgumentError);
  });
});

describe('parseNpy dtypes and layouts', () => {
  const expected = {
    f4: { descr: '<f4', ctor: Float32Array, dtype: 'float32' },
    f8: { descr: '<f8', ctor: Float64Array, dtype: 'float64' },
    i4: { descr: '<i4', ctor: Int32Array, dtype: 'int32' },
    i8: { descr: '<i8', ctor: BigInt64Array, dtype: 'int64' },
    u1: { descr: '|u1', ctor: Uint8Array, dtype: 'uint8' },
  } as const;
  const values = (kind: Kind): number[] =>
    kind === 'u1' ? [1, 2, 3, 4, 5, 250] : VALUES_2x3;

  for (const kind of Object.keys(expected) as Kind[]) {
    const { descr, ctor, dtype } = expected[kind];
    test(`reads little-endian ${descr} into a ${ctor.name} and a float32 matrix`, () => {
      const arr = parseNpy(npyFile({ descr, shape: [2, 3], payload: pack(kind, values(kind)) }));
      assert.equal(arr.dtype, dtype);
      assert.ok(arr.data instanceof ctor);
      assert.deepEqual(arr.shape, [2, 3]);
      assert.deepEqual(Array.from(arr.data, Number), values(kind));
      const m = npyToMatrix(arr, 'x');
      assert.deepEqual([m.rows, m.cols], [2, 3]);
      assert.ok(m.data instanceof Float32Array);
      assert.deepEqual(Array.from(m.data), values(kind));
    });
  }

  for (const kind of ['f4', 'f8', 'i4', 'i8'] as const) {
    const descr = '>' + kind;
    test(`reads big-endian ${descr} by swapping into native order`, () => {
      const payload = pack(kind, VALUES_2x3, false);
      const arr = parseNpy(npyFile({ descr, shape: [2, 3], payload }));
      assert.equal(arr.dtype, expected[kind].dtype);
      assert.ok(arr.data instanceof expected[kind].ctor);
      assert.deepEqual(Array.from(arr.data, Number), VALUES_2x3);
    });
  }

  test('reads a 2×3 Fortran-order float64 array into the right C-order matrix', () => {
    // The C-order matrix [[1, 2, 3], [4, 5, 6]] stored column by column.
    const payload = pack('f8', [1, 4, 2, 5, 3, 6]);
    const arr = parseNpy(npyFile({ descr: '<f8', shape: [2, 3], fortran: true, payload }));
    assert.deepEqual(arr.shape, [2, 3]);
    assert.deepEqual(Array.from(arr.data as Float64Array), [1, 2, 3, 4, 5, 6]);
    const m = npyToMatrix(arr, 'x');
    assert.deepEqual([m.rows, m.cols], [2, 3]);
    assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6]);
  });

  test('reads a big-endian Fortran-order int64 array in C order', () => {
    const payload = pack('i8', [1, 4, 2, 5, 3, 6], false);
    const arr = parseNpy(npyFile({ descr: '>i8', shape: [2, 3], fortran: true, payload }));
    assert.deepEqual(Array.from(arr.data, Number), [1, 2, 3, 4, 5, 6]);
  });

  test('reads a 3-d Fortran-order uint8 array in C order', () => {
    // C-order value at (i, j, k) of shape (2, 3, 4) is 12i + 4j + k; Fortran stores i fastest.
    const fortran: number[] = [];
    for (let k = 0; k < 4; k++) {
      for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) fortran.push(12 * i + 4 * j + k);
    }
    const arr = parseNpy(npyFile({
      descr: '|u1', shape: [2, 3, 4], fortran: true, payload: Uint8Array.from(fortran),
    }));
    assert.deepEqual(arr.shape, [2, 3, 4]);
    assert.deepEqual(Array.from(arr.data as Uint8Array), Array.from({ length: 24 }, (_, i) => i));
  });

  test('Fortran order is the same as C order for 1-d arrays', () => {
    const arr = parseNpy(npyFile({ descr: '<i4', shape: [4], fortran: true,
      payload: pack('i4', [7, 8, 9, 10]) }));
    assert.deepEqual(Array.from(arr.data as Int32Array), [7, 8, 9, 10]);
  });

  test('reads version 2.0 and 3.0 headers', () => {
    for (const version of [2, 3] as const) {
      const arr = parseNpy(npyFile({ version, descr: '<f4', shape: [2, 3],
        payload: pack('f4', VALUES_2x3) }));
      assert.deepEqual(arr.shape, [2, 3]);
      assert.deepEqual(Array.from(arr.data as Float32Array), VALUES_2x3);
    }
  });

  test('reads a payload that is unaligned inside a larger buffer, without sharing memory', () => {
    const file = npyFile({ descr: '<f8', shape: [2, 3], payload: pack('f8', VALUES_2x3) });
    const big = new Uint8Array(file.length + 3);
    big.set(file, 1);
    const view = big.subarray(1, 1 + file.length);
    const before = Uint8Array.from(view);
    const arr = parseNpy(view);
    assert.deepEqual(Array.from(arr.data as Float64Array), VALUES_2x3);
    assert.notEqual(arr.data.buffer, big.buffer);
    assert.deepEqual(view, before);
  });

  test('accepts double quotes, no trailing comma and Python 2 long integers', () => {
    const header = '{"descr": "<i4", "shape": (2L, 3L), "fortran_order": False}';
    const arr = parseNpy(npyFile({ header, payload: pack('i4', VALUES_2x3) }));
    assert.deepEqual(arr.shape, [2, 3]);
  });

  test('reads 0-d arrays and zero-size arrays', () => {
    const scalar = parseNpy(npyFile({ descr: '<f8', shape: [], payload: pack('f8', [4.5]) }));
    assert.deepEqual(scalar.shape, []);
    assert.deepEqual(Array.from(scalar.data as Float64Array), [4.5]);
    const empty = parseNpy(npyFile({ descr: '<f4', shape: [0, 5], payload: new Uint8Array(0) }));
    assert.deepEqual(empty.shape, [0, 5]);
    assert.equal(empty.data.length, 0);
  });
});

describe('parseNpy on damaged or foreign files', () => {
  const good = npyFile({ descr: '<f4', shape: [2, 3], payload: pack('f4', VALUES_2x3) });
  const goodV2 = npyFile({ version: 2, descr: '<f8', shape: [3], payload: pack('f8', [1, 2, 3]) });

  test('throws BadInputFileError for a file truncated at any byte position', () => {
    for (const file of [good, goodV2]) {
      for (let end = 0; end < file.length; end++) {
        assertBadInput(() => parseNpy(file.subarray(0, end), 'cut.npy'), /cut\.npy/);
      }
    }
  });

  test('the error for a cut in the data says the file is truncated', () => {
    assertBadInput(() => parseNpy(good.subarray(0, good.length - 4)),
      /shape \(2, 3\) of float32 needs 24 data bytes but 20 follow.*truncated/);
  });

  test('throws BadInputFileError when the header lies about its size', () => {
    const trueLength = good[8] | (good[9] << 8);
    for (const delta of [-100, -64, -17, -2, -1, 1, 2, 4, 24, 64, 1000, 65535 - trueLength]) {
      const liar = Uint8Array.from(good);
      new DataView(liar.buffer).setUint16(8, trueLength + delta, true);
      assertBadInput(() => parseNpy(liar), undefined);
    }
    const liarV2 = Uint8Array.from(goodV2);
    new DataView(liarV2.buffer).setUint32(8, 0xffffffff, true);
    assertBadInput(() => parseNpy(liarV2), /header claims 4294967295 bytes/);
  });

  test('throws BadInputFileError when the shape does not match the payload length', () => {
    assertBadInput(() => parseNpy(npyFile({ descr: '<f4', shape: [3, 4],
      payload: new Uint8Array(44) })), /shape \(3, 4\) of float32 needs 48 data bytes but 44/);
    assertBadInput(() => parseNpy(npyFile({ descr: '<f4', shape: [3, 4],
      payload: new Uint8Array(52) })), /trailing bytes/);
    assertBadInput(() => parseNpy(npyFile({ descr: '<f8', shape: [2 ** 40, 2 ** 20],
      payload: new Uint8Array(8) })), /too large/);
  });

  test('throws BadInputFileError for bad magic', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    assertBadInput(() => parseNpy(png, 'img.png'), /img\.png: not a \.npy file/);
    const almost = Uint8Array.from(good);
    almost[5] = 0x5a; // "\x93NUMPZ"
    assertBadInput(() => parseNpy(almost), /not a \.npy file/);
    assertBadInput(() => parseNpy(Uint8Array.from([0x00])), /not a \.npy file/);
    assertBadInput(() => parseNpy(new Uint8Array(0)), /truncated/);
  });

  test('throws BadInputFileError for an unknown format version', () => {
    for (const [major, minor] of [[4, 0], [1, 1], [0, 0]]) {
      const file = Uint8Array.from(good);
      file[6] = major;
      file[7] = minor;
      assertBadInput(() => parseNpy(file), new RegExp(`version ${major}\\.${minor}`));
    }
  });

  test('throws BadInputFileError for header dicts that cannot be parsed', () => {
    const headers = [
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ",
      "{'descr': '<f4', 'fortran_order': false, 'shape': (2, 3), }",
      "{'descr': '<f4' 'fortran_order': False, 'shape': (2, 3), }",
      "{'descr': '<f4, 'fortran_order': False, 'shape': (2, 3), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2.0, 3), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } x",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'shape': (2, 3)}",
      "{descr: '<f4', 'fortran_order': False, 'shape': (2, 3), }",
      "__import__('os').system('true')",
      "",
      '('.repeat(5000),
    ];
    for (const header of headers) {
      assertBadInput(() => parseNpy(npyFile({ header, payload: pack('f4', VALUES_2x3) })),
        /cannot parse the \.npy header/);
    }
  });

  test('throws BadInputFileError for well-formed headers with wrong content', () => {
    const cases: [string, RegExp][] = [
      ['[1, 2]', /not a dict/],
      ["{'descr': '<f4', 'shape': (2, 3)}", /exactly the keys/],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", /exactly the keys/],
      ["{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}", /'fortran_order' must be/],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3)}", /'shape' must be/],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': 6}", /'shape' must be/],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': ('2', 3)}", /'shape' must be/],
    ];
    for (const [header, message] of cases) {
      assertBadInput(() => parseNpy(npyFile({ header, payload: pack('f4', VALUES_2x3) })),
        message);
    }
  });

  test('throws BadInputFileError naming an unsupported dtype', () => {
    for (const descr of ['<c8', '|O', '<U5', '<f2', '|b1', '<u4', '|i1', 'constructor']) {
      assertBadInput(() => parseNpy(npyFile({ descr, shape: [2], payload: new Uint8Array(8) })),
        new RegExp(`unsupported dtype '${descr.replace(/[|<>]/g, '\\$&')}'`));
    }
    const header = "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, " +
      "'shape': (2,), }";
    assertBadInput(() => parseNpy(npyFile({ header, payload: new Uint8Array(16) })),
      /unsupported structured dtype \[\('a', '<f4'\), \('b', '<i4'\)\]/);
  });

  test('a corrupted header byte gives a BadInputFileError or a valid array, never a crash', () => {
    const headerEnd = 10 + (good[8] | (good[9] << 8));
    for (let at = 0; at < headerEnd; at++) {
      for (const value of [0x00, 0x0a, 0x20, 0x27, 0x28, 0x29, 0x2c, 0x7b, 0xff, good[at] + 1]) {
        const file = Uint8Array.from(good);
        file[at] = value;
        try {
          const arr = parseNpy(file);
          assert.equal(arr.data.length, arr.shape.reduce((a, b) => a * b, 1));
        } catch (err) {
          assert.ok(err instanceof BadInputFileError, `byte ${at} = ${value}: ${err}`);
        }
      }
    }
  });
});

describe('npyToMatrix', () => {
  test('turns a 1-d array of n values into an n×1 matrix', () => {
    const m = npyToMatrix(parseNpy(npyFile({ descr: '<i4', shape: [4],
      payload: pack('i4', [1, 2, 3, 4]) })), 'labels');
    assert.deepEqual([m.rows, m.cols], [4, 1]);
    assert.deepEqual(Array.from(m.data), [1, 2, 3, 4]);
  });

  test('throws InvalidArgumentError naming the argument and shape for 0-d and 3-d arrays', () => {
    const scalar = parseNpy(npyFile({ descr: '<f4', shape: [], payload: pack('f4', [1]) }));
    const cube = parseNpy(npyFile({ descr: '|u1', shape: [2, 1, 2], payload: new Uint8Array(4) }));
    for (const [arr, shown] of [[scalar, '[]'], [cube, '[2,1,2]']] as const) {
      assert.throws(() => npyToMatrix(arr, 'train'), (err: unknown) => {
        assert.ok(err instanceof InvalidArgumentError);
        assert.match(err.message, /'train'/);
        assert.ok(err.message.includes(shown), err.message);
        return true;
      });
    }
  });

  test('throws for a hand-built array whose shape or data length is inconsistent', () => {
    assert.throws(() => npyToMatrix({ shape: [2.5, 2], dtype: 'uint8',
      data: new Uint8Array(5) }, 'x'), InvalidArgumentError);
    assert.throws(() => npyToMatrix({ shape: [2, 2], dtype: 'uint8',
      data: new Uint8Array(5) }, 'x'), ShapeMismatchError);
  });

  test('converts int64 values up to 2^53 and rejects larger magnitudes', () => {
    const limit = 2n ** 53n;
    const ok = npyToMatrix({ shape: [2], dtype: 'int64', data: BigInt64Array.from([limit,
      -limit]) }, 'x');
    assert.deepEqual(Array.from(ok.data), [2 ** 53, -(2 ** 53)]);
    for (const v of [limit + 1n, -limit - 1n, 2n ** 63n - 1n]) {
      assert.throws(() => npyToMatrix({ shape: [1, 1], dtype: 'int64',
        data: BigInt64Array.from([v]) }, 'x'), InvalidArgumentError);
    }
  });

  test('rejects finite float64 values too large for float32 but keeps infinities and NaN', () => {
    assert.throws(() => npyToMatrix({ shape: [1, 2], dtype: 'float64',
      data: Float64Array.from([1, 1e300]) }, 'x'), /float64 values must fit in float32/);
    const m = npyToMatrix({ shape: [3], dtype: 'float64',
      data: Float64Array.from([Infinity, -Infinity, NaN]) }, 'x');
    assert.deepEqual(Array.from(m.data), [Infinity, -Infinity, NaN]);
  });
});

describe('readNpyMatrix and writeNpyMatrix', () => {
  test('a matrix written to disk reads back equal', () => {
    const path = join(scratch, 'a.npy');
    const m: Matrix = { rows: 4, cols: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    writeNpyMatrix(path, m);
    const back = readNpyMatrix(path);
    assert.deepEqual([back.rows, back.cols], [4, 2]);
    assert.deepEqual(back.data, m.data);
    assert.deepEqual(readdirSync(scratch).filter((n) => n.endsWith('.tmp')), []);
  });

  test('throws BadInputFileError naming the path of a missing file', () => {
    const path = join(scratch, 'missing.npy');
    assertBadInput(() => readNpyMatrix(path), /missing\.npy: no such file/);
  });

  test('throws BadInputFileError for a directory instead of a file', () => {
    const dir = join(scratch, 'dir.npy');
    mkdirSync(dir);
    assertBadInput(() => readNpyMatrix(dir), /cannot be read/);
  });

  test('names the argument in shape errors of a file', () => {
    const path = join(scratch, 'cube.npy');
    writeFileSync(path, encodeNpyTyped([1, 1, 1], Float32Array.from([1])));
    assert.throws(() => readNpyMatrix(path, 'queries'), (err: unknown) => {
      assert.ok(err instanceof InvalidArgumentError);
      assert.match(err.message, /'queries': must be a 1-D or 2-D array; received \[1,1,1\]/);
      return true;
    });
  });

  test('all errors are MaddnessErrors with a stable code', () => {
    try {
      parseNpy(new Uint8Array(3));
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(err instanceof MaddnessError);
      assert.equal(err.code, 'BAD_INPUT_FILE');
    }
  });
});
