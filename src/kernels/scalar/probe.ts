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
    let acc = Uint8Array.from({ length: 16 }, (_, lane) => (seed * (chain + 1) + lane) & 255);
    const codes = Uint8Array.from({ length: 16 }, (_, lane) => (seed + 7 * lane + (chain >> 2)) & 15);
    for (let i = 0; i < iterations; i++) {
      const table = acc;
      acc = Uint8Array.from(table, (a, lane) => (a + table[codes[lane]] + 1) >> 1);
    }
    for (const a of acc) total += a;
  }
  return total;
}

/** See assembly/probe.ts: the dependent chain of adds and xors, in int32 arithmetic. */
export function cycleChainI32(iterations: number, seed: number): number {
  let x = seed | 0;
  for (let i = 0; i < iterations; i++) {
    x = ((((((((x + i) ^ seed) + seed) ^ i) + i) ^ seed) + seed) ^ i) | 0;
  }
  return x;
}
