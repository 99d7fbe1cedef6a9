// Affine int8 quantization of the rows of A for ScalarQuantize (src/methods/vq/int8.ts).
//
// quantizeRows_i8(a, N, D, q, params)
//   a:      (N, D) f32 row-major.
//   q:      (N, D) i8 row-major, written: q = round((x − lo) · inv) − 128, rounding to nearest
//           with ties to even, every operation in f32 (no fused multiply-add). A row without a
//           finite positive range (constant, holding NaN or ±Infinity, or so wide that max − min
//           overflows) is all −128.
//   params: (N, 2) f32, written: per row lo = min and inv = 255 / (max − min), inv = 0 for the
//           rows above and lo = NaN for the ones holding NaN or ±Infinity; lo is never −0.
// Two passes per row. First min and max four lanes at a time with pmin/pmax (one instruction
// each, where NaN-propagating min and max take several), and a separate non-finite test
// (x − x is NaN exactly for NaN and ±Infinity). Then 16 values per step: v = (x − lo) · inv
// lies in [0, 255], so adding 2^23 rounds it to an integer in the low mantissa bits, and
// subtracting the bits of 2^23 and 128 leaves the code as an i32 (cheaper than trunc_sat);
// narrowing with saturation gives i8x16. Tails: D mod 4 values in the first pass and D mod 16
// in the second, one at a time, through the same operations on one lane.

const MAGIC: f32 = 8388608.0;
const MAGIC_BITS_AND_BIAS: i32 = 0x4b000000 + 128;

export function quantizeRows_i8(a: usize, N: i32, D: i32, q: usize, params: usize): void {
  const rowBytes = <usize>D << 2;
  for (let n = 0; n < N; n++) {
    const row = a + <usize>n * rowBytes;
    let vlo = f32x4.splat(Infinity), vhi = f32x4.splat(-Infinity);
    let vbad = i32x4.splat(0);
    let k = 0;
    for (; k + 4 <= D; k += 4) {
      const v = v128.load(row + (<usize>k << 2));
      vlo = f32x4.pmin(vlo, v);
      vhi = f32x4.pmax(vhi, v);
      const z = f32x4.sub(v, v);
      vbad = v128.or(vbad, f32x4.ne(z, z));
    }
    let lo = min(min(f32x4.extract_lane(vlo, 0), f32x4.extract_lane(vlo, 1)),
      min(f32x4.extract_lane(vlo, 2), f32x4.extract_lane(vlo, 3)));
    let hi = max(max(f32x4.extract_lane(vhi, 0), f32x4.extract_lane(vhi, 1)),
      max(f32x4.extract_lane(vhi, 2), f32x4.extract_lane(vhi, 3)));
    let bad = v128.any_true(vbad);
    for (; k < D; k++) {
      const x = load<f32>(row + (<usize>k << 2));
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if (x - x != 0) bad = true;
    }
    // Adding +0 turns a −0 into +0: lanes may keep either zero, the result may not depend on it.
    lo = bad ? NaN : lo + 0;
    const range: f32 = hi + 0 - lo;
    const inv: f32 = bad ? 0 : range > 0 ? <f32>255 / range : 0;
    store<f32>(params + (<usize>n << 3), lo);
    store<f32>(params + (<usize>n << 3), inv, 4);
    const dst = q + <usize>n * <usize>D;
    if (inv == 0) {
      memory.fill(dst, 0x80, <usize>D);
      continue;
    }
    const vl = f32x4.splat(lo), vi = f32x4.splat(inv), magic = f32x4.splat(MAGIC);
    const bias = i32x4.splat(MAGIC_BITS_AND_BIAS);
    k = 0;
    for (; k + 16 <= D; k += 16) {
      const src = row + (<usize>k << 2);
      const c0 = level(v128.load(src), vl, vi, magic, bias);
      const c1 = level(v128.load(src, 16), vl, vi, magic, bias);
      const c2 = level(v128.load(src, 32), vl, vi, magic, bias);
      const c3 = level(v128.load(src, 48), vl, vi, magic, bias);
      v128.store(dst + <usize>k, i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(c0, c1),
        i16x8.narrow_i32x4_s(c2, c3)));
    }
    for (; k < D; k++) {
      // The vector operations on one lane, so that the tail rounds alike.
      const x = f32x4.splat(load<f32>(row + (<usize>k << 2)));
      const t = i32x4.extract_lane(level(x, vl, vi, magic, bias), 0);
      store<i8>(dst + <usize>k, <i8>(t > 127 ? 127 : t < -128 ? -128 : t));
    }
  }
}

/** The code minus 128 of four values, as i32 lanes. */
@inline
function level(x: v128, lo: v128, inv: v128, magic: v128, bias: v128): v128 {
  return i32x4.sub(f32x4.add(f32x4.mul(f32x4.sub(x, lo), inv), magic), bias);
}
