/**
 * Scalar twin of the WebAssembly kernel `quantizeRows_i8` (assembly/quantize.ts), same
 * buffers and layouts: every float operation rounds to float32 as the kernel's do, and the
 * conversions saturate (NaN to 0) as trunc_sat and the narrowing do, so the two agree exactly.
 */

/** i32.trunc_sat_f32_s: NaN to 0, out-of-range values to the nearest int32. */
function truncSat(v: number): number {
  if (v !== v) return 0;
  if (v >= 2147483647) return 2147483647;
  if (v <= -2147483648) return -2147483648;
  return Math.trunc(v);
}

/**
 * @param a (N, D) f32 row-major
 * @param q (N, D) i8 row-major, written
 * @param params (N, 2) f32, written: lo and inv per row
 */
export function quantizeRowsI8(a: Float32Array, N: number, D: number, q: Int8Array,
  params: Float32Array): void {
  const f = Math.fround;
  for (let n = 0; n < N; n++) {
    const row = n * D;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < D; k++) {
      lo = Math.min(lo, a[row + k]);
      hi = Math.max(hi, a[row + k]);
    }
    const range = f(hi - lo);
    const inv = range > 0 ? f(255 / range) : 0;
    params[2 * n] = lo;
    params[2 * n + 1] = inv;
    for (let k = 0; k < D; k++) {
      // i32x4.sub wraps; the narrowing then saturates to int8.
      const t = (truncSat(Math.floor(f(f(f(a[row + k] - lo) * inv) + 0.5))) - 128) | 0;
      q[row + k] = t > 127 ? 127 : t < -128 ? -128 : t;
    }
  }
}
