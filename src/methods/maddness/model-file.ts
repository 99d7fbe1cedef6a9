/**
 * The model file: a versioned binary format, checked in full on load.
 *
 *   offset 0   8 bytes   magic "MADDNESS"
 *          8   u32 LE    format version (FORMAT_VERSION)
 *         12   u32 LE    H, byte length of the header
 *         16   H bytes   header: UTF-8 JSON { method, D, C, Cs, M, nTrain, lutWork, lambda,
 *                        seed, objective, fitB, tablesB, sections: [[name, dtype, length], ...] },
 *                        space-padded to 8 bytes (objective and the two B checksums may be
 *                        absent in files written before them: 'reconstruct' and null)
 *          …   sections  in the order of SECTIONS, little-endian, each padded to 8 bytes
 *   end − 4    u32 LE    CRC-32 of every byte before it
 *
 * The section list is derived from D, C and M, never taken from the file: a header whose list
 * or sizes disagree with its shapes, or a file whose length differs from the one they imply,
 * is refused before anything is allocated from it.
 * @module
 */
import { readFileSync } from 'node:fs';
import { checkPath } from '../../core/io/bytes.js';
import { readFrame, writeFrame } from '../../core/io/container.js';
import { BadModelFileError, InvalidArgumentError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/io/atomic-write.js';
import { paddedCodebooks, type EncoderTables, type LutTables } from '../../kernels/index.js';
import { FORMAT_VERSION } from './format.js';
import { MaddnessModel, type ModelState } from './model.js';
import { MAX_CODEBOOKS, MAX_DIM, MAX_LUT_WORK } from './options.js';
import { tablesFitFloat32 } from './lut.js';
import type { Objective } from './objective.js';
import { K } from './prototypes.js';
import { blockStarts } from './subspaces.js';

export { FORMAT_VERSION };

type Dtype = 'i32' | 'f32' | 'i8' | 'u8';
type Section = [name: string, dtype: Dtype, length: number];
const BYTES: Record<Dtype, number> = { i32: 4, f32: 4, i8: 1, u8: 1 };

function sectionsFor(D: number, C: number, Cs: number, M: number | null): Section[] {
  const list: Section[] = [
    ['starts', 'i32', C + 1],
    ['dims', 'i32', 4 * C],
    ['offsets', 'f32', 4 * C],
    ['scales', 'f32', 4 * C],
    ['thresholds', 'i8', 64 * C],
    ['prototypes', 'f32', K * C * D],
  ];
  if (M !== null) {
    list.push(['luts', 'u8', M * Cs * K], ['invScale', 'f32', M], ['shiftAvg', 'f32', M],
      ['shiftExact', 'f32', M]);
  }
  return list;
}

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * The model as file bytes.
 * @param methodParams the registered method's query-time parameters (exactSum, refinePasses),
 *   stored in the header as `params` so that the method comes back as it was saved
 */
export function encodeModel(model: MaddnessModel,
  methodParams?: Readonly<Record<string, unknown>>): Uint8Array {
  if (!(model instanceof MaddnessModel)) {
    throw new InvalidArgumentError('model', 'must be a MaddnessModel', model === null ? null :
      typeof model);
  }
  const s = model.snapshot();
  const M = s.luts?.M ?? null;
  const sections = sectionsFor(s.D, s.C, s.encoder.Cs, M);
  const header = { method: 'maddness', D: s.D, C: s.C, Cs: s.encoder.Cs, M, nTrain: s.nTrain,
    lutWork: s.lutWork, lambda: s.lambda, seed: s.seed, objective: s.objective, fitB: s.fitB,
    tablesB: s.tablesB, sections, ...(methodParams ? { params: methodParams } : {}) };
  const arrays = sectionData(s);
  let bodyLength = 0;
  for (const [, dtype, length] of sections) bodyLength += pad8(length * BYTES[dtype]);
  return writeFrame(FORMAT_VERSION, header, bodyLength, (view, _bytes, start) => {
    let at = start;
    sections.forEach(([name, dtype, length], i) => {
      writeTyped(view, at, dtype, arrays[i], length, name);
      at += pad8(length * BYTES[dtype]);
    });
  });
}

/** Writes the model to `path` atomically (temporary file in the same folder, then rename). */
export function saveModel(model: MaddnessModel, path: string): void {
  writeFileAtomic(path, encodeModel(model));
}

/**
 * Reads and verifies a model file.
 * @throws BadModelFileError when the file is missing, damaged, foreign or from a newer version
 */
export function loadModel(path: string): MaddnessModel {
  checkPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new BadModelFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  return decodeModel(bytes, path);
}

/**
 * Parses and verifies model bytes.
 * @throws BadModelFileError naming the first problem found
 */
export function decodeModel(bytes: Uint8Array, source = '<buffer>'): MaddnessModel {
  const fail = (problem: string): never => {
    throw new BadModelFileError(source, problem);
  };
  const frame = readFrame(bytes, source, FORMAT_VERSION);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { headerLength } = frame;
  const h = parseHeader(frame.header, fail);

  const Cs = paddedCodebooks(h.C);
  if (h.Cs !== Cs) fail(`Cs = ${h.Cs} but C = ${h.C} pads to ${Cs}`);
  const expected = sectionsFor(h.D, h.C, Cs, h.M);
  if (JSON.stringify(h.sections) !== JSON.stringify(expected)) {
    fail('section list does not match the shapes in the header');
  }
  let size = 16 + headerLength;
  for (const [, dtype, length] of expected) size += pad8(length * BYTES[dtype]);
  if (size + 4 !== bytes.length) {
    fail(`length is ${bytes.length} bytes; the header's shapes imply ${size + 4}`);
  }

  const arrays: ArrayLike<number>[] = [];
  let at = 16 + headerLength;
  for (const [, dtype, length] of expected) {
    arrays.push(readTyped(view, at, dtype, length));
    at += pad8(length * BYTES[dtype]);
  }
  const state = stateFrom(h, Cs, arrays, fail);
  return new MaddnessModel(state);
}

interface Header {
  D: number;
  C: number;
  Cs: number;
  M: number | null;
  nTrain: number;
  lutWork: number;
  lambda: number;
  seed: number;
  objective: Objective;
  fitB: number | null;
  tablesB: number | null;
  sections: unknown;
}

function parseHeader(h: Record<string, unknown>, fail: (p: string) => never): Header {
  if (h.method !== 'maddness') {
    fail('header does not describe a maddness model');
  }
  const int = (name: string, lo: number, hi: number): number => {
    const v = h[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < lo || v > hi) {
      fail(`header field ${name} = ${JSON.stringify(v)} is not an integer in [${lo}, ${hi}]`);
    }
    return v as number;
  };
  const D = int('D', 1, MAX_DIM);
  const C = int('C', 1, Math.min(MAX_CODEBOOKS, D));
  const M = h.M === null ? null : int('M', 1, MAX_DIM);
  const lutWork = int('lutWork', -1, MAX_LUT_WORK);
  if (lutWork === 0) fail('header field lutWork = 0 is not -1, 1 or an integer > 1');
  const lambda = h.lambda;
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) {
    fail(`header field lambda = ${JSON.stringify(lambda)} is not a finite number ≥ 0`);
  }
  const objective = h.objective ?? 'reconstruct';
  if (objective !== 'reconstruct' && objective !== 'output') {
    fail(`header field objective = ${JSON.stringify(objective)} is not 'reconstruct' or 'output'`);
  }
  const checksum = (name: string): number | null =>
    h[name] === undefined || h[name] === null ? null : int(name, 0, 0xffffffff);
  return { D, C, Cs: int('Cs', 2, 2 * MAX_CODEBOOKS), M, nTrain: int('nTrain', 1, 2 ** 52),
    lutWork, lambda: lambda as number, seed: int('seed', -(2 ** 53), 2 ** 53),
    objective: objective as Objective, fitB: checksum('fitB'), tablesB: checksum('tablesB'),
    sections: h.sections };
}

function stateFrom(h: Header, Cs: number, arrays: ArrayLike<number>[],
  fail: (p: string) => never): ModelState {
  const [starts, dims, offsets, scales, thresholds, prototypes] = arrays as [Int32Array,
    Int32Array, Float32Array, Float32Array, Int8Array, Float32Array];
  const expectStarts = blockStarts(h.D, h.C);
  if (starts.some((v, i) => v !== expectStarts[i])) fail('block boundaries do not match D and C');
  for (let q = 0; q < dims.length; q++) {
    const c = q >> 2;
    if (dims[q] < starts[c] || dims[q] >= starts[c + 1]) {
      fail(`split dim ${dims[q]} of codebook ${c} is outside its block`);
    }
    if (!Number.isFinite(offsets[q])) fail(`encoder offset ${q} is not finite`);
    const e = Math.log2(scales[q]);
    if (!Number.isInteger(e)) fail(`encoder scale ${q} = ${scales[q]} is not a power of two`);
  }
  if (!allFinite(prototypes)) fail('prototypes hold a non-finite value');
  const encoder: EncoderTables = { C: h.C, Cs, dims, offsets, scales, thresholds };
  let luts: LutTables | null = null;
  if (h.M !== null) {
    const [lutBytes, invScale, shiftAvg, shiftExact] = arrays.slice(6) as [Uint8Array,
      Float32Array, Float32Array, Float32Array];
    for (let m = 0; m < h.M; m++) {
      if (!tablesFitFloat32(invScale[m], shiftAvg[m], shiftExact[m], Cs)) {
        fail(`table scale or table offset of column ${m} is not finite or overflows float32`);
      }
    }
    for (let m = 0; m < h.M; m++) {
      for (let c = h.C; c < Cs; c++) {
        for (let k = 0; k < K; k++) {
          if (lutBytes[(m * Cs + c) * K + k] !== 0) fail('a padding table is not zero');
        }
      }
    }
    luts = { M: h.M, Cs, luts: lutBytes, invScale, shiftAvg, shiftExact };
  }
  return { D: h.D, C: h.C, lutWork: h.lutWork, lambda: h.lambda, seed: h.seed, nTrain: h.nTrain,
    starts, encoder, prototypes, luts, objective: h.objective, fitB: h.fitB,
    tablesB: h.M === null ? null : h.tablesB };
}

function sectionData(s: ModelState): ArrayLike<number>[] {
  const e = s.encoder;
  const list: ArrayLike<number>[] = [s.starts, e.dims, e.offsets, e.scales, e.thresholds,
    s.prototypes];
  if (s.luts) list.push(s.luts.luts, s.luts.invScale, s.luts.shiftAvg, s.luts.shiftExact);
  return list;
}

function writeTyped(view: DataView, at: number, dtype: Dtype, src: ArrayLike<number>,
  length: number, name: string): void {
  if (src.length !== length) throw new Error(`internal error: section ${name} has ${src.length}`);
  for (let i = 0; i < length; i++) {
    if (dtype === 'i32') view.setInt32(at + 4 * i, src[i], true);
    else if (dtype === 'f32') view.setFloat32(at + 4 * i, src[i], true);
    else if (dtype === 'i8') view.setInt8(at + i, src[i]);
    else view.setUint8(at + i, src[i]);
  }
}

function readTyped(view: DataView, at: number, dtype: Dtype, length: number): ArrayLike<number> {
  if (dtype === 'i32') {
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) out[i] = view.getInt32(at + 4 * i, true);
    return out;
  }
  if (dtype === 'f32') {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = view.getFloat32(at + 4 * i, true);
    return out;
  }
  const out = dtype === 'i8' ? new Int8Array(length) : new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = dtype === 'i8' ? view.getInt8(at + i) : view.getUint8(at + i);
  }
  return out;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
