// MADDNESS encoder: four comparisons per (row, codebook) against quantized thresholds.
// See ALGORITHM.md section 3.
//
// encode_u4(cols, Npad, C, Cs, offsets, scales, thresholds, codes, flags)
//   cols:       (C * 4, Npad) f32; row q = c * 4 + t holds, for every row of A, the value of the
//               dim that codebook c splits on at level t (the host gathers them). Npad = N
//               rounded up to 16; the padding rows may hold anything, their codes are unused.
//   offsets:    (C, 4) f32 and scales: (C, 4) f32, a power of two: x_q = floor((x - off) * scale)
//               saturated to int8; NaN becomes 127 (its row is flagged, so its codes are unused).
//   thresholds: (C, 4, 16) i8; level t reads entries 0 .. 2^t - 1, indexed by the code so far.
//   codes:      (Npad / 16, Cs / 2, 16) u8, written: byte (block, j, r) holds the code of row
//               block * 16 + r for codebook 2j in its low nibble and 2j + 1 in its high nibble.
//               Codebooks C .. Cs - 1 are padding for the scan and get code 0.
//   flags:      (Npad) u8, written: 1 where any value the encoder read for that row is NaN or
//               ±Infinity (its codes are then meaningless; the host turns its outputs to NaN),
//               else 0.
// 16 rows are encoded at once: lane r of an i8x16 is row r, and the per-row threshold is one
// byte shuffle of the level's 16-entry table by the partial codes. The four levels of a
// codebook are written out (a loop would pay V8's stack check on every level). After a block
// is encoded, its values are summed (one add per vector, from L1): a sum that is not finite
// sends the block to an exact test of each value, so that large finite values are never taken
// for infinities.
//
// encodeRows_u4(a, N, D, dims, C, Cs, offsets, scales, thresholds, codes, flags, scratch)
//   The same codes from row-major A (N, D) f32 directly: dims (C * 4) i32 names the column
//   read at each (codebook, level). Each block of 16 rows is first read whole, in address
//   order, to flag rows with a NaN or ±Infinity anywhere in their D values (read by the
//   encoder or not, so that a row's output is NaN exactly when the exact product's row would
//   not be finite data); from the block, now in L1, one codebook pair's 8 columns at a time are
//   gathered into scratch (8, 16) f32 and encoded as above (scratch holds (C * 4, 16) f32: the
//   last, partial block gathers all columns at once, rows past N as zeros). Codes as for
//   encode_u4, for ceil(N / 16) blocks; flags (16 per block).
//
// Quantization, 4 lanes: floor, then pmin against 127 (NaN and large values to 127, as
// pmin(a, b) is b < a ? b : a). The relaxed build converts with one relaxed truncation (values
// below -2^31 give INT_MIN on x64 and saturate on other targets, -128 either way after the
// saturating narrows); the plain build clamps below as well and reads the integer from the
// mantissa after adding 1.5 · 2^23, which costs two operations against the seven that V8 emits
// for i32x4.trunc_sat_f32x4_s.

import { lookup16 } from './util/lookup';

const MAGIC: f32 = 12582912; // 1.5 · 2^23: an integer k in [-2^22, 2^22] added to it has bits
const MAGIC_BITS: i32 = 0x4b400000; // MAGIC_BITS + k

export function encode_u4(
  cols: usize, Npad: i32, C: i32, Cs: i32,
  offsets: usize, scales: usize, thresholds: usize, codes: usize, flags: usize,
): void {
  const blocks = Npad >> 4;
  const pairs = Cs >> 1;
  const Q = C * 4;
  const colBytes = <usize>Npad << 2;
  for (let blk = 0; blk < blocks; blk++) {
    const block = cols + (<usize>blk << 6);
    const out = codes + <usize>blk * <usize>pairs * 16;
    for (let j = 0; j < pairs; j++) {
      encodePair(block + <usize>(j << 3) * colBytes, colBytes, 2 * j, C, offsets, scales,
        thresholds, out + (<usize>j << 4));
    }
    const at = flags + (<usize>blk << 4);
    if (blockSuspect(block, colBytes, Q)) {
      for (let r = 0; r < 16; r++) store<u8>(at + r, anyNonFinite(block + (<usize>r << 2),
        colBytes, Q));
    } else {
      v128.store(at, i8x16.splat(0));
    }
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
    const out = codes + <usize>(row >> 4) * <usize>pairs * 16;
    for (let r = 0; r < 16; r++) {
      const bad: u8 = r < rows ? rowNonFinite(src + <usize>r * rowBytes, D) : 0;
      store<u8>(flags + <usize>(row + r), bad);
    }
    if (rows == 16) {
      // A pair's 8 columns at a time, encoded at once, so that the scratch stays small.
      for (let j = 0; j < pairs; j++) {
        const q0 = j << 3;
        const q1 = min(Q, q0 + 8);
        for (let q = q0; q < q1; q++) {
          gather16(src + (<usize>load<i32>(dims + (<usize>q << 2)) << 2), rowBytes,
            scratch + (<usize>(q - q0) << 6));
        }
        encodePair(scratch, 64, 2 * j, C, offsets, scales, thresholds, out + (<usize>j << 4));
      }
      continue;
    }
    for (let q = 0; q < Q; q++) {
      const at = src + (<usize>load<i32>(dims + (<usize>q << 2)) << 2);
      const dst = scratch + (<usize>q << 6);
      for (let r = 0; r < 16; r++) {
        store<f32>(dst + (<usize>r << 2), r < rows ? load<f32>(at + <usize>r * rowBytes) : 0);
      }
    }
    for (let j = 0; j < pairs; j++) {
      encodePair(scratch + (<usize>(j << 3) << 6), 64, 2 * j, C, offsets, scales, thresholds,
        out + (<usize>j << 4));
    }
  }
}

// Column `at` of 16 consecutive rows (rowBytes apart) to dst, 16 f32.
@inline
function gather16(at: usize, rowBytes: usize, dst: usize): void {
  for (let r = 0; r < 16; r += 4) {
    const from = at + <usize>r * rowBytes;
    store<f32>(dst + (<usize>r << 2), load<f32>(from));
    store<f32>(dst + (<usize>r << 2), load<f32>(from + rowBytes), 4);
    store<f32>(dst + (<usize>r << 2), load<f32>(from + 2 * rowBytes), 8);
    store<f32>(dst + (<usize>r << 2), load<f32>(from + 3 * rowBytes), 12);
  }
}

// 1 if any of the Q values of one row (colBytes apart) is NaN or ±Infinity: x - x is 0 for
// every finite x and NaN otherwise.
function anyNonFinite(at: usize, colBytes: usize, Q: i32): u8 {
  for (let q = 0; q < Q; q++) {
    const x = load<f32>(at + <usize>q * colBytes);
    if (x - x != 0) return 1;
  }
  return 0;
}

// 1 if any of the D values at `row` is NaN or ±Infinity. A plain sum is finite when all values
// are, unless it overflows; only a sum that is not finite (rare for real data) pays for the
// exact test. Four sums of two vectors each keep the adds off one dependency chain.
@inline
function rowNonFinite(row: usize, D: i32): u8 {
  const zero = f32x4.splat(0);
  let s0 = zero, s1 = zero, s2 = zero, s3 = zero;
  let k = 0;
  for (; k + 32 <= D; k += 32) {
    const at = row + (<usize>k << 2);
    s0 = f32x4.add(s0, f32x4.add(v128.load(at), v128.load(at, 16)));
    s1 = f32x4.add(s1, f32x4.add(v128.load(at, 32), v128.load(at, 48)));
    s2 = f32x4.add(s2, f32x4.add(v128.load(at, 64), v128.load(at, 80)));
    s3 = f32x4.add(s3, f32x4.add(v128.load(at, 96), v128.load(at, 112)));
  }
  for (; k + 4 <= D; k += 4) s0 = f32x4.add(s0, v128.load(row + (<usize>k << 2)));
  let tail: f32 = 0;
  for (; k < D; k++) tail += load<f32>(row + (<usize>k << 2));
  const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
  const sum = f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) +
    f32x4.extract_lane(s, 3) + tail;
  if (sum - sum == 0) return 0;
  return anyNonFinite(row, 4, D);
}

// Whether the sum of the block's values read (Q columns of 16 rows, colBytes apart) is not
// finite, i.e. whether some value may be NaN or ±Infinity. The values are in L1 (just encoded).
@inline
function blockSuspect(block: usize, colBytes: usize, Q: i32): bool {
  const zero = f32x4.splat(0);
  let s01 = zero, s23 = zero;
  for (let q = 0; q < Q; q++) {
    const src = block + <usize>q * colBytes;
    s01 = f32x4.add(s01, f32x4.add(v128.load(src), v128.load(src, 16)));
    s23 = f32x4.add(s23, f32x4.add(v128.load(src, 32), v128.load(src, 48)));
  }
  const s = f32x4.add(s01, s23);
  return v128.any_true(f32x4.ne(f32x4.sub(s, s), zero));
}

// Codes of codebooks c0 and c0 + 1 (if below C; c0 ≥ C gives zeros) of one 16-row block,
// packed into one byte vector at out. The pair's 8 columns (codebook c0 at levels 0-3, then
// c0 + 1) are at cols, cols + colBytes, ...; offsets, scales and thresholds are indexed by
// q = 4 * c + t as usual.
@inline
function encodePair(
  cols: usize, colBytes: usize, c0: i32, C: i32,
  offsets: usize, scales: usize, thresholds: usize, out: usize,
): void {
  if (c0 >= C) {
    v128.store(out, i8x16.splat(0));
    return;
  }
  const q0 = <usize>(c0 * 4);
  const off = offsets + (q0 << 2), sc = scales + (q0 << 2), thr = thresholds + (q0 << 4);
  // The four levels written out: a loop would pay V8's stack check on every level.
  let code = level(i8x16.splat(0), cols, off, sc, thr);
  code = level(code, cols + colBytes, off + 4, sc + 4, thr + 16);
  code = level(code, cols + 2 * colBytes, off + 8, sc + 8, thr + 32);
  code = level(code, cols + 3 * colBytes, off + 12, sc + 12, thr + 48);
  if (c0 + 1 < C) {
    const at = cols + 4 * colBytes;
    let hi = level(i8x16.splat(0), at, off + 16, sc + 16, thr + 64);
    hi = level(hi, at + colBytes, off + 20, sc + 20, thr + 80);
    hi = level(hi, at + 2 * colBytes, off + 24, sc + 24, thr + 96);
    hi = level(hi, at + 3 * colBytes, off + 28, sc + 28, thr + 112);
    code = v128.or(code, i8x16.shl(hi, 4));
  }
  v128.store(out, code);
}

// One level for 16 rows: quantize the column at src, compare with the threshold of each row's
// bucket (a shuffle of the level's table by the code so far) and append the bit:
// x ≥ threshold is all ones (-1) or zero, so code = 2 * code - mask.
@inline
function level(code: v128, src: usize, off: usize, scale: usize, table: usize): v128 {
  const o = f32x4.splat(load<f32>(off));
  const k = f32x4.splat(load<f32>(scale));
  const x = i8x16.narrow_i16x8_s(
    i16x8.narrow_i32x4_s(quantize(v128.load(src), o, k), quantize(v128.load(src, 16), o, k)),
    i16x8.narrow_i32x4_s(quantize(v128.load(src, 32), o, k), quantize(v128.load(src, 48), o, k)));
  return i8x16.sub(i8x16.add(code, code), i8x16.ge_s(x, lookup16(v128.load(table), code)));
}

@inline
function quantize(x: v128, off: v128, scale: v128): v128 {
  const v = f32x4.pmin(f32x4.splat(127), f32x4.floor(f32x4.mul(f32x4.sub(x, off), scale)));
  if (ASC_FEATURE_RELAXED_SIMD) return i32x4.relaxed_trunc_f32x4_s(v);
  const w = f32x4.add(f32x4.pmax(f32x4.splat(-128), v), f32x4.splat(MAGIC));
  return i32x4.sub(w, i32x4.splat(MAGIC_BITS));
}
