// Machine-limit probe for the benchmarks (not used by any method): the rate of the scan's inner
// step, one 16-byte table shuffle by codes and one rounding average, with no memory traffic.
//
// lookupRate_u8(iterations, seed) -> i32
//   Runs 8 independent chains for `iterations` rounds; each round of a chain is
//   acc = avgr_u(acc, lookup16(acc, codes)): the accumulator is its own table, so that no step
//   can be hoisted out of the loop, and 8 chains keep more steps in flight than the shuffle
//   units can start (a chain's step waits about 2 cycles on the one before). One round is 128
//   byte lookups. Chains 0-3 use the codes (seed + 7 * lane) & 15, chains 4-7 the codes
//   (seed + 7 * lane + 1) & 15 (two code vectors, so that the 8 accumulators, the codes and a
//   temporary fit x64's 16 vector registers: a spilled chain would time the spill instead);
//   accumulators start at bytes (seed * (chain + 1) + lane) & 255. Returns the sum of all
//   accumulator bytes, so that the work cannot be dropped (the scalar twin computes the same).

import { lookup16 } from './util/lookup';

export function lookupRate_u8(iterations: i32, seed: i32): i32 {
  let a0 = ramp(seed, 1, 255), a1 = ramp(2 * seed, 1, 255), a2 = ramp(3 * seed, 1, 255);
  let a3 = ramp(4 * seed, 1, 255), a4 = ramp(5 * seed, 1, 255), a5 = ramp(6 * seed, 1, 255);
  let a6 = ramp(7 * seed, 1, 255), a7 = ramp(8 * seed, 1, 255);
  const c0 = ramp(seed, 7, 15), c1 = ramp(seed + 1, 7, 15);
  for (let i = 0; i < iterations; i++) {
    a0 = i8x16.avgr_u(a0, lookup16(a0, c0));
    a1 = i8x16.avgr_u(a1, lookup16(a1, c0));
    a2 = i8x16.avgr_u(a2, lookup16(a2, c0));
    a3 = i8x16.avgr_u(a3, lookup16(a3, c0));
    a4 = i8x16.avgr_u(a4, lookup16(a4, c1));
    a5 = i8x16.avgr_u(a5, lookup16(a5, c1));
    a6 = i8x16.avgr_u(a6, lookup16(a6, c1));
    a7 = i8x16.avgr_u(a7, lookup16(a7, c1));
  }
  return byteSum(a0) + byteSum(a1) + byteSum(a2) + byteSum(a3) + byteSum(a4) + byteSum(a5) +
    byteSum(a6) + byteSum(a7);
}

// The bytes (first + step * lane) & mask, lane 0 to 15.
function ramp(first: i32, step: i32, mask: i32): v128 {
  let v = i8x16.splat(0);
  for (let lane = 0; lane < 16; lane++) {
    v = i8x16.replace_lane(v, 0, <i8>((first + step * lane) & mask));
    v = i8x16.shuffle(v, v, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0);
  }
  return v;
}

function byteSum(v: v128): i32 {
  const s = i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(v));
  return i32x4.extract_lane(s, 0) + i32x4.extract_lane(s, 1) + i32x4.extract_lane(s, 2) +
    i32x4.extract_lane(s, 3);
}

// cycleChain_i32(iterations, seed) -> i32
//   A chain of 8 dependent one-cycle integer operations (add, xor) per round, for `iterations`
//   rounds: its time over 8 · iterations estimates the core's clock, against which the scan's
//   rate is stated in lookups per cycle. The loop's own counter runs beside the chain.
export function cycleChain_i32(iterations: i32, seed: i32): i32 {
  let x = seed;
  for (let i = 0; i < iterations; i++) {
    x = ((((((((x + i) ^ seed) + seed) ^ i) + i) ^ seed) + seed) ^ i);
  }
  return x;
}
