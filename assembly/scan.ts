// MADDNESS scan: per row, look up each codebook's table byte and sum. See ALGORITHM.md section 5.
//
// scanAvg_u8(codes, N, Cs, luts, M, invScale, shift, tmp, out)
// scanExact_u16(codes, N, Cs, luts, M, invScale, shift, tmp, out)
//   codes:    (ceil(N / 16), Cs / 2, 16) u8, the encoder's layout (two codebooks per byte).
//   luts:     (M, Cs, 16) u8: entry k of codebook c for output column m.
//   Cs:       codebooks after padding, 16 * G + R with R in {0, 2, 4, 8}; padding tables are zero.
//   invScale: (M) f32, shift: (M) f32; output y = total * invScale[m] + shift[m], where total is
//             the (estimated) integer sum over codebooks; the host folds offsets and debias
//             into shift. Both are read four at a time: the host pads them to a multiple of 4.
//   tmp:      scratch of scanScratchBytes(M, Cs) = 32 * M + 16 * Cs + 64 bytes: one block's
//             totals (M, 2, 8) u16 (per column the even rows 0, 2, .., 14, then the odd rows),
//             the block's codes one per byte (Cs, 16) u8, and 64 bytes of fence slots.
//   out:      (ceil(N / 16) * 16, M) f32 row-major, written in whole 16-row blocks: the rows past
//             N are scratch that the host does not read.
// Averaging path: i8x16.avgr_u ((a + b + 1) >> 1) in a balanced pairwise tree over each group of
// 16 codebooks (or the smaller last group); a group's byte S estimates its sum as U * S. Exact
// path: every looked-up byte is added in 16 bits. Every sum fits 16 bits: at most 256
// codebooks of at most 255.
// Bytes widen to u16 by a mask (even rows) and a shift (odd rows): two ALU operations that
// leave the byte-shuffle units to the lookups. Columns are dequantized four at a time after a
// transpose in registers, so that each row's four outputs go out in one store; columns past
// the last multiple of 4 go out one value at a time.
// V8 issues every load of a basic block first and keeps the values live, which spills once a
// block holds more than a few lookups; a store of each partial average to the fence slots ends
// that (loads may not pass a store), so each stretch holds at most 8 loads.

import { lookup16 } from './util/lookup';

export function scanAvg_u8(
  codes: usize, N: i32, Cs: i32, luts: usize, M: i32,
  invScale: usize, shift: usize, tmp: usize, out: usize,
): void {
  const groups = Cs >> 4;
  const lastPairs = (Cs & 15) >> 1;
  const lastShift = <u16>(lastPairs == 4 ? 3 : lastPairs == 2 ? 2 : 1);
  const blockCodeBytes = <usize>(Cs >> 1) << 4;
  const lutBytes = <usize>Cs << 4;
  const unpacked = tmp + (<usize>M << 5);
  const fence = unpacked + (<usize>Cs << 4);
  const outBlock = <usize>M << 6;
  for (let row = 0; row < N; row += 16) {
    unpack(codes + <usize>(row >> 4) * blockCodeBytes, Cs >> 1, unpacked);
    for (let m = 0; m < M; m++) {
      const lut = luts + <usize>m * lutBytes;
      let even = i16x8.splat(0), odd = i16x8.splat(0);
      for (let g = 0; g < groups; g++) {
        const s = avg16(unpacked + (<usize>g << 8), lut + (<usize>g << 8), fence);
        even = i16x8.add(even, evenBytes(s));
        odd = i16x8.add(odd, oddBytes(s));
      }
      even = i16x8.shl(even, 4);
      odd = i16x8.shl(odd, 4);
      if (lastPairs > 0) {
        const s = avgSmall(unpacked + (<usize>groups << 8), lut + (<usize>groups << 8),
          lastPairs, fence);
        even = i16x8.add(even, i16x8.shl(evenBytes(s), lastShift));
        odd = i16x8.add(odd, i16x8.shl(oddBytes(s), lastShift));
      }
      storeTotals(tmp, m, even, odd);
    }
    writeRows(tmp, M, invScale, shift, out + <usize>(row >> 4) * outBlock);
  }
}

export function scanExact_u16(
  codes: usize, N: i32, Cs: i32, luts: usize, M: i32,
  invScale: usize, shift: usize, tmp: usize, out: usize,
): void {
  const pairs = Cs >> 1;
  const blockCodeBytes = <usize>pairs << 4;
  const lutBytes = <usize>Cs << 4;
  const unpacked = tmp + (<usize>M << 5);
  const outBlock = <usize>M << 6;
  for (let row = 0; row < N; row += 16) {
    unpack(codes + <usize>(row >> 4) * blockCodeBytes, pairs, unpacked);
    for (let m = 0; m < M; m++) {
      const lut = luts + <usize>m * lutBytes;
      let even = i16x8.splat(0), odd = i16x8.splat(0);
      for (let j = 0; j < pairs; j++) {
        const at = <usize>j << 5;
        const a = lookup16(v128.load(lut + at), v128.load(unpacked + at));
        const b = lookup16(v128.load(lut + at, 16), v128.load(unpacked + at, 16));
        even = i16x8.add(even, i16x8.add(evenBytes(a), evenBytes(b)));
        odd = i16x8.add(odd, i16x8.add(oddBytes(a), oddBytes(b)));
      }
      storeTotals(tmp, m, even, odd);
    }
    writeRows(tmp, M, invScale, shift, out + <usize>(row >> 4) * outBlock);
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

// Bytes 0, 2, .., 14 (rows 0, 2, .., 14) and bytes 1, 3, .., 15 as u16 lanes.
@inline
function evenBytes(v: v128): v128 {
  return v128.and(v, i16x8.splat(0xff));
}

@inline
function oddBytes(v: v128): v128 {
  return i16x8.shr_u(v, 8);
}

// Average of four consecutive codebooks' lookups: ((l0, l1), (l2, l3)). Unpacked codes and
// tables both sit at 16 bytes per codebook.
@inline
function quad(codes: usize, lut: usize): v128 {
  const l0 = lookup16(v128.load(lut), v128.load(codes));
  const l1 = lookup16(v128.load(lut, 16), v128.load(codes, 16));
  const l2 = lookup16(v128.load(lut, 32), v128.load(codes, 32));
  const l3 = lookup16(v128.load(lut, 48), v128.load(codes, 48));
  return i8x16.avgr_u(i8x16.avgr_u(l0, l1), i8x16.avgr_u(l2, l3));
}

// The tree over 16 codebooks, one quad per stretch between fences.
@inline
function avg16(codes: usize, lut: usize, fence: usize): v128 {
  const q0 = quad(codes, lut);
  v128.store(fence, q0);
  const h0 = i8x16.avgr_u(q0, quad(codes + 64, lut + 64));
  v128.store(fence, h0, 16);
  const q2 = quad(codes + 128, lut + 128);
  v128.store(fence, q2, 32);
  return i8x16.avgr_u(h0, i8x16.avgr_u(q2, quad(codes + 192, lut + 192)));
}

// The last group of 2, 4 or 8 codebooks (1, 2 or 4 code vectors), same pairwise tree.
function avgSmall(codes: usize, lut: usize, pairs: i32, fence: usize): v128 {
  if (pairs == 1) {
    return i8x16.avgr_u(lookup16(v128.load(lut), v128.load(codes)),
      lookup16(v128.load(lut, 16), v128.load(codes, 16)));
  }
  const q0 = quad(codes, lut);
  if (pairs == 2) return q0;
  v128.store(fence, q0);
  return i8x16.avgr_u(q0, quad(codes + 64, lut + 64));
}

// Column m's totals of the block: even rows, then odd rows, 8 u16 each.
@inline
function storeTotals(tmp: usize, m: i32, even: v128, odd: v128): void {
  const at = tmp + (<usize>m << 5);
  v128.store(at, even);
  v128.store(at, odd, 16);
}

// The block's totals (M, 2, 8) u16 to 16 rows of out (16, M) f32 row-major:
// y = f32(total) * invScale[m] + shift[m], rounded after the product and after the sum.
// Four columns at a time; the last 1 to 3 columns as a group of four whose extra lanes (read
// from past the M totals and past the M scales, which the host pads) are not stored.
function writeRows(tmp: usize, M: i32, invScale: usize, shift: usize, out: usize): void {
  const rowBytes = <usize>M << 2;
  for (let m = 0; m < M; m += 4) {
    const src = tmp + (<usize>m << 5);
    const k = v128.load(invScale + (<usize>m << 2));
    const s = v128.load(shift + (<usize>m << 2));
    const dst = out + (<usize>m << 2);
    const width = min(4, M - m);
    writeHalf(v128.load(src), v128.load(src, 32), v128.load(src, 64), v128.load(src, 96),
      k, s, dst, rowBytes, width);
    writeHalf(v128.load(src, 16), v128.load(src, 48), v128.load(src, 80), v128.load(src, 112),
      k, s, dst + rowBytes, rowBytes, width);
  }
}

// Eight rows (every other row from dst) of four columns whose totals c0 .. c3 hold those rows
// in order: a 4 × 8 transpose of u16 lanes, two rows per vector, then one store per row of
// the first `width` columns.
@inline
function writeHalf(c0: v128, c1: v128, c2: v128, c3: v128, k: v128, s: v128, dst: usize,
  rowBytes: usize, width: i32): void {
  const a = i16x8.shuffle(c0, c1, 0, 8, 1, 9, 2, 10, 3, 11);
  const b = i16x8.shuffle(c2, c3, 0, 8, 1, 9, 2, 10, 3, 11);
  const c = i16x8.shuffle(c0, c1, 4, 12, 5, 13, 6, 14, 7, 15);
  const d = i16x8.shuffle(c2, c3, 4, 12, 5, 13, 6, 14, 7, 15);
  const step = rowBytes << 1;
  writePair(i32x4.shuffle(a, b, 0, 4, 1, 5), k, s, dst, step, width);
  writePair(i32x4.shuffle(a, b, 2, 6, 3, 7), k, s, dst + 2 * step, step, width);
  writePair(i32x4.shuffle(c, d, 0, 4, 1, 5), k, s, dst + 4 * step, step, width);
  writePair(i32x4.shuffle(c, d, 2, 6, 3, 7), k, s, dst + 6 * step, step, width);
}

// Two rows' four u16 totals (lanes 0-3, then 4-7) to f32 outputs at dst and dst + step.
@inline
function writePair(v: v128, k: v128, s: v128, dst: usize, step: usize, width: i32): void {
  const lo = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(v));
  const hi = f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(v));
  storeColumns(dst, f32x4.add(f32x4.mul(lo, k), s), width);
  storeColumns(dst + step, f32x4.add(f32x4.mul(hi, k), s), width);
}

// The first `width` (1 to 4) lanes of y to dst.
@inline
function storeColumns(dst: usize, y: v128, width: i32): void {
  if (width == 4) {
    v128.store(dst, y);
  } else if (width == 2) {
    v128.store64_lane(dst, y, 0);
  } else if (width == 1) {
    v128.store32_lane(dst, y, 0);
  } else {
    v128.store64_lane(dst, y, 0);
    v128.store32_lane(dst, y, 2, 8);
  }
}
