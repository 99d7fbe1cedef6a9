/**
 * Scalar twin of the WebAssembly probe `lookupRate_u8` (assembly/probe.ts): the same 8 chains
 * of acc = avgr(acc, acc[codes]) on 16 bytes each, and the sum of the final bytes.
 * @module
 */

/** See assembly/probe.ts: 8 chains, `iterations` rounds, the sum of all final bytes. */
export function lookupRateU8(iterations: number, seed: number): number {
  let total = 0;
  for (let chain = 0; chain < 8; chain++) {
    // (16) u8: the chain's accumulator, and its codes.
    let acc = ramp(seed * (chain + 1), 1, 255);
    const codes = ramp(seed + (chain >> 2), 7, 15);
    for (let i = 0; i < iterations; i++) {
      const table = acc;
      acc = Uint8Array.from(table, (a, lane) => (a + table[codes[lane]] + 1) >> 1);
    }
    for (const a of acc) total += a;
  }
  return total;
}

/** The 16 bytes (first + step * lane) & mask. */
function ramp(first: number, step: number, mask: number): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, lane) => (first + step * lane) & mask);
}

/** See assembly/probe.ts: the dependent chain of adds and xors, in int32 arithmetic. */
export function cycleChainI32(iterations: number, seed: number): number {
  let x = seed | 0;
  for (let i = 0; i < iterations; i++) {
    x = ((((((((x + i) ^ seed) + seed) ^ i) + i) ^ seed) + seed) ^ i) | 0;
  }
  return x;
}
