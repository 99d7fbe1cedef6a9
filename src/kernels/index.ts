/**
 * The kernel layer: typed-array entry points that run either the WebAssembly SIMD kernels or
 * their scalar TypeScript twins. Callers validate; these functions trust their inputs.
 * @module
 */
import { InvalidArgumentError, OutOfMemoryError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { dotI8 as dotI8Scalar } from './scalar/dot.js';
import { encodeU4 } from './scalar/encode.js';
import { quantizeRowsI8 as quantizeRowsScalar } from './scalar/quantize.js';
import { gemmF32 } from './scalar/gemm.js';
import { scanAvgU8, scanExactU16 } from './scalar/scan.js';
import { Arena, kernels, type KernelExports } from './wasm/loader.js';

/** Which implementation runs: the WebAssembly kernels (default) or the scalar twins. */
export type Backend = 'wasm' | 'scalar';

let current: Backend = 'wasm';

/**
 * Bytes of A copied into kernel memory per kernel call: small enough to stay in L2 until the
 * kernel reads them. (One copy of a large A would be written past the caches, as large copies
 * use non-temporal stores, and read back from main memory.)
 */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Bytes of column input copied into kernel memory per kernel call. Each chunk is Q copies,
 * one per column, so a chunk much larger than CHUNK_BYTES keeps those calls few (at Q = 64:
 * 16,384 rows per chunk); the encoder reads each column in order, which the prefetcher
 * follows from L3 as well as from L2.
 */
export const COLUMN_CHUNK_BYTES = 4 * 1024 * 1024;

/** Selects the implementation for every later call; tests use it to compare the two. */
export function setBackend(backend: Backend): void {
  if (backend !== 'wasm' && backend !== 'scalar') {
    throw new InvalidArgumentError('backend', "must be 'wasm' or 'scalar'", backend);
  }
  current = backend;
}

/** The implementation in use. */
export function getBackend(): Backend {
  return current;
}

/** The encoder as the kernels read it (see assembly/encode.ts for the layouts). */
export interface EncoderTables {
  /** Codebooks, and codebooks after padding for the scan (even; see `paddedCodebooks`). */
  readonly C: number;
  readonly Cs: number;
  /** (C, 4) i32: the dim of A that codebook c splits on at level t. */
  readonly dims: Int32Array;
  /** (C, 4) f32 offsets and power-of-two scales of the int8 quantization of those dims. */
  readonly offsets: Float32Array;
  readonly scales: Float32Array;
  /** (C, 4, 16) i8: quantized thresholds; level t uses entries 0 .. 2^t - 1. */
  readonly thresholds: Int8Array;
}

/** Quantized lookup tables as the scan reads them (see assembly/scan.ts). */
export interface LutTables {
  readonly M: number;
  readonly Cs: number;
  /** (M, Cs, 16) u8. */
  readonly luts: Uint8Array;
  /** (M) f32: y = total * invScale[m] + shift[m]; shifts fold offsets and (avg) the debias. */
  readonly invScale: Float32Array;
  readonly shiftAvg: Float32Array;
  readonly shiftExact: Float32Array;
}

/**
 * Codebook count after padding for the scan: groups of 16, and a last group rounded up to a
 * power of two ≥ 2 so that the averaging tree is balanced and codebooks pair into bytes.
 */
export function paddedCodebooks(C: number): number {
  const groups = Math.floor(C / 16);
  const rest = C - 16 * groups;
  if (rest === 0) return C;
  let last = 2;
  while (last < rest) last *= 2;
  return 16 * groups + last;
}

/** Bytes of the scan kernels' scratch for M columns and Cs codebooks (see assembly/scan.ts). */
export function scanScratchBytes(M: number, Cs: number): number {
  return 32 * M + 16 * Cs + 64;
}

/** Rows rounded up to a whole number of 16-row blocks. */
export function paddedRows(N: number): number {
  return Math.ceil(N / 16) * 16;
}

/** C (N, M) = A (N, D) · B (D, M), float32 row-major. */
export function gemm(a: Float32Array, b: Float32Array, N: number, D: number, M: number,
  backend: Backend = current): Float32Array {
  const out = new Float32Array(N * M);
  if (N === 0 || M === 0) return out;
  if (backend === 'scalar') {
    gemmF32(a, b, out, N, D, M);
    return out;
  }
  const k = kernels();
  const arena = new Arena(k);
  // Like the encoder, A goes in (and C comes out) in cache-sized row chunks; B is packed once.
  const chunkRows = Math.min(N, Math.max(4, 4 * Math.floor(CHUNK_BYTES / (4 * Math.max(1, D)) /
    4)));
  const pb = arena.alloc(4 * D * M);
  const pp = arena.alloc(4 * Math.ceil(M / 8) * 8 * D);
  const pa = arena.alloc(4 * chunkRows * D);
  const pc = arena.alloc(4 * chunkRows * M);
  arena.f32(pb, D * M).set(b);
  k.packB_f32(pb, D, M, pp);
  const chunkA = arena.f32(pa, chunkRows * D);
  const chunkC = arena.f32(pc, chunkRows * M);
  for (let r0 = 0; r0 < N; r0 += chunkRows) {
    const rows = Math.min(N, r0 + chunkRows) - r0;
    chunkA.set(a.subarray(r0 * D, (r0 + rows) * D));
    k.gemmPacked_f32(pa, pp, pc, rows, D, M);
    out.set(chunkC.subarray(0, rows * M), r0 * M);
  }
  return out;
}

/**
 * out (N, M) i32 row-major: out[n, m] = Σ_d a[n, d] · b[m, d], exact integer dot products of
 * a (N, D) i8 and b (M, D) i8, both row-major (b is the transposed right-hand side). Sums wrap
 * to int32; callers bound D so that they cannot overflow.
 */
export function dotI8(a: Int8Array, b: Int8Array, N: number, M: number, D: number,
  backend: Backend = current): Int32Array {
  const out = new Int32Array(N * M);
  if (N === 0 || M === 0) return out;
  if (backend === 'scalar') {
    dotI8Scalar(a, b, out, N, M, D);
    return out;
  }
  const k = kernels();
  const arena = new Arena(k);
  // A goes in cache-sized row chunks (as for gemm); b is copied once.
  const chunkRows = Math.min(N, Math.max(1, Math.floor(CHUNK_BYTES / Math.max(1, D))));
  const pb = arena.alloc(M * D);
  const pa = arena.alloc(chunkRows * D);
  const po = arena.alloc(4 * chunkRows * M);
  arena.i8(pb, M * D).set(b);
  const chunkA = arena.i8(pa, chunkRows * D);
  const chunkOut = arena.i32(po, chunkRows * M);
  for (let r0 = 0; r0 < N; r0 += chunkRows) {
    const rows = Math.min(N, r0 + chunkRows) - r0;
    chunkA.set(a.subarray(r0 * D, (r0 + rows) * D));
    k.dot_i8(pa, pb, po, rows, M, D);
    out.set(chunkOut.subarray(0, rows * M), r0 * M);
  }
  return out;
}

/** Affine int8 codes of rows, as `quantizeRows_i8` writes them (see assembly/quantize.ts). */
export interface Int8Rows {
  /** (N, D) i8 row-major. */
  readonly q: Int8Array;
  /** (N, 2) f32: per row lo = min and inv = 255 / (max − min) (0 for no range). */
  readonly params: Float32Array;
}

/** Quantizes the rows of a (N, D) f32 row-major to int8. */
export function quantizeRowsI8(a: Float32Array, N: number, D: number,
  backend: Backend = current): Int8Rows {
  const q = new Int8Array(N * D);
  const params = new Float32Array(2 * N);
  if (N === 0) return { q, params };
  if (backend === 'scalar') {
    quantizeRowsScalar(a, N, D, q, params);
    return { q, params };
  }
  const k = kernels();
  const arena = new Arena(k);
  const chunkRows = Math.min(N, Math.max(1, Math.floor(CHUNK_BYTES / (4 * Math.max(1, D)))));
  const pa = arena.alloc(4 * chunkRows * D);
  const pq = arena.alloc(chunkRows * D);
  const pp = arena.alloc(8 * chunkRows);
  const chunkA = arena.f32(pa, chunkRows * D);
  const chunkQ = arena.i8(pq, chunkRows * D);
  const chunkP = arena.f32(pp, 2 * chunkRows);
  for (let r0 = 0; r0 < N; r0 += chunkRows) {
    const rows = Math.min(N, r0 + chunkRows) - r0;
    chunkA.set(a.subarray(r0 * D, (r0 + rows) * D));
    k.quantizeRows_i8(pa, rows, D, pq, pp);
    q.set(chunkQ.subarray(0, rows * D), r0 * D);
    params.set(chunkP.subarray(0, 2 * rows), 2 * r0);
  }
  return { q, params };
}

/**
 * Quantizes rows of A (as `quantizeRowsI8`) and takes their int32 dot products with the
 * columns of B (as `dotI8`), chunk by chunk in kernel memory, so that the int8 rows never
 * leave it. Equal to `dotI8(quantizeRowsI8(a).q, b)` on either backend.
 * @param b (M, D) i8 row-major
 * @returns dots (N, M) i32 row-major and the rows' (N, 2) f32 quantization parameters
 */
export function quantizeAndDotI8(a: Float32Array, N: number, D: number, b: Int8Array, M: number,
  backend: Backend = current): { dots: Int32Array; params: Float32Array } {
  if (backend === 'scalar' || N === 0 || M === 0) {
    const { q, params } = quantizeRowsI8(a, N, D, backend);
    return { dots: dotI8(q, b, N, M, D, backend), params };
  }
  const k = kernels();
  const arena = new Arena(k);
  const chunkRows = Math.min(N, Math.max(1, Math.floor(CHUNK_BYTES / (4 * Math.max(1, D)))));
  const pb = arena.alloc(M * D);
  const pa = arena.alloc(4 * chunkRows * D);
  const pq = arena.alloc(chunkRows * D);
  const pp = arena.alloc(8 * chunkRows);
  const po = arena.alloc(4 * chunkRows * M);
  arena.i8(pb, M * D).set(b);
  const chunkA = arena.f32(pa, chunkRows * D);
  const chunkP = arena.f32(pp, 2 * chunkRows);
  const chunkOut = arena.i32(po, chunkRows * M);
  const dots = new Int32Array(N * M);
  const params = new Float32Array(2 * N);
  for (let r0 = 0; r0 < N; r0 += chunkRows) {
    const rows = Math.min(N, r0 + chunkRows) - r0;
    chunkA.set(a.subarray(r0 * D, (r0 + rows) * D));
    k.quantizeRows_i8(pa, rows, D, pq, pp);
    k.dot_i8(pq, pb, po, rows, M, D);
    dots.set(chunkOut.subarray(0, rows * M), r0 * M);
    params.set(chunkP.subarray(0, 2 * rows), 2 * r0);
  }
  return { dots, params };
}

/**
 * Copies, for every row of A, the 4·C values the encoder reads into `dst`, laid out
 * (C * 4, Npad) column-major; padding rows are zero.
 */
export function gatherColumns(A: Matrix, dims: Int32Array, Npad: number, dst: Float32Array): void {
  const { rows, cols, data } = A;
  const Q = dims.length;
  // Row by row: each row of A is read once, in order, while the Q output columns are each
  // written sequentially; column by column would stride over all of A Q times.
  for (let n = 0; n < rows; n++) {
    const row = n * cols;
    for (let q = 0; q < Q; q++) dst[q * Npad + n] = data[row + dims[q]];
  }
  for (let q = 0; q < Q; q++) dst.fill(0, q * Npad + rows, (q + 1) * Npad);
}

/** Codes of some rows, as the encoder kernels write them. */
export interface Encoded {
  /** (paddedRows(N) / 16, Cs / 2, 16) u8: two codebooks per byte, even in the low nibble. */
  readonly codes: Uint8Array;
  /**
   * (paddedRows(N)) u8: 1 where the row holds a NaN or ±Infinity: anywhere in the row for row
   * input (`encodeRows`), in the columns given for column input (`encodeColumns`).
   */
  readonly flags: Uint8Array;
}

/** Encodes the rows of row-major A. */
export function encodeRows(A: Matrix, enc: EncoderTables, backend: Backend = current): Encoded {
  const Npad = paddedRows(A.rows);
  if (backend === 'scalar') {
    const cols = new Float32Array(enc.C * 4 * Npad);
    gatherColumns(A, enc.dims, Npad, cols);
    const { codes } = encodeColumns(cols, Npad, enc, 'scalar');
    return { codes, flags: nonFiniteRows(A, Npad) };
  }
  const k = kernels();
  const arena = new Arena(k);
  const p = placeEncoder(arena, A.cols, encoderChunkRows(A.rows, A.cols), A.rows, enc);
  runEncoder(k, arena, A, enc, p);
  return { codes: arena.u8(p.codes, Npad * (enc.Cs >> 1)).slice(),
    flags: arena.u8(p.flags, Npad).slice() };
}

/** (Npad) u8: 1 for each row of A with a NaN or ±Infinity anywhere in it. */
function nonFiniteRows(A: Matrix, Npad: number): Uint8Array {
  const flags = new Uint8Array(Npad);
  for (let n = 0; n < A.rows; n++) {
    for (let j = 0; j < A.cols; j++) {
      if (!Number.isFinite(A.data[n * A.cols + j])) {
        flags[n] = 1;
        break;
      }
    }
  }
  return flags;
}

/**
 * Encodes rows given as the columns the encoder reads: cols (C * 4, Npad) f32, row q the
 * values of dim enc.dims[q] (the layout of `gatherColumns`), Npad a multiple of 16.
 */
export function encodeColumns(cols: Float32Array, Npad: number, enc: EncoderTables,
  backend: Backend = current): Encoded {
  const codes = new Uint8Array(Npad * (enc.Cs >> 1));
  const flags = new Uint8Array(Npad);
  if (backend === 'scalar') {
    encodeU4(cols, Npad, enc.C, enc.Cs, enc.offsets, enc.scales, enc.thresholds, codes, flags);
    return { codes, flags };
  }
  const k = kernels();
  const arena = new Arena(k);
  const p = placeColumns(arena, Npad, enc);
  arena.f32(p.cols, cols.length).set(cols);
  runColumnEncoder(k, Npad, enc, p);
  codes.set(arena.u8(p.codes, codes.length));
  flags.set(arena.u8(p.flags, Npad));
  return { codes, flags };
}

/** Y (N, M) from packed codes: the averaging scan, or the exact 16-bit one. */
export function scanCodes(codes: Uint8Array, N: number, lut: LutTables, exact: boolean,
  backend: Backend = current): Float32Array {
  if (N === 0) return new Float32Array(0);
  const shift = exact ? lut.shiftExact : lut.shiftAvg;
  if (backend === 'scalar') {
    const out = new Float32Array(N * lut.M);
    const scan = exact ? scanExactU16 : scanAvgU8;
    scan(codes, N, lut.Cs, lut.luts, lut.M, lut.invScale, shift, out);
    return out;
  }
  const k = kernels();
  const arena = new Arena(k);
  const pCodes = arena.alloc(codes.length);
  arena.u8(pCodes, codes.length).set(codes);
  const p = placeScan(arena, N, lut, shift);
  runScan(k, exact, pCodes, N, lut, p);
  return arena.f32(p.out, N * lut.M).slice();
}

/**
 * The whole query path on the rows of A: gather, encode and scan in one pass over kernel
 * memory (codes never leave it). Equal to scanCodes(encodeRows(A)) on either backend.
 * Writes `out` ((N, M) f32, every value), a new array unless given.
 */
export function encodeAndScan(A: Matrix, enc: EncoderTables, lut: LutTables, exact: boolean,
  backend: Backend = current, out: Float32Array = allocateOutput(A.rows, lut.M, false)):
  Float32Array {
  rowsRunner(A, enc, lut, exact, A.rows, backend)(0, A.rows, out);
  return out;
}

/**
 * Computes rows r0 .. r1 − 1 of a prepared query into `out`: (r1 − r0, M) f32 row-major, row
 * 0 of `out` being row r0 of the product (a view into a larger result, possibly on a
 * SharedArrayBuffer that other threads write other rows of). Every row's outputs depend on
 * that row alone, so any split of the rows gives the same bits as one run over all of them.
 */
export type RowsRunner = (r0: number, r1: number, out: Float32Array) => void;

/**
 * Prepares the query path on row-major A for runs of at most `maxRows` rows: the tables go
 * into kernel memory once, and each run goes chunk by chunk (copy rows in, encode, scan, copy
 * the outputs out while they are still in cache), so kernel memory holds one chunk whatever
 * the rows. Valid until the next kernel call on this thread, which reuses the memory.
 */
export function rowsRunner(A: Matrix, enc: EncoderTables, lut: LutTables, exact: boolean,
  maxRows: number, backend: Backend = current): RowsRunner {
  const D = A.cols;
  const M = lut.M;
  if (backend === 'scalar') {
    return (r0, r1, out) => {
      if (r1 <= r0) return;
      const part: Matrix = { rows: r1 - r0, cols: D, data: A.data.subarray(r0 * D, r1 * D) };
      const { codes, flags } = encodeRows(part, enc, backend);
      out.set(markNonFinite(scanCodes(codes, r1 - r0, lut, exact, backend), flags, M));
    };
  }
  const k = kernels();
  const arena = new Arena(k);
  const chunkRows = encoderChunkRows(Math.max(1, maxRows), D);
  const pe = placeEncoder(arena, D, chunkRows, chunkRows, enc);
  const ps = placeScan(arena, chunkRows, lut, exact ? lut.shiftExact : lut.shiftAvg);
  // Views only after the last alloc (growing memory detaches earlier ones): the chunk's rows
  // (chunkRows, D) f32, its outputs (chunkRows, M) f32, both row-major, and row flags (chunkRows).
  const chunk = arena.f32(pe.chunk, chunkRows * D);
  const chunkOut = arena.f32(ps.out, chunkRows * M);
  const flags = arena.u8(pe.flags, chunkRows);
  return (r0, r1, out) => {
    for (let c0 = r0; c0 < r1; c0 += chunkRows) {
      const n = Math.min(r1, c0 + chunkRows) - c0;
      chunk.set(A.data.subarray(c0 * D, (c0 + n) * D));
      k.encodeRows_u4(pe.chunk, n, D, pe.dims, enc.C, enc.Cs, pe.offsets, pe.scales,
        pe.thresholds, pe.codes, pe.flags, pe.scratch);
      runScan(k, exact, pe.codes, n, lut, ps);
      const dst = out.subarray((c0 - r0) * M, (c0 - r0 + n) * M);
      dst.set(chunkOut.subarray(0, n * M));
      markNonFinite(dst, flags, M);
    }
  };
}

/**
 * The query path from the columns the encoder reads, given column-major: cols (Q, N) f32
 * row-major, row q holding dim enc.dims[q] of every row of A (Q = 4·C). Only those values are
 * read, so only they can flag a row as non-finite. Equal to encodeAndScan on rows whose other
 * columns are finite.
 */
export function columnsAndScan(cols: Float32Array, N: number, enc: EncoderTables,
  lut: LutTables, exact: boolean, backend: Backend = current,
  out: Float32Array = allocateOutput(N, lut.M, false)): Float32Array {
  columnsRunner(cols, N, enc, lut, exact, N, backend)(0, N, out);
  return out;
}

/**
 * rowsRunner for column input: cols holds Q = 4·C columns of `stride` values each (value q of
 * row r is cols[q * stride + r]), run in chunks of 16-row blocks whose columns fill about
 * CHUNK_BYTES of kernel memory.
 */
export function columnsRunner(cols: Float32Array, stride: number, enc: EncoderTables,
  lut: LutTables, exact: boolean, maxRows: number, backend: Backend = current): RowsRunner {
  const M = lut.M;
  const Q = enc.C * 4;
  if (backend === 'scalar') {
    return (r0, r1, out) => {
      if (r1 <= r0) return;
      const Npad = paddedRows(r1 - r0);
      // (Q, Npad) f32: the range's columns, zero past its last row.
      const padded = new Float32Array(Q * Npad);
      for (let q = 0; q < Q; q++) {
        padded.set(cols.subarray(q * stride + r0, q * stride + r1), q * Npad);
      }
      const { codes, flags } = encodeColumns(padded, Npad, enc, backend);
      out.set(markNonFinite(scanCodes(codes, r1 - r0, lut, exact, backend), flags, M));
    };
  }
  const k = kernels();
  const arena = new Arena(k);
  const chunkRows = Math.min(paddedRows(Math.max(1, maxRows)),
    Math.max(16, 16 * Math.floor(COLUMN_CHUNK_BYTES / (4 * Q) / 16)));
  const p = placeColumns(arena, chunkRows, enc);
  const ps = placeScan(arena, chunkRows, lut, exact ? lut.shiftExact : lut.shiftAvg);
  // The chunk's columns (Q, Npad) f32, its outputs (chunkRows, M) f32 and row flags (chunkRows).
  const chunk = arena.f32(p.cols, Q * chunkRows);
  const chunkOut = arena.f32(ps.out, chunkRows * M);
  const flags = arena.u8(p.flags, chunkRows);
  return (r0, r1, out) => {
    for (let c0 = r0; c0 < r1; c0 += chunkRows) {
      const n = Math.min(r1, c0 + chunkRows) - c0;
      const Npad = paddedRows(n);
      // Column q of the chunk at q * Npad: the kernel's layout for Npad rows, zero past n.
      for (let q = 0; q < Q; q++) {
        const from = q * stride + c0;
        chunk.set(cols.subarray(from, from + n), q * Npad);
        chunk.fill(0, q * Npad + n, (q + 1) * Npad);
      }
      k.encode_u4(p.cols, Npad, enc.C, enc.Cs, p.offsets, p.scales, p.thresholds, p.codes,
        p.flags);
      runScan(k, exact, p.codes, n, lut, ps);
      const dst = out.subarray((c0 - r0) * M, (c0 - r0 + n) * M);
      dst.set(chunkOut.subarray(0, n * M));
      markNonFinite(dst, flags, M);
    }
  };
}

/**
 * A zeroed (N, M) f32 result, on a SharedArrayBuffer when `shared` (for threads to write), or
 * OutOfMemoryError when it cannot be allocated.
 */
export function allocateOutput(N: number, M: number, shared: boolean): Float32Array {
  try {
    return shared ? new Float32Array(new SharedArrayBuffer(4 * N * M)) : new Float32Array(N * M);
  } catch {
    throw new OutOfMemoryError(`a ${N}×${M} result`, 4 * N * M);
  }
}

interface ColumnPlacement {
  /** (Q, Npad) f32: the columns of Npad ≤ rows rows, zero past the last real row. */
  cols: number;
  offsets: number;
  scales: number;
  thresholds: number;
  /** (rows / 16, Cs / 2, 16) u8 and (rows) u8: the kernel's codes and row flags. */
  codes: number;
  flags: number;
}

/** Lays out the column encoder's buffers for up to `rows` rows (a multiple of 16). */
function placeColumns(arena: Arena, rows: number, enc: EncoderTables): ColumnPlacement {
  const Q = enc.C * 4;
  const p = {
    cols: arena.alloc(4 * Q * rows), offsets: arena.alloc(4 * Q), scales: arena.alloc(4 * Q),
    thresholds: arena.alloc(16 * Q), codes: arena.alloc(rows * (enc.Cs >> 1)),
    flags: arena.alloc(rows),
  };
  arena.f32(p.offsets, Q).set(enc.offsets);
  arena.f32(p.scales, Q).set(enc.scales);
  arena.i8(p.thresholds, 16 * Q).set(enc.thresholds);
  return p;
}

function runColumnEncoder(k: KernelExports, Npad: number, enc: EncoderTables,
  p: ColumnPlacement): void {
  k.encode_u4(p.cols, Npad, enc.C, enc.Cs, p.offsets, p.scales, p.thresholds, p.codes, p.flags);
}

/** Sets the outputs of flagged rows to NaN: their codes came from non-finite inputs. */
function markNonFinite(out: Float32Array, flags: Uint8Array, M: number): Float32Array {
  const N = out.length / M;
  for (let n = 0; n < N; n++) if (flags[n] !== 0) out.fill(NaN, n * M, (n + 1) * M);
  return out;
}

export interface EncoderPlacement {
  /** (chunkRows, D) f32: the rows of A being encoded, copied in one cache-sized chunk at a time. */
  chunk: number;
  chunkRows: number;
  dims: number;
  offsets: number;
  scales: number;
  thresholds: number;
  scratch: number;
  /** (codeRows / 16, Cs / 2, 16) u8 and (codeRows) u8: codes and row flags, codeRows ≥ 16. */
  codes: number;
  flags: number;
}

/**
 * Rows per chunk of row-major input: 16-row blocks filling about CHUNK_BYTES, at most N padded.
 * Rows of A go into kernel memory one chunk at a time, each encoded while it is still in
 * cache; a gather in JavaScript of the 4·C columns was slower than copy and kernel.
 */
export function encoderChunkRows(N: number, D: number): number {
  const rowBytes = 4 * Math.max(1, D);
  return Math.min(paddedRows(N), Math.max(16, 16 * Math.floor(CHUNK_BYTES / rowBytes / 16)));
}

/** Lays out the encoder's buffers: a chunk of chunkRows rows of D, codes for codeRows rows. */
export function placeEncoder(arena: Arena, D: number, chunkRows: number, codeRows: number,
  enc: EncoderTables): EncoderPlacement {
  const q = enc.C * 4;
  const p = {
    chunk: arena.alloc(4 * chunkRows * D),
    chunkRows,
    dims: arena.alloc(4 * q),
    offsets: arena.alloc(4 * q),
    scales: arena.alloc(4 * q),
    thresholds: arena.alloc(16 * q),
    scratch: arena.alloc(64 * q),
    codes: arena.alloc(paddedRows(codeRows) * (enc.Cs >> 1)),
    flags: arena.alloc(paddedRows(codeRows)),
  };
  arena.i32(p.dims, q).set(enc.dims);
  arena.f32(p.offsets, q).set(enc.offsets);
  arena.f32(p.scales, q).set(enc.scales);
  arena.i8(p.thresholds, 16 * q).set(enc.thresholds);
  return p;
}

/** Encodes every row of A into the codes and flags of `p` (placed for all of A's rows). */
function runEncoder(k: KernelExports, arena: Arena, A: Matrix, enc: EncoderTables,
  p: EncoderPlacement): void {
  const D = A.cols;
  const chunk = arena.f32(p.chunk, p.chunkRows * D);
  const blockBytes = 16 * (enc.Cs >> 1);
  for (let r0 = 0; r0 < A.rows; r0 += p.chunkRows) {
    const r1 = Math.min(A.rows, r0 + p.chunkRows);
    chunk.set(A.data.subarray(r0 * D, r1 * D));
    k.encodeRows_u4(p.chunk, r1 - r0, D, p.dims, enc.C, enc.Cs, p.offsets, p.scales,
      p.thresholds, p.codes + (r0 / 16) * blockBytes, p.flags + r0, p.scratch);
  }
}

export interface ScanPlacement {
  luts: number;
  invScale: number;
  shift: number;
  tmp: number;
  out: number;
}

/** Lays out the scan's buffers for N rows and writes its tables; `shift` is for the path run. */
export function placeScan(arena: Arena, N: number, lut: LutTables, shift: Float32Array):
  ScanPlacement {
  const p = {
    luts: arena.alloc(lut.luts.length),
    // (M) f32 each, padded to a multiple of 4: the scan reads them four at a time.
    invScale: arena.alloc(16 * Math.ceil(lut.M / 4)),
    shift: arena.alloc(16 * Math.ceil(lut.M / 4)),
    tmp: arena.alloc(scanScratchBytes(lut.M, lut.Cs)),
    // (paddedRows(N), M) f32: the scan writes whole 16-row blocks; rows past N are scratch.
    out: arena.alloc(4 * paddedRows(N) * lut.M),
  };
  arena.u8(p.luts, lut.luts.length).set(lut.luts);
  arena.f32(p.invScale, lut.M).set(lut.invScale);
  arena.f32(p.shift, lut.M).set(shift);
  return p;
}

function runScan(k: KernelExports, exact: boolean, codes: number, N: number,
  lut: LutTables, p: ScanPlacement): void {
  const scan = exact ? k.scanExact_u16 : k.scanAvg_u8;
  scan(codes, N, lut.Cs, p.luts, lut.M, p.invScale, p.shift, p.tmp, p.out);
}
export { fastJlRows, sparseRows, type SketchedRows, type SparseRows } from './sketch.js';
