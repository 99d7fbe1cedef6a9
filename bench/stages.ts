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
  encoderChunkRows, placeEncoder, placeScan, type EncoderTables, type LutTables,
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

/** Times the stages of the query of `copies` (N × D each) with the given encoder and tables. */
export function stageTimes(copies: readonly Matrix[], enc: EncoderTables, lut: LutTables):
  StageTimes {
  const { rows: N, cols: D } = copies[0];
  const k = kernels();
  const arena = new Arena(k);
  // The query's own layout: rows of A in cache-sized chunks, codes and flags of all N rows.
  const p = placeEncoder(arena, D, encoderChunkRows(N, D), N, enc);
  const s = placeScan(arena, N, lut, lut.shiftAvg);
  const rows = p.chunkRows;
  const blockBytes = 16 * (enc.Cs >> 1);
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
      k.encodeRows_u4(p.chunk, Math.min(N, r0 + rows) - r0, D, p.dims, enc.C, enc.Cs,
        p.offsets, p.scales, p.thresholds, p.codes + (r0 / 16) * blockBytes, p.flags + r0,
        p.scratch);
    }
    return k.memory.buffer.byteLength;
  }, 9).medianMs;
  const scanKernelMs = timeMedian(() => {
    k.scanAvg_u8(p.codes, N, lut.Cs, s.luts, lut.M, s.invScale, s.shift, s.tmp, s.out);
    return k.memory.buffer.byteLength;
  }, 9).medianMs;
  return { copyMs, encodeKernelMs, scanKernelMs };
}

/** Rounds per second of a probe kernel run for `rounds` rounds, a new seed each time. */
function roundsPerSecond(probe: (rounds: number, seed: number) => number, rounds: number):
  number {
  let seed = 0;
  const ms = timeMedian(() => probe(rounds, seed++), 9, 3).medianMs;
  return rounds / (ms / 1000);
}

/** Byte lookups per second of the scan's inner step on registers (see assembly/probe.ts). */
export function probeLookupRate(): number {
  return 128 * roundsPerSecond(kernels().lookupRate_u8, 1 << 20);
}

/**
 * The core's clock, estimated from a chain of one-cycle integer operations (see
 * assembly/probe.ts): 8 per round, rounds per second times 8.
 */
export function probeClockHz(): number {
  return 8 * roundsPerSecond(kernels().cycleChain_i32, 1 << 24);
}
