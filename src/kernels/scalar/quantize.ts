/**
 * Scalar twin of the WebAssembly kernel `quantizeRows_i8` (assembly/quantize.ts), same
 * buffers and layouts: every float operation rounds to float32 as the kernel's do, and the
 * rounding adds 2^23 as the kernel does, so the two agree exactly.
 */

const MAGIC = 8388608;

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
    let bad = false;
    for (let k = 0; k < D; k++) {
      const x = a[row + k];
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if (x - x !== 0) bad = true;
    }
    lo = bad ? NaN : lo + 0;
    const range = f(hi + 0 - lo);
    const inv = bad ? 0 : range > 0 ? f(255 / range) : 0;
    params[2 * n] = lo;
    params[2 * n + 1] = inv;
    if (inv === 0) {
      q.fill(-128, row, row + D);
      continue;
    }
    for (let k = 0; k < D; k++) {
      // v + 2^23 in float32 rounds v ∈ [0, 255] to the nearest integer, ties to even; the
      // kernel reads that integer from the mantissa bits.
      const t = f(f(f(a[row + k] - lo) * inv) + MAGIC) - MAGIC - 128;
      q[row + k] = t > 127 ? 127 : t < -128 ? -128 : t;
    }
  }
}
