/**
 * The stages of one row-major MADDNESS query, timed apart for the speed benchmark, and the
 * machine limits they are held to: the copy of A into kernel memory (against one plain read
 * of A), the encoder kernel on rows already in kernel memory (the full-row finiteness check,
 * the gather of 4·C columns, the comparisons), and the scan kernel (against the rate of its
 * inner step on registers, `lookupRate_u8`, and per cycle of the clock that `cycleChain_i32`
 * estimates). Each is the median of repeats after warm-up.
 */
import type { Matrix } from '../src/core/matrix.js';
import { timeMedian } from '../src/core/timing.js';
import {
  CHUNK_BYTES, paddedRows, scanScratchBytes, type EncoderTables, type LutTables,
} from '../src/kernels/index.js';
import { Arena, kernels } from '../src/kernels/wasm/loader.js';

/** Stage times of one query shape, in ms, and the scan's lookup rate. */
export interface StageTimes {
  /** A copied into kernel memory in the query's chunks, A cycled through `copies`. */
  readonly copyMs: number;
  /** encodeRows_u4 over N rows held in one chunk of kernel memory (as in the query). */
  readonly encodeKernelMs: number;
  /** scanAvg_u8 over N rows' codes in kernel memory. */
  readonly scanKernelMs: number;
}

/** Rows per chunk of the query path for rows of D values (see encoderChunkRows). */
function chunkRows(N: number, D: number): number {
  return Math.min(paddedRows(N), Math.max(16, 16 * Math.floor(CHUNK_BYTES / (4 * D) / 16)));
}

/** Times the stages of the query of `copies` (N × D each) with the given encoder and tables. */
export function stageTimes(copies: readonly Matrix[], enc: EncoderTables, lut: LutTables):
  StageTimes {
  const { rows: N, cols: D } = copies[0];
  const k = kernels();
  const arena = new Arena(k);
  const rows = chunkRows(N, D);
  const Q = enc.C * 4;
  const pairs = enc.Cs >> 1;
  const Npad = paddedRows(N);
  const p = {
    chunk: arena.alloc(4 * rows * D), dims: arena.alloc(4 * Q), off: arena.alloc(4 * Q),
    scales: arena.alloc(4 * Q), thr: arena.alloc(16 * Q), scratch: arena.alloc(64 * Q),
    codes: arena.alloc(Npad * pairs), flags: arena.alloc(Npad), luts: arena.alloc(lut.luts.length),
    inv: arena.alloc(16 * Math.ceil(lut.M / 4)), shift: arena.alloc(16 * Math.ceil(lut.M / 4)),
    tmp: arena.alloc(scanScratchBytes(lut.M, lut.Cs)), out: arena.alloc(4 * Npad * lut.M),
  };
  arena.i32(p.dims, Q).set(enc.dims);
  arena.f32(p.off, Q).set(enc.offsets);
  arena.f32(p.scales, Q).set(enc.scales);
  arena.i8(p.thr, 16 * Q).set(enc.thresholds);
  arena.u8(p.luts, lut.luts.length).set(lut.luts);
  arena.f32(p.inv, lut.M).set(lut.invScale);
  arena.f32(p.shift, lut.M).set(lut.shiftAvg);
  const chunk = arena.f32(p.chunk, rows * D);
  chunk.set(copies[0].data.subarray(0, rows * D));

  let turn = 0;
  const copyMs = timeMedian(() => {
    const A = copies[turn++ % copies.length].data;
    for (let r0 = 0; r0 < N; r0 += rows) {
      chunk.set(A.subarray(r0 * D, Math.min(N, r0 + rows) * D));
    }
    return chunk[0];
  }, 9).medianMs;
  // The codes of every chunk go to their place in p.codes, so that the scan below reads the
  // codes of N rows; the chunk's rows are the same each time (they stay in cache, as in the
  // query, where each chunk is encoded right after its copy).
  const encodeKernelMs = timeMedian(() => {
    for (let r0 = 0; r0 < N; r0 += rows) {
      k.encodeRows_u4(p.chunk, Math.min(N, r0 + rows) - r0, D, p.dims, enc.C, enc.Cs, p.off,
        p.scales, p.thr, p.codes + (r0 / 16) * 16 * pairs, p.flags + r0, p.scratch);
    }
    return k.memory.buffer.byteLength;
  }, 9).medianMs;
  const scanKernelMs = timeMedian(() => {
    k.scanAvg_u8(p.codes, N, lut.Cs, p.luts, lut.M, p.inv, p.shift, p.tmp, p.out);
    return k.memory.buffer.byteLength;
  }, 9).medianMs;
  return { copyMs, encodeKernelMs, scanKernelMs };
}

/** Byte lookups per second of the scan's inner step on registers (see assembly/probe.ts). */
export function probeLookupRate(): number {
  const k = kernels();
  const rounds = 1 << 20;
  let seed = 0;
  const ms = timeMedian(() => k.lookupRate_u8(rounds, seed++), 9, 3).medianMs;
  return (128 * rounds) / (ms / 1000);
}

/**
 * The core's clock, estimated from a chain of one-cycle integer operations (see
 * assembly/probe.ts): 8 per round, rounds per second times 8.
 */
export function probeClockHz(): number {
  const k = kernels();
  const rounds = 1 << 24;
  let seed = 0;
  const ms = timeMedian(() => k.cycleChain_i32(rounds, seed++), 9, 3).medianMs;
  return (8 * rounds) / (ms / 1000);
}
