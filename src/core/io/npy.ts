/**
 * Reading and writing NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
 *
 * A file is: the magic `\x93NUMPY`, a major and a minor version byte, a little-endian header
 * length (u16 for 1.0, u32 for 2.0 and 3.0), a header that is a Python dict literal naming
 * `descr`, `fortran_order` and `shape`, then the raw array data. The header is parsed by a
 * small hand-written parser because it comes from the file and must never be evaluated.
 * Every length is checked against the buffer before it is used, so a damaged file gives a
 * BadInputFileError and never a wrong array.
 * @module
 */
import { checkBytes, readInputFile, swapBytes } from './bytes.js';
import { BadInputFileError, InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { checkMatrix, type Matrix } from '../matrix.js';
import { writeFileAtomic } from './atomic-write.js';

/** Element types this reader supports, named after their NumPy dtype. */
export type NpyDtype = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8';

/** Typed-array storage for each supported dtype. */
export type NpyData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;

/** An n-dimensional array read from a .npy file, always in C (row-major) order. */
export interface NpyArray {
  /** Size of each axis; `[]` for a 0-d array. */
  shape: number[];
  dtype: NpyDtype;
  /** The elements in C order, native byte order: Float32Array for 'float32', and so on. */
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const PREAMBLE_V1 = 10; // magic (6) + version (2) + u16 header length
const PREAMBLE_V2 = 12; // magic (6) + version (2) + u32 header length
/** numpy aligns the start of the data to this many bytes so the file can be memory-mapped. */
const ARRAY_ALIGN = 64;
/** numpy leaves room for a 21-digit leading axis so the header can grow in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** Nesting deeper than this is no real header, and recursion must stay bounded. */
const MAX_LITERAL_DEPTH = 32;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface DtypeInfo {
  dtype: NpyDtype;
  itemSize: number;
  littleEndian: boolean;
}

/** The accepted `descr` strings; one-byte types have no byte order, so any prefix is fine. */
const DESCRS: Readonly<Record<string, DtypeInfo>> = {
  '<f4': { dtype: 'float32', itemSize: 4, littleEndian: true },
  '>f4': { dtype: 'float32', itemSize: 4, littleEndian: false },
  '<f8': { dtype: 'float64', itemSize: 8, littleEndian: true },
  '>f8': { dtype: 'float64', itemSize: 8, littleEndian: false },
  '<i4': { dtype: 'int32', itemSize: 4, littleEndian: true },
  '>i4': { dtype: 'int32', itemSize: 4, littleEndian: false },
  '<i8': { dtype: 'int64', itemSize: 8, littleEndian: true },
  '>i8': { dtype: 'int64', itemSize: 8, littleEndian: false },
  '|u1': { dtype: 'uint8', itemSize: 1, littleEndian: true },
  '<u1': { dtype: 'uint8', itemSize: 1, littleEndian: true },
  '>u1': { dtype: 'uint8', itemSize: 1, littleEndian: true },
};
const SUPPORTED_TEXT = "'<f4', '<f8', '<i4', '<i8', '|u1' and the big-endian '>f4', '>f8', " +
  "'>i4', '>i8'";

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Parses the bytes of a .npy file.
 * @param bytes the whole file; may be any view (a Node Buffer, an unaligned subarray); it is
 *   not modified and the result does not share memory with it
 * @param source name used in error messages, usually the file path
 * @returns the array in C order with native byte order, whatever the file's order
 * @throws BadInputFileError on bad magic, an unknown format version, a truncated file, a header
 *   that is not a valid dict literal or lies about its length, an unsupported dtype, or a shape
 *   whose size does not match the data length
 * @example
 * const arr = parseNpy(readFileSync('x.npy'), 'x.npy'); // arr.shape, arr.dtype, arr.data
 */
export function parseNpy(bytes: Uint8Array, source = '<buffer>'): NpyArray {
  const fail = (problem: string): never => {
    throw new BadInputFileError(source, problem);
  };
  checkBytes(bytes);
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) {
    if (bytes[i] !== MAGIC[i]) fail('not a .npy file (it does not start with "\\x93NUMPY")');
  }
  if (bytes.length < PREAMBLE_V1) {
    fail(`file is truncated: ${bytes.length} bytes, shorter than the .npy preamble`);
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    fail(`unsupported .npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = PREAMBLE_V1;
    headerLength = view.getUint16(8, true);
  } else {
    if (bytes.length < PREAMBLE_V2) {
      fail(`file is truncated: ${bytes.length} bytes, shorter than the .npy preamble`);
    }
    headerStart = PREAMBLE_V2;
    headerLength = view.getUint32(8, true);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) {
    fail(`file is truncated or its header length is wrong: the header claims ${headerLength} ` +
      `bytes but only ${bytes.length - headerStart} follow the preamble`);
  }
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const header = major === 3 ? decodeUtf8(headerBytes, fail) : decodeLatin1(headerBytes);
  const { info, fortranOrder, shape } = readHeader(header, fail);

  const count = shape.reduce((a, b) => a * b, 1);
  const byteCount = count * info.itemSize;
  if (!Number.isSafeInteger(byteCount)) fail(`shape ${showShape(shape)} is too large`);
  const available = bytes.length - dataStart;
  if (available !== byteCount) {
    fail(`shape ${showShape(shape)} of ${info.dtype} needs ${byteCount} data bytes but ` +
      `${available} follow the header (${available < byteCount ? 'file is truncated' :
        'trailing bytes'}, or the header length is wrong)`);
  }

  // A fresh buffer makes the data aligned for the typed array and detaches it from the input.
  const raw = new Uint8Array(byteCount);
  raw.set(bytes.subarray(dataStart, dataStart + byteCount));
  if (info.itemSize > 1 && info.littleEndian !== HOST_LITTLE_ENDIAN) {
    swapBytes(raw, info.itemSize);
  }
  const ordered = fortranOrder ? fortranToC(raw, info.itemSize, shape) : raw;
  return { shape, dtype: info.dtype, data: viewAs(info.dtype, ordered.buffer) };
}

/**
 * Converts a 1-D or 2-D array to a float32 Matrix.
 * @param arr an array from parseNpy; a shape (n,) becomes an n×1 matrix
 * @param argument name used in error messages
 * @returns a rows × cols float32 row-major matrix; for float32 input it shares `arr.data`
 * @throws InvalidArgumentError when the array is 0-d or has three or more axes, when a shape
 *   entry is not an integer ≥ 0, when an int64 value exceeds 2^53 in magnitude (beyond that it
 *   has no exact double and would be rounded twice), or when a finite float64 value is too
 *   large for float32
 * @throws ShapeMismatchError when `arr.data.length` is not the product of `arr.shape`
 */
export function npyToMatrix(arr: NpyArray, argument: string): Matrix {
  if (arr === null || typeof arr !== 'object' || !Array.isArray(arr.shape)) {
    throw new InvalidArgumentError(argument, 'must be an array read by parseNpy',
      arr === null ? null : typeof arr);
  }
  const { shape } = arr;
  if (shape.length !== 1 && shape.length !== 2) {
    throw new InvalidArgumentError(argument, 'must be a 1-D or 2-D array', shape);
  }
  // Arrays from parseNpy always pass; this guards hand-built ones.
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new InvalidArgumentError(argument, 'shape entries must be integers ≥ 0', shape);
  }
  const rows = shape[0];
  const cols = shape.length === 2 ? shape[1] : 1;
  const { data } = arr;
  if (data.length !== rows * cols) {
    throw new ShapeMismatchError(argument, `${rows * cols} values for shape ${showShape(shape)}`,
      `${data.length} values`);
  }
  if (data instanceof Float32Array) return { rows, cols, data };
  const out = new Float32Array(data.length);
  if (data instanceof BigInt64Array) {
    const limit = 2n ** 53n;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v > limit || v < -limit) {
        throw new InvalidArgumentError(argument,
          `int64 values must be at most 2^53 in magnitude to convert to float32 (index ${i})`, v);
      }
      out[i] = Number(v);
    }
  } else if (data instanceof Float64Array) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      out[i] = v;
      const f = out[i];
      // Silently turning a huge finite value into Infinity would corrupt later arithmetic.
      if (f - f !== 0 && v - v === 0) {
        throw new InvalidArgumentError(argument,
          `float64 values must fit in float32 (index ${i})`, v);
      }
    }
  } else {
    out.set(data);
  }
  return { rows, cols, data: out };
}

/**
 * Reads a 1-D or 2-D .npy file as a float32 Matrix.
 * @param path file path
 * @param argument name used in shape and conversion errors; defaults to the path
 * @returns a rows × cols float32 row-major matrix (a 1-D file of n values gives n×1)
 * @throws BadInputFileError when the file is missing or unreadable, or is not a valid .npy file
 * @throws InvalidArgumentError when the array is not 1-D or 2-D or its values do not convert
 */
export function readNpyMatrix(path: string, argument: string = path): Matrix {
  return npyToMatrix(parseNpy(readInputFile(path), path), argument);
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Encodes a matrix as a version 1.0 .npy file of little-endian float32 in C order, with the
 * header numpy itself writes (byte-identical to `np.save`).
 * @param m a rows × cols float32 row-major matrix
 * @returns the file's bytes; the data starts at a multiple of 64 bytes
 * @throws InvalidArgumentError or ShapeMismatchError when `m` is not a well-formed Matrix
 */
export function encodeNpy(m: Matrix): Uint8Array {
  const checked = checkMatrix('m', m);
  return encodeNpyTyped([checked.rows, checked.cols], checked.data);
}

/**
 * Encodes an n-dimensional array as a .npy file in C order with little-endian data.
 * @param shape size of each axis, non-negative integers; `[]` for a 0-d array
 * @param data the elements in C order; the dtype follows the array type: Float32Array '<f4',
 *   Float64Array '<f8', Int32Array '<i4', BigInt64Array '<i8', Uint8Array '|u1'
 * @returns the file's bytes: version 1.0 unless the header needs more than 65535 bytes (2.0)
 * @throws InvalidArgumentError when a shape entry is not a non-negative integer or the data is
 *   not one of the supported typed arrays
 * @throws ShapeMismatchError when the shape's product differs from `data.length`
 */
export function encodeNpyTyped(shape: readonly number[], data: NpyData): Uint8Array {
  if (!Array.isArray(shape)) {
    throw new InvalidArgumentError('shape', 'must be an array of integers', typeof shape);
  }
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new InvalidArgumentError('shape', 'entries must be integers ≥ 0', shape);
    }
  }
  const descr = descrOf(data);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new ShapeMismatchError('npy data', `${count} values for shape ${showShape(shape)}`,
      `${data.length} values`);
  }
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${showShape(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length);
  // Same padding rule as numpy: spaces then '\n' so that the data starts on ARRAY_ALIGN; a
  // header that already ends on the boundary still gets a full ARRAY_ALIGN of padding.
  const withNewline = dict.length + 1;
  let preamble = PREAMBLE_V1;
  let padding = ARRAY_ALIGN - ((preamble + withNewline) % ARRAY_ALIGN);
  if (withNewline + padding > 0xffff) {
    preamble = PREAMBLE_V2;
    padding = ARRAY_ALIGN - ((preamble + withNewline) % ARRAY_ALIGN);
  }
  const headerLength = withNewline + padding;
  const header = dict + ' '.repeat(padding) + '\n';

  const itemSize = data.BYTES_PER_ELEMENT;
  const out = new Uint8Array(preamble + headerLength + data.length * itemSize);
  out.set(MAGIC, 0);
  out[6] = preamble === PREAMBLE_V1 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (preamble === PREAMBLE_V1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  // The header is pure ASCII (descr, digits, punctuation), so one char is one byte.
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  const payload = out.subarray(preamble + headerLength);
  payload.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (itemSize > 1 && !HOST_LITTLE_ENDIAN) swapBytes(payload, itemSize);
  return out;
}

/**
 * Writes a matrix to a .npy file (version 1.0, '<f4', C order) atomically: readers see either
 * the old file or the complete new one.
 * @param path destination file path
 * @param m a rows × cols float32 row-major matrix
 * @throws InvalidArgumentError or ShapeMismatchError when `m` is not a well-formed Matrix
 * @throws the underlying file-system error when the file cannot be written; an existing file
 *   at `path` is then left unchanged
 */
export function writeNpyMatrix(path: string, m: Matrix): void {
  writeFileAtomic(path, encodeNpy(m));
}

// ---------------------------------------------------------------------------------------------
// Header dict

type PyValue = string | number | boolean | null | PySequence | PyDict;
interface PySequence {
  kind: 'tuple' | 'list';
  items: PyValue[];
}
interface PyDict {
  kind: 'dict';
  entries: Map<string, PyValue>;
}

interface Header {
  info: DtypeInfo;
  fortranOrder: boolean;
  shape: number[];
}

function readHeader(text: string, fail: (problem: string) => never): Header {
  const parsed = parseLiteral(text, fail);
  if (!isDict(parsed)) fail('the .npy header is not a dict');
  const { entries } = parsed as PyDict;
  const keys = [...entries.keys()].sort();
  if (keys.join() !== 'descr,fortran_order,shape') {
    fail(`the .npy header must have exactly the keys 'descr', 'fortran_order' and 'shape'; ` +
      `it has ${keys.length === 0 ? 'none' : keys.map((k) => `'${k}'`).join(', ')}`);
  }
  const descr = entries.get('descr') as PyValue;
  const info = typeof descr === 'string' ? DESCRS[descr] : undefined;
  if (info === undefined || !Object.hasOwn(DESCRS, descr as string)) {
    const kind = typeof descr === 'string' ? 'dtype' : 'structured dtype';
    return fail(`unsupported ${kind} ${repr(descr)} (supported: ${SUPPORTED_TEXT})`);
  }
  const fortranOrder = entries.get('fortran_order');
  if (typeof fortranOrder !== 'boolean') {
    fail(`'fortran_order' must be True or False; it is ${repr(fortranOrder as PyValue)}`);
  }
  const shapeValue = entries.get('shape') as PyValue;
  if (!isSequence(shapeValue) ||
    !shapeValue.items.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    fail(`'shape' must be a tuple of integers ≥ 0; it is ${repr(shapeValue)}`);
  }
  return {
    info,
    fortranOrder: fortranOrder as boolean,
    shape: (shapeValue as PySequence).items as number[],
  };
}

/**
 * Parses the subset of Python literal syntax numpy writes: dicts, tuples, lists, strings,
 * integers, True, False and None. Anything else is an error, which is the point: the text
 * comes from a file.
 */
function parseLiteral(text: string, fail: (problem: string) => never): PyValue {
  let pos = 0;
  const bad = (what: string): never =>
    fail(`cannot parse the .npy header: ${what} at offset ${pos} in ${JSON.stringify(
      text.length > 120 ? text.slice(0, 117) + '...' : text)}`);
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\r\n\f\v'.includes(text[pos])) pos++;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[pos] !== ch) bad(`expected '${ch}'`);
    pos++;
  };

  const value = (depth: number): PyValue => {
    if (depth > MAX_LITERAL_DEPTH) bad('nesting too deep');
    skipSpace();
    const ch = text[pos];
    if (ch === undefined) return bad('unexpected end');
    if (ch === '{') return dict(depth);
    if (ch === '(') return tuple(depth);
    if (ch === '[') {
      pos++;
      return { kind: 'list', items: items(']', depth) };
    }
    if (ch === "'" || ch === '"') return string();
    if (ch === '-' || ch === '+' || (ch >= '0' && ch <= '9')) return integer();
    for (const [word, result] of [['True', true], ['False', false], ['None', null]] as const) {
      if (text.startsWith(word, pos) && !/[A-Za-z0-9_]/.test(text[pos + word.length] ?? '')) {
        pos += word.length;
        return result;
      }
    }
    return bad(`unexpected character ${JSON.stringify(ch)}`);
  };

  // Comma-separated values up to `close`, with an optional trailing comma.
  const items = (close: string, depth: number): PyValue[] => {
    const out: PyValue[] = [];
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return out;
      }
      out.push(value(depth + 1));
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== close) bad(`expected ',' or '${close}'`);
    }
  };

  const tuple = (depth: number): PyValue => {
    pos++; // '('
    skipSpace();
    if (text[pos] === ')') {
      pos++;
      return { kind: 'tuple', items: [] };
    }
    const first = value(depth + 1);
    skipSpace();
    // As in Python, "(x)" is just x in parentheses; only a comma makes a tuple.
    if (text[pos] === ')') {
      pos++;
      return first;
    }
    expect(',');
    return { kind: 'tuple', items: [first, ...items(')', depth)] };
  };

  const dict = (depth: number): PyDict => {
    pos++; // '{'
    const entries = new Map<string, PyValue>();
    for (;;) {
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'dict', entries };
      }
      const key = value(depth + 1);
      if (typeof key !== 'string') bad('dict keys must be strings');
      if (entries.has(key as string)) bad(`duplicate key '${key}'`);
      expect(':');
      entries.set(key as string, value(depth + 1));
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== '}') bad("expected ',' or '}'");
    }
  };

  const string = (): string => {
    const quote = text[pos++];
    let out = '';
    for (;;) {
      const ch = text[pos++];
      if (ch === undefined || ch === '\n') return bad('unterminated string');
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = text[pos++];
      if (esc === undefined) return bad('unterminated string');
      const simple: Record<string, string> = {
        '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0',
      };
      if (Object.hasOwn(simple, esc)) {
        out += simple[esc];
      } else if (esc === 'x' || esc === 'u') {
        const digits = text.slice(pos, pos + (esc === 'x' ? 2 : 4));
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (esc === 'x' ? 2 : 4)) {
          bad('bad escape in string');
        }
        out += String.fromCharCode(parseInt(digits, 16));
        pos += digits.length;
      } else {
        out += '\\' + esc; // Python keeps unknown escapes as they are.
      }
    }
  };

  const integer = (): number => {
    const match = /^[-+]?[0-9]+/.exec(text.slice(pos, pos + 40));
    if (match === null) return bad('expected a number');
    pos += match[0].length;
    // Files written by Python 2 may spell shape entries as long integers, like "3L".
    if (text[pos] === 'L' || text[pos] === 'l') pos++;
    if (/[.eEjJ0-9A-Za-z_]/.test(text[pos] ?? '')) bad('only integer numbers are expected');
    return Number(match[0]);
  };

  const result = value(0);
  skipSpace();
  if (pos !== text.length) bad('unexpected text after the header dict');
  return result;
}

function isDict(v: PyValue): v is PyDict {
  return typeof v === 'object' && v !== null && v.kind === 'dict';
}

function isSequence(v: PyValue): v is PySequence {
  return typeof v === 'object' && v !== null && (v.kind === 'tuple' || v.kind === 'list');
}

/** Python-style text of a parsed value, for error messages that quote the header. */
function repr(v: PyValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (v.kind === 'dict') {
    return `{${[...v.entries].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
  }
  const inner = v.items.map(repr).join(', ');
  if (v.kind === 'list') return `[${inner}]`;
  return v.items.length === 1 ? `(${inner},)` : `(${inner})`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Python's repr of a shape tuple: "(2, 3)", "(5,)", "()". */
function showShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function descrOf(data: NpyData): string {
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof BigInt64Array) return '<i8';
  if (data instanceof Uint8Array) return '|u1';
  throw new InvalidArgumentError('data',
    'must be a Float32Array, Float64Array, Int32Array, BigInt64Array or Uint8Array',
    Object.prototype.toString.call(data));
}

function viewAs(dtype: NpyDtype, buffer: ArrayBufferLike): NpyData {
  switch (dtype) {
    case 'float32': return new Float32Array(buffer);
    case 'float64': return new Float64Array(buffer);
    case 'int32': return new Int32Array(buffer);
    case 'int64': return new BigInt64Array(buffer);
    case 'uint8': return new Uint8Array(buffer);
  }
}


/**
 * Reorders Fortran-order (first axis fastest) elements into C order (last axis fastest).
 * Works on whole 32-bit words where it can, so bit patterns (NaN payloads) are kept exactly.
 */
function fortranToC(raw: Uint8Array, itemSize: number, shape: readonly number[]): Uint8Array {
  const count = raw.length / itemSize;
  if (shape.length < 2 || count === 0) return raw; // the two orders coincide
  const words = itemSize === 1 ? 1 : itemSize / 4;
  const src = itemSize === 1 ? raw : new Uint32Array(raw.buffer);
  const out = new Uint8Array(raw.length);
  const dst = itemSize === 1 ? out : new Uint32Array(out.buffer);
  const nd = shape.length;
  const stride: number[] = []; // Fortran stride of each axis, in elements
  for (let k = 0, s = 1; k < nd; k++) {
    stride.push(s);
    s *= shape[k];
  }
  const index = new Array<number>(nd).fill(0);
  let offset = 0; // Fortran element offset of `index`
  for (let i = 0; i < count; i++) {
    for (let w = 0; w < words; w++) dst[i * words + w] = src[offset * words + w];
    // Step `index` in C order: bump the last axis, carrying into earlier ones.
    for (let k = nd - 1; k >= 0; k--) {
      index[k]++;
      offset += stride[k];
      if (index[k] < shape[k]) break;
      offset -= stride[k] * shape[k];
      index[k] = 0;
    }
  }
  return out;
}

function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

function decodeUtf8(bytes: Uint8Array, fail: (problem: string) => never): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('the version 3.0 header is not valid UTF-8');
  }
}

