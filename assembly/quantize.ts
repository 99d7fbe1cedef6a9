// Affine int8 quantization of the rows of A for ScalarQuantize (src/methods/vq/int8.ts).
//
// quantizeRows_i8(a, N, D, q, params)
//   a:      (N, D) f32 row-major.
//   q:      (N, D) i8 row-major, written: q = sat8(trunc_sat(floor((x − lo) · inv + 0.5)) − 128)
//           with every operation in f32 (no fused multiply-add); NaN becomes −128.
//   params: (N, 2) f32, written: per row lo = min and inv = 255 / (max − min), or 0 when
//           max − min is not > 0 (a constant row, or one holding NaN or ±Infinity).
// Two passes per row: min and max four lanes at a time (f32x4.min and max propagate NaN, like
// the scalar tail), then 16 values per step, converted to i32x4 and narrowed with saturation
// to i8x16. Tails: D mod 4 values in the first pass and D mod 16 in the second, one at a time,
// through the same vector operations on one lane.

export function quantizeRows_i8(a: usize, N: i32, D: i32, q: usize, params: usize): void {
  const rowBytes = <usize>D << 2;
  for (let n = 0; n < N; n++) {
    const row = a + <usize>n * rowBytes;
    let vlo = f32x4.splat(Infinity), vhi = f32x4.splat(-Infinity);
    let k = 0;
    for (; k + 4 <= D; k += 4) {
      const v = v128.load(row + (<usize>k << 2));
      vlo = f32x4.min(vlo, v);
      vhi = f32x4.max(vhi, v);
    }
    let lo = min(min(f32x4.extract_lane(vlo, 0), f32x4.extract_lane(vlo, 1)),
      min(f32x4.extract_lane(vlo, 2), f32x4.extract_lane(vlo, 3)));
    let hi = max(max(f32x4.extract_lane(vhi, 0), f32x4.extract_lane(vhi, 1)),
      max(f32x4.extract_lane(vhi, 2), f32x4.extract_lane(vhi, 3)));
    for (; k < D; k++) {
      const x = load<f32>(row + (<usize>k << 2));
      lo = min(lo, x);
      hi = max(hi, x);
    }
    const range: f32 = hi - lo;
    const inv: f32 = range > 0 ? <f32>255 / range : 0;
    store<f32>(params + (<usize>n << 3), lo);
    store<f32>(params + (<usize>n << 3), inv, 4);
    const dst = q + <usize>n * <usize>D;
    const vl = f32x4.splat(lo), vi = f32x4.splat(inv), half = f32x4.splat(0.5);
    const bias = i32x4.splat(128);
    k = 0;
    for (; k + 16 <= D; k += 16) {
      const src = row + (<usize>k << 2);
      const c0 = i32x4.sub(level(v128.load(src), vl, vi, half), bias);
      const c1 = i32x4.sub(level(v128.load(src, 16), vl, vi, half), bias);
      const c2 = i32x4.sub(level(v128.load(src, 32), vl, vi, half), bias);
      const c3 = i32x4.sub(level(v128.load(src, 48), vl, vi, half), bias);
      v128.store(dst + <usize>k, i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(c0, c1),
        i16x8.narrow_i32x4_s(c2, c3)));
    }
    for (; k < D; k++) {
      // The vector operations on one lane, so that the tail rounds and saturates alike.
      const x = f32x4.splat(load<f32>(row + (<usize>k << 2)));
      const t = i32x4.extract_lane(i32x4.sub(level(x, vl, vi, half), bias), 0);
      store<i8>(dst + <usize>k, <i8>(t > 127 ? 127 : t < -128 ? -128 : t));
    }
  }
}

@inline
function level(x: v128, lo: v128, inv: v128, half: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(f32x4.floor(f32x4.add(f32x4.mul(f32x4.sub(x, lo), inv), half)));
}
