/**
 * Reading IDX files, the format of MNIST and Fashion-MNIST. A file is: two zero bytes, a type
 * byte, a dimension-count byte, one big-endian u32 size per dimension, then the elements in
 * C order, big-endian. Gzip-compressed files (as the data sets are distributed) are
 * decompressed transparently.
 * @module
 */
import { checkBytes, readInputFile, swapBytes } from './bytes.js';
import { gunzipSync } from 'node:zlib';
import { BadInputFileError } from '../errors.js';

/** Typed-array storage for the IDX element types. */
export type IdxData =
  | Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** An n-dimensional array read from an IDX file, in C order with native byte order. */
export interface IdxArray {
  /** Size of each axis, e.g. [10000, 28, 28] for an images file, [10000] for labels. */
  shape: number[];
  /** Uint8Array for type 0x08, Int8Array 0x09, Int16Array 0x0B, Int32Array 0x0C,
   * Float32Array 0x0D, Float64Array 0x0E. */
  data: IdxData;
}

interface IdxType {
  name: string;
  itemSize: number;
  make: (buffer: ArrayBuffer) => IdxData;
}

const TYPES: Readonly<Record<number, IdxType>> = {
  0x08: { name: 'u8', itemSize: 1, make: (b) => new Uint8Array(b) },
  0x09: { name: 'i8', itemSize: 1, make: (b) => new Int8Array(b) },
  0x0b: { name: 'i16', itemSize: 2, make: (b) => new Int16Array(b) },
  0x0c: { name: 'i32', itemSize: 4, make: (b) => new Int32Array(b) },
  0x0d: { name: 'f32', itemSize: 4, make: (b) => new Float32Array(b) },
  0x0e: { name: 'f64', itemSize: 8, make: (b) => new Float64Array(b) },
};

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Parses the bytes of an IDX file, gzip-compressed or not.
 * @param bytes the whole file; any view (a Node Buffer, an unaligned subarray); it is not
 *   modified and the result does not share memory with it
 * @param source name used in error messages, usually the file path
 * @returns the shape and the elements in C order, converted to native byte order
 * @throws BadInputFileError on corrupt gzip data, bad magic, an unknown type byte, zero
 *   dimensions, a truncated header, or a data length that does not match the sizes
 * @example
 * const { shape, data } = parseIdx(readFileSync('t10k-labels-idx1-ubyte.gz'));
 */
export function parseIdx(bytes: Uint8Array, source = '<buffer>'): IdxArray {
  const fail = (problem: string): never => {
    throw new BadInputFileError(source, problem);
  };
  checkBytes(bytes);
  let plain = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      plain = gunzipSync(bytes);
    } catch (err) {
      fail(`corrupt or truncated gzip data (${(err as Error).message})`);
    }
  }
  if (plain.length < 4) {
    fail(`file is truncated: ${plain.length} bytes, shorter than the 4-byte IDX magic`);
  }
  if (plain[0] !== 0 || plain[1] !== 0) {
    fail('not an IDX file (it does not start with two zero bytes)');
  }
  const type = Object.hasOwn(TYPES, plain[2]) ? TYPES[plain[2]] : undefined;
  if (type === undefined) {
    return fail(`unknown IDX type byte 0x${plain[2].toString(16).padStart(2, '0')} ` +
      '(supported: 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64)');
  }
  const ndim = plain[3];
  if (ndim === 0) fail('the IDX header declares zero dimensions');
  const dataStart = 4 + 4 * ndim;
  if (plain.length < dataStart) {
    fail(`file is truncated: the header declares ${ndim} dimensions, which needs ` +
      `${dataStart} bytes, but the file has ${plain.length}`);
  }
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const shape: number[] = [];
  for (let k = 0; k < ndim; k++) shape.push(view.getUint32(4 + 4 * k, false));
  const byteCount = shape.reduce((a, b) => a * b, 1) * type.itemSize;
  const available = plain.length - dataStart;
  // A size over 2^53 cannot match any real buffer, so the comparison also rejects it.
  if (available !== byteCount) {
    fail(`sizes [${shape.join(', ')}] of ${type.name} need ${byteCount} data bytes but ` +
      `${available} follow the header (${available < byteCount ? 'file is truncated' :
        'trailing bytes'})`);
  }
  // A fresh buffer aligns the data for the typed array and detaches it from the input.
  const raw = new Uint8Array(byteCount);
  raw.set(plain.subarray(dataStart));
  if (type.itemSize > 1 && HOST_LITTLE_ENDIAN) swapBytes(raw, type.itemSize);
  return { shape, data: type.make(raw.buffer) };
}

/**
 * Reads an IDX file, gzip-compressed or not (e.g. `t10k-images-idx3-ubyte.gz`).
 * @param path file path
 * @returns the shape and the elements in C order with native byte order
 * @throws BadInputFileError when the file is missing or unreadable, or is not a valid IDX file
 */
export function readIdx(path: string): IdxArray {
  return parseIdx(readInputFile(path), path);
}

