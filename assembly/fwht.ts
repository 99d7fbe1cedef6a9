// FastJL's query transform: per row of A, random signs, the fast Walsh–Hadamard transform
// over D' = 2^k (the row zero-padded from D), then the sparse projection P (d, D').
//
// fastJl_f32(a, N, D, Dp, masks, indptr, index, values, d, x, out, flags)
//   a:     (N, D) f32 row-major.             masks: (Dp) u32, 0x80000000 where the sign is −1.
//   indptr, index, values: P (d, Dp) as in assembly/sparse-rows.ts, columns in [0, Dp).
//   x:     scratch of (Dp, 4) f32, 16-byte aligned.   out: (N, d) f32 row-major, written.
//   flags: (N) u8, written as by sparseRows_f32.
// Blocking: four rows at a time in x as (Dp, 4) (see interleave4), 8 KiB for D' = 512, so that
// every butterfly stride, 1 and 2 included, is a vertical f32x4 add or subtract of two whole
// vectors (no shuffles past the one transpose), and the projection reads the same layout.
// Order: the unnormalized transform stage by stage, strides h = 1, 2, 4, .., D'/2, each
// butterfly (u, v) ← (u + v, u − v) rounded to f32; two stages are fused per pass (radix 4)
// with the same operations, and a last radix-2 pass when log2 D' is odd. The projection
// rounds as sparseRows_f32. Sign flips are exact, so the result is bit for bit the scalar
// stage-by-stage transform of src/kernels/scalar/fwht.ts followed by the sparse twin.
import { interleave4, project4, storeFlags } from './sparse-rows';

export function fastJl_f32(a: usize, N: i32, D: i32, Dp: i32, masks: usize, indptr: usize,
  index: usize, values: usize, d: i32, x: usize, out: usize, flags: usize): void {
  const rowBytes = <usize>D << 2;
  const outRowBytes = <usize>d << 2;
  for (let n = 0; n < N; n += 4) {
    const rows = min(4, N - n);
    storeFlags(flags + <usize>n, rows, interleave4(a + <usize>n * rowBytes, rows, D, Dp, masks,
      x));
    fwht4(x, Dp);
    project4(x, indptr, index, values, d, out + <usize>n * outRowBytes, outRowBytes, rows);
  }
}

/** The transform of the four interleaved rows of x (Dp, 4) in place. */
function fwht4(x: usize, Dp: i32): void {
  let h = 1;
  for (; 4 * h <= Dp; h *= 4) {
    const hb = <usize>h << 4;
    for (let i = 0; i < Dp; i += 4 * h) {
      for (let j = i; j < i + h; j++) {
        const p = x + (<usize>j << 4);
        const u0 = v128.load(p), u1 = v128.load(p + hb);
        const u2 = v128.load(p + 2 * hb), u3 = v128.load(p + 3 * hb);
        // Stage h pairs (0, 1) and (2, 3); stage 2h then pairs (0, 2) and (1, 3).
        const v0 = f32x4.add(u0, u1), v1 = f32x4.sub(u0, u1);
        const v2 = f32x4.add(u2, u3), v3 = f32x4.sub(u2, u3);
        v128.store(p, f32x4.add(v0, v2));
        v128.store(p + hb, f32x4.add(v1, v3));
        v128.store(p + 2 * hb, f32x4.sub(v0, v2));
        v128.store(p + 3 * hb, f32x4.sub(v1, v3));
      }
    }
  }
  if (2 * h <= Dp) {
    const hb = <usize>h << 4;
    for (let j = 0; j < h; j++) {
      const p = x + (<usize>j << 4);
      const u0 = v128.load(p), u1 = v128.load(p + hb);
      v128.store(p, f32x4.add(u0, u1));
      v128.store(p + hb, f32x4.sub(u0, u1));
    }
  }
}
