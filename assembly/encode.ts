// MADDNESS encoder: four comparisons per (row, codebook) against quantized thresholds.
// See ALGORITHM.md section 3.
//
// encode_u4(cols, Npad, C, Cs, offsets, scales, thresholds, codes, flags)
//   cols:       (C * 4, Npad) f32; row q = c * 4 + t holds, for every row of A, the value of the
//               dim that codebook c splits on at level t (the host gathers them). Npad = N
//               rounded up to 16; the padding rows may hold anything, their codes are unused.
//   offsets:    (C, 4) f32 and scales: (C, 4) f32, a power of two: x_q = floor((x - off) * scale)
//               saturated to int8 (NaN becomes 0).
//   thresholds: (C, 4, 16) i8; level t reads entries 0 .. 2^t - 1, indexed by the code so far.
//   codes:      (Npad / 16, Cs / 2, 16) u8, written: byte (block, j, r) holds the code of row
//               block * 16 + r for codebook 2j in its low nibble and 2j + 1 in its high nibble.
//               Codebooks C .. Cs - 1 are padding for the scan and get code 0.
//   flags:      (Npad) u8, written: 1 where any value the encoder read for that row is NaN or
//               ±Infinity (its codes are then meaningless; the host turns its outputs to NaN),
//               else 0.
// 16 rows are encoded at once: lane r of an i8x16 is row r, and the per-row threshold is one
// byte shuffle of the level's 16-entry table by the partial codes.
//
// encodeRows_u4(a, N, D, dims, C, Cs, offsets, scales, thresholds, codes, flags, scratch)
//   The same codes from row-major A (N, D) f32 directly: dims (C * 4) i32 names the column
//   read at each (codebook, level); each block of 16 rows is first gathered into scratch
//   (C * 4, 16) f32, which stays in L1, then encoded as above. Rows past N in the last block
//   are gathered as zeros. Codes as for encode_u4, for ceil(N / 16) blocks; flags (16 per
//   block) mark rows with a NaN or ±Infinity anywhere in their D values, read or not, so that
//   a row's output is NaN exactly when the exact product's row would not be finite data.

import { lookup16 } from './util/lookup';

export function encode_u4(
  cols: usize, Npad: i32, C: i32, Cs: i32,
  offsets: usize, scales: usize, thresholds: usize, codes: usize, flags: usize,
): void {
  const blocks = Npad >> 4;
  const pairs = Cs >> 1;
  const colBytes = <usize>Npad << 2;
  for (let blk = 0; blk < blocks; blk++) {
    const block = cols + (<usize>blk << 6);
    encodePairs(block, colBytes, C, pairs, offsets, scales, thresholds,
      codes + <usize>blk * <usize>pairs * 16);
    v128.store(flags + (<usize>blk << 4), nonFinite(block, colBytes, C * 4));
  }
}

export function encodeRows_u4(
  a: usize, N: i32, D: i32, dims: usize, C: i32, Cs: i32,
  offsets: usize, scales: usize, thresholds: usize, codes: usize, flags: usize, scratch: usize,
): void {
  const pairs = Cs >> 1;
  const Q = C * 4;
  const rowBytes = <usize>D << 2;
  for (let row = 0; row < N; row += 16) {
    const rows = min(16, N - row);
    const src = a + <usize>row * rowBytes;
    // Row by row, so that A is read in address order and the prefetcher can follow it.
    for (let r = 0; r < 16; r++) {
      const at = src + <usize>r * rowBytes;
      const dst = scratch + (<usize>r << 2);
      if (r < rows) {
        for (let q = 0; q < Q; q++) {
          const col = <usize>load<i32>(dims + (<usize>q << 2)) << 2;
          store<f32>(dst + (<usize>q << 6), load<f32>(at + col));
        }
      } else {
        for (let q = 0; q < Q; q++) store<f32>(dst + (<usize>q << 6), 0);
      }
    }
    encodePairs(scratch, 64, C, pairs, offsets, scales, thresholds,
      codes + <usize>(row >> 4) * <usize>pairs * 16);
    for (let r = 0; r < 16; r++) {
      const bad: u8 = r < rows ? rowNonFinite(src + <usize>r * rowBytes, D) : 0;
      store<u8>(flags + <usize>(row + r), bad);
    }
  }
}

// Per row of a 16-row block (one byte each): 1 if any of its Q columns is NaN or ±Infinity.
// x * 0 is ±0 for every finite x and NaN otherwise, and a sum of zeros cannot overflow, so one
// multiply and one add per vector suffice, with a single comparison at the end.
@inline
function nonFinite(cols: usize, colBytes: usize, Q: i32): v128 {
  const zero = f32x4.splat(0);
  let s0 = zero, s1 = zero, s2 = zero, s3 = zero;
  for (let q = 0; q < Q; q++) {
    const src = cols + <usize>q * colBytes;
    s0 = f32x4.add(s0, f32x4.mul(v128.load(src, 0), zero));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(src, 16), zero));
    s2 = f32x4.add(s2, f32x4.mul(v128.load(src, 32), zero));
    s3 = f32x4.add(s3, f32x4.mul(v128.load(src, 48), zero));
  }
  const m01 = i16x8.narrow_i32x4_s(f32x4.ne(s0, zero), f32x4.ne(s1, zero));
  const m23 = i16x8.narrow_i32x4_s(f32x4.ne(s2, zero), f32x4.ne(s3, zero));
  return v128.and(i8x16.narrow_i16x8_s(m01, m23), i8x16.splat(1));
}

// 1 if any of the D values at `row` is NaN or ±Infinity. A plain sum is finite when all values
// are, unless it overflows; only a sum that is not finite (rare for real data) pays for the
// exact test, where x * 0 is ±0 for finite x and NaN otherwise.
@inline
function rowNonFinite(row: usize, D: i32): u8 {
  const zero = f32x4.splat(0);
  let s0 = zero, s1 = zero;
  let k = 0;
  for (; k + 8 <= D; k += 8) {
    const at = row + (<usize>k << 2);
    s0 = f32x4.add(s0, v128.load(at));
    s1 = f32x4.add(s1, v128.load(at, 16));
  }
  let tail: f32 = 0;
  for (; k < D; k++) tail += load<f32>(row + (<usize>k << 2));
  const s = f32x4.add(s0, s1);
  const sum = f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) +
    f32x4.extract_lane(s, 3) + tail;
  if (sum - sum == 0) return 0;
  for (let j = 0; j < D; j++) {
    const x = load<f32>(row + (<usize>j << 2));
    if (x * 0 != 0) return 1;
  }
  return 0;
}

// Codes of one 16-row block for all codebook pairs; column q of the block is at
// cols + q * colBytes.
@inline
function encodePairs(
  cols: usize, colBytes: usize, C: i32, pairs: i32,
  offsets: usize, scales: usize, thresholds: usize, out: usize,
): void {
  for (let j = 0; j < pairs; j++) {
    const c0 = 2 * j;
    const lo = c0 < C ? encodeBlock(cols, colBytes, c0, offsets, scales, thresholds)
      : i8x16.splat(0);
    const hi = c0 + 1 < C ? encodeBlock(cols, colBytes, c0 + 1, offsets, scales, thresholds)
      : i8x16.splat(0);
    v128.store(out + (<usize>j << 4), v128.or(lo, i8x16.shl(hi, 4)));
  }
}

@inline
function encodeBlock(
  cols: usize, colBytes: usize, c: i32, offsets: usize, scales: usize, thresholds: usize,
): v128 {
  let code = i8x16.splat(0);
  const one = i8x16.splat(1);
  for (let t = 0; t < 4; t++) {
    const q = c * 4 + t;
    const src = cols + <usize>q * colBytes;
    const off = f32x4.splat(load<f32>(offsets + (<usize>q << 2)));
    const scale = f32x4.splat(load<f32>(scales + (<usize>q << 2)));
    const x0 = quantize(v128.load(src, 0), off, scale);
    const x1 = quantize(v128.load(src, 16), off, scale);
    const x2 = quantize(v128.load(src, 32), off, scale);
    const x3 = quantize(v128.load(src, 48), off, scale);
    const x = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(x0, x1), i16x8.narrow_i32x4_s(x2, x3));
    const threshold = lookup16(v128.load(thresholds + (<usize>q << 4)), code);
    code = v128.or(i8x16.shl(code, 1), v128.and(i8x16.ge_s(x, threshold), one));
  }
  return code;
}

@inline
function quantize(x: v128, off: v128, scale: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(f32x4.floor(f32x4.mul(f32x4.sub(x, off), scale)));
}
