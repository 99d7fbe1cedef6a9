// MADDNESS scan: per row, look up each codebook's table byte and sum. See ALGORITHM.md section 5.
//
// scanAvg_u8(codes, N, Cs, luts, M, invScale, shift, tmp, out)
// scanExact_u16(codes, N, Cs, luts, M, invScale, shift, tmp, out)
//   codes:    (ceil(N / 16), Cs / 2, 16) u8, the encoder's layout (two codebooks per byte).
//   luts:     (M, Cs, 16) u8: entry k of codebook c for output column m.
//   Cs:       codebooks after padding, 16 * G + R with R in {0, 2, 4, 8}; padding tables are zero.
//   invScale: (M) f32, shift: (M) f32; output y = total * invScale[m] + shift[m], where total is
//             the (estimated) integer sum over codebooks; the host folds offsets and debias
//             into shift.
//   tmp:      scratch of M * 16 f32 (one block's outputs, column-major) followed by Cs * 16
//             bytes (the block's codes with one code per byte, unpacked once for all M columns).
//   out:      (N, M) f32 row-major, written; rows of the last block past N are not written.
// Averaging path: i8x16.avgr_u ((a + b + 1) >> 1) in a balanced pairwise tree over each group of
// 16 codebooks (or the smaller last group); a group's byte S estimates its sum as U * S, and
// the widening to 16 bits is a zero extension. Exact path: every looked-up byte is widened and
// added. Every sum fits 16 bits: at most 256 codebooks of at most 255. Outputs are written as
// 4 × 4 tiles transposed in registers; the columns past the last multiple of 4 one at a time.

import { lookup16 } from './util/lookup';

export function scanAvg_u8(
  codes: usize, N: i32, Cs: i32, luts: usize, M: i32,
  invScale: usize, shift: usize, tmp: usize, out: usize,
): void {
  const groups = Cs >> 4;
  const lastPairs = (Cs & 15) >> 1;
  const lastShift = <u8>(lastPairs == 4 ? 3 : lastPairs == 2 ? 2 : 1);
  const blockCodeBytes = <usize>(Cs >> 1) << 4;
  const lutBytes = <usize>Cs << 4;
  const codeBase = tmp + (<usize>M << 6);
  for (let row = 0; row < N; row += 16) {
    unpack(codes + <usize>(row >> 4) * blockCodeBytes, Cs >> 1, codeBase);
    if (Cs == 16) {
      // One group: its total is 16 * S, formed by the shift inside the widening.
      for (let m = 0; m < M; m++) {
        const s = avg16(codeBase, luts + <usize>m * lutBytes);
        dequantize(i16x8.shl(i16x8.extend_low_i8x16_u(s), 4),
          i16x8.shl(i16x8.extend_high_i8x16_u(s), 4), invScale, shift, m, tmp);
      }
      scatterRows(tmp, out, row, min(16, N - row), M);
      continue;
    }
    for (let m = 0; m < M; m++) {
      const lut = luts + <usize>m * lutBytes;
      let lo = i16x8.splat(0), hi = i16x8.splat(0);
      for (let g = 0; g < groups; g++) {
        const s = avg16(codeBase + (<usize>g << 8), lut + (<usize>g << 8));
        lo = i16x8.add(lo, i16x8.extend_low_i8x16_u(s));
        hi = i16x8.add(hi, i16x8.extend_high_i8x16_u(s));
      }
      lo = i16x8.shl(lo, 4);
      hi = i16x8.shl(hi, 4);
      if (lastPairs > 0) {
        const s = avgSmall(codeBase + (<usize>groups << 8), lut + (<usize>groups << 8), lastPairs);
        lo = i16x8.add(lo, i16x8.shl(i16x8.extend_low_i8x16_u(s), lastShift));
        hi = i16x8.add(hi, i16x8.shl(i16x8.extend_high_i8x16_u(s), lastShift));
      }
      dequantize(lo, hi, invScale, shift, m, tmp);
    }
    scatterRows(tmp, out, row, min(16, N - row), M);
  }
}

export function scanExact_u16(
  codes: usize, N: i32, Cs: i32, luts: usize, M: i32,
  invScale: usize, shift: usize, tmp: usize, out: usize,
): void {
  const pairs = Cs >> 1;
  const blockCodeBytes = <usize>pairs << 4;
  const lutBytes = <usize>Cs << 4;
  const codeBase = tmp + (<usize>M << 6);
  for (let row = 0; row < N; row += 16) {
    unpack(codes + <usize>(row >> 4) * blockCodeBytes, pairs, codeBase);
    for (let m = 0; m < M; m++) {
      const lut = luts + <usize>m * lutBytes;
      let lo = i16x8.splat(0), hi = i16x8.splat(0);
      for (let j = 0; j < pairs; j++) {
        const at = <usize>j << 5;
        const a = lookup16(v128.load(lut + at), v128.load(codeBase + at));
        const b = lookup16(v128.load(lut + at, 16), v128.load(codeBase + at, 16));
        lo = i16x8.add(lo, i16x8.add(i16x8.extend_low_i8x16_u(a), i16x8.extend_low_i8x16_u(b)));
        hi = i16x8.add(hi, i16x8.add(i16x8.extend_high_i8x16_u(a), i16x8.extend_high_i8x16_u(b)));
      }
      dequantize(lo, hi, invScale, shift, m, tmp);
    }
    scatterRows(tmp, out, row, min(16, N - row), M);
  }
}

// One block's packed codes (pairs, 16) to one code per byte (2 * pairs, 16), so that the
// nibble split is done once per block instead of once per output column.
@inline
function unpack(packed: usize, pairs: i32, dst: usize): void {
  const low = i8x16.splat(15);
  for (let j = 0; j < pairs; j++) {
    const v = v128.load(packed + (<usize>j << 4));
    v128.store(dst + (<usize>j << 5), v128.and(v, low));
    v128.store(dst + (<usize>j << 5), i8x16.shr_u(v, 4), 16);
  }
}

// Average of two consecutive codebooks' lookups (unpacked codes and tables both at 16 bytes
// per codebook).
@inline
function pairAvg(codes: usize, lut: usize): v128 {
  const a = lookup16(v128.load(lut), v128.load(codes));
  const b = lookup16(v128.load(lut, 16), v128.load(codes, 16));
  return i8x16.avgr_u(a, b);
}

@inline
function avg16(codes: usize, lut: usize): v128 {
  const a0 = pairAvg(codes, lut), a1 = pairAvg(codes + 32, lut + 32);
  const a2 = pairAvg(codes + 64, lut + 64), a3 = pairAvg(codes + 96, lut + 96);
  const a4 = pairAvg(codes + 128, lut + 128), a5 = pairAvg(codes + 160, lut + 160);
  const a6 = pairAvg(codes + 192, lut + 192), a7 = pairAvg(codes + 224, lut + 224);
  const b0 = i8x16.avgr_u(a0, a1), b1 = i8x16.avgr_u(a2, a3);
  const b2 = i8x16.avgr_u(a4, a5), b3 = i8x16.avgr_u(a6, a7);
  return i8x16.avgr_u(i8x16.avgr_u(b0, b1), i8x16.avgr_u(b2, b3));
}

// The last group of 2, 4 or 8 codebooks (1, 2 or 4 code vectors), same pairwise tree.
function avgSmall(codes: usize, lut: usize, pairs: i32): v128 {
  const a0 = pairAvg(codes, lut);
  if (pairs == 1) return a0;
  const a1 = pairAvg(codes + 32, lut + 32);
  if (pairs == 2) return i8x16.avgr_u(a0, a1);
  const a2 = pairAvg(codes + 64, lut + 64), a3 = pairAvg(codes + 96, lut + 96);
  return i8x16.avgr_u(i8x16.avgr_u(a0, a1), i8x16.avgr_u(a2, a3));
}

// 16 u16 totals (rows 0-7 in lo, 8-15 in hi) to f32 outputs of column m, kept in tmp. The
// totals are below 2^16, so the signed conversion (one instruction on x64; the unsigned one is
// emulated) gives the same floats.
@inline
function dequantize(lo: v128, hi: v128, invScale: usize, shift: usize, m: i32, tmp: usize): void {
  const k = f32x4.splat(load<f32>(invScale + (<usize>m << 2)));
  const s = f32x4.splat(load<f32>(shift + (<usize>m << 2)));
  const dst = tmp + (<usize>m << 6);
  v128.store(dst, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(lo)), k), s));
  v128.store(dst, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(lo)), k), s),
    16);
  v128.store(dst, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(hi)), k), s),
    32);
  v128.store(dst, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(hi)), k), s),
    48);
}

// tmp (M, 16) column-major block to `rows` rows of out (N, M) row-major.
@inline
function scatterRows(tmp: usize, out: usize, row: i32, rows: i32, M: i32): void {
  const outRow = <usize>M << 2;
  const base = out + <usize>row * outRow;
  let m = 0;
  if (rows == 16) {
    for (; m + 4 <= M; m += 4) {
      const src = tmp + (<usize>m << 6);
      const dst = base + (<usize>m << 2);
      for (let r = 0; r < 16; r += 4) {
        const c0 = v128.load(src + (<usize>r << 2));
        const c1 = v128.load(src + (<usize>r << 2), 64);
        const c2 = v128.load(src + (<usize>r << 2), 128);
        const c3 = v128.load(src + (<usize>r << 2), 192);
        const t0 = i32x4.shuffle(c0, c1, 0, 4, 1, 5);
        const t1 = i32x4.shuffle(c2, c3, 0, 4, 1, 5);
        const t2 = i32x4.shuffle(c0, c1, 2, 6, 3, 7);
        const t3 = i32x4.shuffle(c2, c3, 2, 6, 3, 7);
        const at = dst + <usize>r * outRow;
        v128.store(at, i64x2.shuffle(t0, t1, 0, 2));
        v128.store(at + outRow, i64x2.shuffle(t0, t1, 1, 3));
        v128.store(at + 2 * outRow, i64x2.shuffle(t2, t3, 0, 2));
        v128.store(at + 3 * outRow, i64x2.shuffle(t2, t3, 1, 3));
      }
    }
  }
  for (; m < M; m++) {
    const src = tmp + (<usize>m << 6);
    for (let r = 0; r < rows; r++) {
      store<f32>(base + <usize>r * outRow + (<usize>m << 2), load<f32>(src + (<usize>r << 2)));
    }
  }
}
