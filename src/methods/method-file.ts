/**
 * Model files for every registered method. MADDNESS keeps its own layout (model-file.ts);
 * every other method is stored in the same container (src/core/io/container.ts) as
 *
 *   header  { method, params, D, M, nTrain, arrays: [[name, dtype, length], ...] }
 *   body    each array in the header's order, little-endian, padded to 8 bytes
 *
 * and rebuilt by the method's own `restore`, which checks every length and value against the
 * shapes. Nothing in the file is trusted: the arrays' total size must equal the file's.
 * @module
 */
import { readFileSync } from 'node:fs';
import {
  BadModelFileError, InvalidArgumentError, MaddnessError, NotFittedError,
} from '../core/errors.js';
import { checkPath } from '../core/io/bytes.js';
import { readFrame, writeFrame } from '../core/io/container.js';
import { writeFileAtomic } from '../core/io/atomic-write.js';
import { FORMAT_VERSION } from './maddness/format.js';
import { MaddnessMethod } from './maddness/method.js';
import { decodeModel, encodeModel } from './maddness/model-file.js';
import { MAX_DIM } from './maddness/options.js';
import { MatmulMethod, type MethodState, type StateArray } from './method.js';
import { resolveParams } from './params.js';
import { methodSpec } from './registry.js';

type Dtype = 'f32' | 'f64' | 'i32' | 'u32' | 'u16' | 'u8' | 'i8';
const TYPES = {
  f32: Float32Array, f64: Float64Array, i32: Int32Array, u32: Uint32Array, u16: Uint16Array,
  u8: Uint8Array, i8: Int8Array,
} as const;
const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

function dtypeOf(a: StateArray): Dtype {
  for (const [dtype, type] of Object.entries(TYPES)) if (a instanceof type) return dtype as Dtype;
  throw new Error(`internal error: unsupported state array ${Object.prototype.toString.call(a)}`);
}

/**
 * The method as file bytes.
 * @throws InvalidArgumentError for a method that cannot be saved; NotFittedError before fit
 */
export function encodeMethod(method: MatmulMethod): Uint8Array {
  if (!(method instanceof MatmulMethod)) {
    throw new InvalidArgumentError('method', 'must be a method made by createMethod',
      method === null ? null : typeof method);
  }
  if (method instanceof MaddnessMethod) {
    const model = method.model;
    if (model === null) throw new NotFittedError('saving needs a fitted maddness: call fit first');
    return encodeModel(model, method.savedParams);
  }
  if (!method.saveable) {
    throw new InvalidArgumentError('method', 'must be one that can be saved', method.name);
  }
  const s = method.state();
  const entries = Object.entries(s.arrays);
  const list = entries.map(([name, a]) => [name, dtypeOf(a), a.length] as const);
  const header = { method: s.method, params: s.params, D: s.D, M: s.M, nTrain: s.nTrain,
    arrays: list };
  let bodyLength = 0;
  for (const [, a] of entries) bodyLength += pad8(a.byteLength);
  return writeFrame(FORMAT_VERSION, header, bodyLength, (_view, bytes, start) => {
    let at = start;
    for (const [, a] of entries) {
      // Typed arrays are little-endian on every platform Node runs on.
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += pad8(a.byteLength);
    }
  });
}

/**
 * Parses and verifies a model file of any registered method.
 * @throws BadModelFileError naming the first problem found
 */
export function decodeMethod(bytes: Uint8Array, source = '<buffer>'): MatmulMethod {
  const fail = (problem: string): never => {
    throw new BadModelFileError(source, problem);
  };
  const frame = readFrame(bytes, source, FORMAT_VERSION);
  const h = frame.header;
  if (h.method === 'maddness') {
    const model = decodeModel(bytes, source);
    const saved = h.params ?? {};
    if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) {
      fail('header field params is not an object');
    }
    try {
      return MaddnessMethod.fromModel(model, saved as Record<string, unknown>);
    } catch (error) {
      return fail(`header params: ${(error as Error).message}`);
    }
  }
  if (typeof h.method !== 'string') fail('header has no method name');
  const name = h.method as string;
  let spec;
  try {
    spec = methodSpec(name);
  } catch {
    return fail(`method ${JSON.stringify(name)} is not one this library knows`);
  }
  if (spec.restore === undefined) fail(`method ${name} cannot be loaded from a file`);
  const int = (field: string, lo: number, hi: number): number => {
    const v = h[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < lo || v > hi) {
      fail(`header field ${field} = ${JSON.stringify(v)} is not an integer in [${lo}, ${hi}]`);
    }
    return v as number;
  };
  const D = int('D', 1, MAX_DIM);
  const M = h.M === null ? null : int('M', 1, MAX_DIM);
  const nTrain = int('nTrain', 0, 2 ** 52);
  let params;
  try {
    params = resolveParams(name, spec.params, h.params as Record<string, unknown>);
  } catch (error) {
    return fail(`header params: ${(error as Error).message}`);
  }
  const arrays = readArrays(bytes, frame.bodyStart, h.arrays, fail);
  const state: MethodState = { method: name, params, D, M, nTrain, arrays };
  try {
    const method = (spec.restore as NonNullable<typeof spec.restore>)(state, source);
    // The restore reads the arrays it needs; one it does not know is a file it did not write.
    const known = new Set(method.savedArrayNames());
    for (const array of Object.keys(arrays)) {
      if (!known.has(array)) fail(`array ${array} is not one ${name} stores`);
    }
    return method;
  } catch (error) {
    if (error instanceof BadModelFileError) throw error;
    // A restore that trips over a value (say, a parameter that no longer fits the shapes)
    // is still a bad file, not a bug of the caller.
    if (error instanceof MaddnessError) fail(error.message);
    throw error;
  }
}

function readArrays(bytes: Uint8Array, start: number, list: unknown,
  fail: (p: string) => never): Record<string, StateArray> {
  if (!Array.isArray(list)) fail('header field arrays is not a list');
  const out: Record<string, StateArray> = {};
  let at = start;
  for (const entry of list as unknown[]) {
    const ok = Array.isArray(entry) && entry.length === 3 && typeof entry[0] === 'string' &&
      typeof entry[1] === 'string' && Object.hasOwn(TYPES, entry[1]) &&
      Number.isSafeInteger(entry[2]) && entry[2] >= 0;
    if (!ok) fail(`header array entry ${JSON.stringify(entry)} is not [name, dtype, length]`);
    const [name, dtype, length] = entry as [string, Dtype, number];
    if (Object.hasOwn(out, name)) fail(`array ${name} appears twice`);
    const type = TYPES[dtype];
    const byteLength = length * type.BYTES_PER_ELEMENT;
    if (at + pad8(byteLength) > bytes.length - 4) fail(`array ${name} runs past the file`);
    // Copy into a fresh buffer: aligned, and independent of the caller's bytes.
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(at, at + byteLength));
    out[name] = new type(copy.buffer);
    at += pad8(byteLength);
  }
  if (at !== bytes.length - 4) {
    fail(`length is ${bytes.length} bytes; the header's arrays imply ${at + 4}`);
  }
  return out;
}

/** Writes the method's model file atomically (temporary file, then rename). */
export function saveMethod(method: MatmulMethod, path: string): void {
  writeFileAtomic(path, encodeMethod(method));
}

/**
 * Reads and verifies a model file of any registered method.
 * @throws BadModelFileError when the file is missing, damaged, foreign or from a newer version
 */
export function loadMethod(path: string): MatmulMethod {
  checkPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new BadModelFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  return decodeMethod(bytes, path);
}
