/**
 * Scalar twin of the WebAssembly kernel `encode_u4` (assembly/encode.ts), same buffers and
 * layouts; integer output, so the two must agree exactly.
 * @module
 */

/**
 * Quantizes one value for the int8 encoder: floor((x - off) * scale) saturated to [-128, 127],
 * NaN to 127 (the kernel's first clamp maps it there; such a row is flagged and its codes go
 * unused), in float32 arithmetic as the SIMD lanes do it.
 */
export function quantizeValue(x: number, off: number, scale: number): number {
  const q = Math.floor(Math.fround(Math.fround(x - off) * scale));
  if (q !== q) return 127;
  return q < -128 ? -128 : q > 127 ? 127 : q;
}

/**
 * Encodes rows to packed 4-bit codes.
 * @param cols (C * 4, Npad) f32: row q = c * 4 + t is the split dim of codebook c at level t
 * @param Npad rows rounded up to a multiple of 16
 * @param C codebooks; Cs codebooks after the scan's padding (even, ≥ C)
 * @param offsets (C, 4) f32; scales (C, 4) f32
 * @param thresholds (C, 4, 16) i8
 * @param codes (Npad / 16, Cs / 2, 16) u8, written
 * @param flags (Npad) u8, written: 1 where a value read for the row is NaN or ±Infinity
 */
export function encodeU4(
  cols: Float32Array, Npad: number, C: number, Cs: number,
  offsets: Float32Array, scales: Float32Array, thresholds: Int8Array, codes: Uint8Array,
  flags: Uint8Array,
): void {
  const pairs = Cs >> 1;
  for (let n = 0; n < Npad; n++) {
    let bad = 0;
    for (let q = 0; q < 4 * C; q++) if (!Number.isFinite(cols[q * Npad + n])) bad = 1;
    flags[n] = bad;
    const blk = n >> 4;
    const r = n & 15;
    for (let j = 0; j < pairs; j++) {
      const lo = 2 * j < C ? encodeOne(cols, Npad, n, 2 * j, offsets, scales, thresholds) : 0;
      const hi = 2 * j + 1 < C ? encodeOne(cols, Npad, n, 2 * j + 1, offsets, scales, thresholds)
        : 0;
      codes[(blk * pairs + j) * 16 + r] = lo | (hi << 4);
    }
  }
}

/** The code (0..15) of row n for codebook c; the first split is the most significant bit. */
export function encodeOne(
  cols: Float32Array, Npad: number, n: number, c: number,
  offsets: Float32Array, scales: Float32Array, thresholds: Int8Array,
): number {
  let code = 0;
  for (let t = 0; t < 4; t++) {
    const q = c * 4 + t;
    const x = quantizeValue(cols[q * Npad + n], offsets[q], scales[q]);
    code = 2 * code + (x >= thresholds[q * 16 + code] ? 1 : 0);
  }
  return code;
}
