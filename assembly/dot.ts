// Integer dot products for scalar quantization: out[n, m] = Σ_d a[n, d] · b[m, d], exact in
// int32 (products of int8 widened to int16, pairs summed by i32x4.dot_i16x8_s).
//
// dot_i8(a, b, out, N, M, D)
//   a:   (N, D) i8 row-major: the quantized rows of A.
//   b:   (M, D) i8 row-major: B quantized and transposed, so that every output is the dot of
//        two contiguous rows.
//   out: (N, M) i32 row-major, written.
// Blocking: per row of a, four rows of b at a time (four i32x4 accumulators; each 16 bytes
// of a are loaded and widened once for the four), then the last M mod 4 rows of b one at a
// time. Tails along D: 16 bytes per step, then one step of 8 (load8x8_s widens on load), then
// at most 7 scalar products. Loads are unaligned, so any D ≥ 0 and any pointers work.
// Lanes wrap on overflow, like the twin; the host bounds D so that no sum overflows.

export function dot_i8(a: usize, b: usize, out: usize, N: i32, M: i32, D: i32): void {
  const stride = <usize>D;
  for (let n = 0; n < N; n++) {
    const row = a + <usize>n * stride;
    const dst = out + (<usize>n * <usize>M << 2);
    let m = 0;
    for (; m + 4 <= M; m += 4) dot4(row, b + <usize>m * stride, stride, D, dst + (<usize>m << 2));
    for (; m < M; m++) store<i32>(dst + (<usize>m << 2), dot1(row, b + <usize>m * stride, D));
  }
}

// Four dots of row x with rows y, y + stride, y + 2 stride, y + 3 stride, stored at dst.
@inline
function dot4(x: usize, y: usize, stride: usize, D: i32, dst: usize): void {
  let s0 = i32x4.splat(0), s1 = i32x4.splat(0), s2 = i32x4.splat(0), s3 = i32x4.splat(0);
  const y1 = y + stride, y2 = y1 + stride, y3 = y2 + stride;
  let k = 0;
  for (; k + 16 <= D; k += 16) {
    const at = <usize>k;
    const v = v128.load(x + at);
    const lo = i16x8.extend_low_i8x16_s(v), hi = i16x8.extend_high_i8x16_s(v);
    s0 = i32x4.add(s0, pairDots(lo, hi, v128.load(y + at)));
    s1 = i32x4.add(s1, pairDots(lo, hi, v128.load(y1 + at)));
    s2 = i32x4.add(s2, pairDots(lo, hi, v128.load(y2 + at)));
    s3 = i32x4.add(s3, pairDots(lo, hi, v128.load(y3 + at)));
  }
  if (k + 8 <= D) {
    const at = <usize>k;
    const v = v128.load8x8_s(x + at);
    s0 = i32x4.add(s0, i32x4.dot_i16x8_s(v, v128.load8x8_s(y + at)));
    s1 = i32x4.add(s1, i32x4.dot_i16x8_s(v, v128.load8x8_s(y1 + at)));
    s2 = i32x4.add(s2, i32x4.dot_i16x8_s(v, v128.load8x8_s(y2 + at)));
    s3 = i32x4.add(s3, i32x4.dot_i16x8_s(v, v128.load8x8_s(y3 + at)));
    k += 8;
  }
  let t0 = lanes(s0), t1 = lanes(s1), t2 = lanes(s2), t3 = lanes(s3);
  for (; k < D; k++) {
    const at = <usize>k;
    const xv = <i32>load<i8>(x + at);
    t0 += xv * <i32>load<i8>(y + at);
    t1 += xv * <i32>load<i8>(y1 + at);
    t2 += xv * <i32>load<i8>(y2 + at);
    t3 += xv * <i32>load<i8>(y3 + at);
  }
  store<i32>(dst, t0);
  store<i32>(dst, t1, 4);
  store<i32>(dst, t2, 8);
  store<i32>(dst, t3, 12);
}

// One dot of rows x and y, same steps as dot4.
@inline
function dot1(x: usize, y: usize, D: i32): i32 {
  let s = i32x4.splat(0);
  let k = 0;
  for (; k + 16 <= D; k += 16) {
    const v = v128.load(x + <usize>k);
    s = i32x4.add(s, pairDots(i16x8.extend_low_i8x16_s(v), i16x8.extend_high_i8x16_s(v),
      v128.load(y + <usize>k)));
  }
  if (k + 8 <= D) {
    s = i32x4.add(s, i32x4.dot_i16x8_s(v128.load8x8_s(x + <usize>k),
      v128.load8x8_s(y + <usize>k)));
    k += 8;
  }
  let t = lanes(s);
  for (; k < D; k++) t += <i32>load<i8>(x + <usize>k) * <i32>load<i8>(y + <usize>k);
  return t;
}

// Pairwise dots of 16 widened bytes (lo, hi) with the 16 bytes w: four i32 partial sums.
@inline
function pairDots(lo: v128, hi: v128, w: v128): v128 {
  return i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(w)),
    i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(w)));
}

@inline
function lanes(s: v128): i32 {
  return i32x4.extract_lane(s, 0) + i32x4.extract_lane(s, 1) + i32x4.extract_lane(s, 2) +
    i32x4.extract_lane(s, 3);
}
