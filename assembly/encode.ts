// MADDNESS encoder: four comparisons per (row, codebook) against quantized thresholds.
// See ALGORITHM.md section 3.
//
// encode_u4(cols, Npad, C, Cs, offsets, scales, thresholds, codes)
//   cols:       (C * 4, Npad) f32; row q = c * 4 + t holds, for every row of A, the value of the
//               dim that codebook c splits on at level t (the host gathers them). Npad = N
//               rounded up to 16; the padding rows may hold anything, their codes are unused.
//   offsets:    (C, 4) f32 and scales: (C, 4) f32, a power of two: x_q = floor((x - off) * scale)
//               saturated to int8 (NaN becomes 0).
//   thresholds: (C, 4, 16) i8; level t reads entries 0 .. 2^t - 1, indexed by the code so far.
//   codes:      (Npad / 16, Cs / 2, 16) u8, written: byte (block, j, r) holds the code of row
//               block * 16 + r for codebook 2j in its low nibble and 2j + 1 in its high nibble.
//               Codebooks C .. Cs - 1 are padding for the scan and get code 0.
// 16 rows are encoded at once: lane r of an i8x16 is row r, and the per-row threshold is one
// byte shuffle of the level's 16-entry table by the partial codes.

export function encode_u4(
  cols: usize, Npad: i32, C: i32, Cs: i32,
  offsets: usize, scales: usize, thresholds: usize, codes: usize,
): void {
  const blocks = Npad >> 4;
  const pairs = Cs >> 1;
  const colBytes = <usize>Npad << 2;
  for (let blk = 0; blk < blocks; blk++) {
    const rowOffset = <usize>blk << 6;
    const out = codes + <usize>blk * <usize>pairs * 16;
    for (let j = 0; j < pairs; j++) {
      const c0 = 2 * j;
      const lo = c0 < C ? encodeBlock(cols, colBytes, rowOffset, c0, offsets, scales, thresholds)
        : i8x16.splat(0);
      const hi = c0 + 1 < C
        ? encodeBlock(cols, colBytes, rowOffset, c0 + 1, offsets, scales, thresholds)
        : i8x16.splat(0);
      v128.store(out + (<usize>j << 4), v128.or(lo, i8x16.shl(hi, 4)));
    }
  }
}

@inline
function encodeBlock(
  cols: usize, colBytes: usize, rowOffset: usize, c: i32,
  offsets: usize, scales: usize, thresholds: usize,
): v128 {
  let code = i8x16.splat(0);
  const one = i8x16.splat(1);
  for (let t = 0; t < 4; t++) {
    const q = c * 4 + t;
    const src = cols + <usize>q * colBytes + rowOffset;
    const off = f32x4.splat(load<f32>(offsets + (<usize>q << 2)));
    const scale = f32x4.splat(load<f32>(scales + (<usize>q << 2)));
    const x0 = quantize(v128.load(src, 0), off, scale);
    const x1 = quantize(v128.load(src, 16), off, scale);
    const x2 = quantize(v128.load(src, 32), off, scale);
    const x3 = quantize(v128.load(src, 48), off, scale);
    const x = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(x0, x1), i16x8.narrow_i32x4_s(x2, x3));
    const threshold = i8x16.swizzle(v128.load(thresholds + (<usize>q << 4)), code);
    code = v128.or(i8x16.shl(code, 1), v128.and(i8x16.ge_s(x, threshold), one));
  }
  return code;
}

@inline
function quantize(x: v128, off: v128, scale: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(f32x4.floor(f32x4.mul(f32x4.sub(x, off), scale)));
}
