/**
 * The Walsh–Hadamard matrix of order n = 2^k without forming it: entry (i, j) is
 * (−1)^popcount(i AND j) (Sylvester's construction), and the fast transform multiplies a
 * vector by it with n·log2(n) additions and subtractions and no multiplies.
 * @module
 */

/** The least power of two ≥ D (1 for D = 1). */
export function nextPowerOfTwo(D: number): number {
  let n = 1;
  while (n < D) n *= 2;
  return n;
}

/** Entry (i, j) of the unnormalized Hadamard matrix of any power-of-two order > max(i, j). */
export function hadamardEntry(i: number, j: number): number {
  let x = i & j;
  let parity = 0;
  while (x !== 0) {
    parity ^= 1;
    x &= x - 1;
  }
  return parity === 0 ? 1 : -1;
}

/** The fast transform, stage by stage (the kernels' twin defines its float32 order). */
export { fwht } from '../../kernels/scalar/fwht.js';
