/**
 * Scalar twins of the WebAssembly scan kernels `scanAvg_u8` and `scanExact_u16`
 * (assembly/scan.ts), same buffers and layouts. The integer sums are the same; the float
 * outputs are computed with the same float32 operations in the same order, so they agree
 * bit for bit.
 * @module
 */

/** (a + b + 1) >> 1, the rounding average of i8x16.avgr_u. */
function avgr(a: number, b: number): number {
  return (a + b + 1) >> 1;
}

/** Looked-up byte of codebook c for row r of a block (codes at `base`, tables of column m). */
function lookup(codes: Uint8Array, base: number, r: number, c: number, luts: Uint8Array,
  lut: number): number {
  const byte = codes[base + (c >> 1) * 16 + r];
  const code = c & 1 ? byte >> 4 : byte & 15;
  return luts[lut + c * 16 + code];
}

/** Pairwise tree average of codebooks [first, first + count), count a power of two ≥ 2. */
function treeAverage(codes: Uint8Array, base: number, r: number, first: number, count: number,
  luts: Uint8Array, lut: number): number {
  if (count === 2) {
    return avgr(lookup(codes, base, r, first, luts, lut),
      lookup(codes, base, r, first + 1, luts, lut));
  }
  const half = count >> 1;
  return avgr(treeAverage(codes, base, r, first, half, luts, lut),
    treeAverage(codes, base, r, first + half, half, luts, lut));
}

/**
 * Averaging scan: per row and column, groups of 16 codebooks (the last one 2, 4 or 8) are
 * averaged pairwise with rounding up, and the sum is estimated as Σ_g U_g · S_g.
 * @param codes (ceil(N / 16), Cs / 2, 16) u8
 * @param luts (M, Cs, 16) u8
 * @param invScale (M) f32; shift (M) f32
 * @param out (N, M) f32 row-major, written: y = total * invScale[m] + shift[m]
 */
export function scanAvgU8(codes: Uint8Array, N: number, Cs: number, luts: Uint8Array, M: number,
  invScale: Float32Array, shift: Float32Array, out: Float32Array): void {
  const groups = Cs >> 4;
  const last = Cs & 15;
  forEachOutput(N, M, Cs, invScale, shift, out, (base, r, lut) => {
    let total = 0;
    for (let g = 0; g < groups; g++) {
      total += 16 * treeAverage(codes, base, r, 16 * g, 16, luts, lut);
    }
    if (last > 0) total += last * treeAverage(codes, base, r, 16 * groups, last, luts, lut);
    return total;
  });
}

/** Exact scan: the plain integer sum of the looked-up bytes; same layouts as scanAvgU8. */
export function scanExactU16(codes: Uint8Array, N: number, Cs: number, luts: Uint8Array, M: number,
  invScale: Float32Array, shift: Float32Array, out: Float32Array): void {
  forEachOutput(N, M, Cs, invScale, shift, out, (base, r, lut) => {
    let total = 0;
    for (let c = 0; c < Cs; c++) total += lookup(codes, base, r, c, luts, lut);
    return total;
  });
}

/**
 * Calls `total(base, r, lut)` for every row and column (base: the row's code block, r: its
 * lane, lut: the column's tables) and writes the dequantized result.
 */
function forEachOutput(N: number, M: number, Cs: number, invScale: Float32Array,
  shift: Float32Array, out: Float32Array,
  total: (base: number, r: number, lut: number) => number): void {
  for (let n = 0; n < N; n++) {
    const base = (n >> 4) * (Cs >> 1) * 16;
    for (let m = 0; m < M; m++) {
      out[n * M + m] = dequantize(total(base, n & 15, m * Cs * 16), invScale[m], shift[m]);
    }
  }
}

/** total * invScale + shift in float32, as f32x4.mul then f32x4.add. */
export function dequantize(total: number, invScale: number, shift: number): number {
  return Math.fround(Math.fround(total * invScale) + shift);
}
