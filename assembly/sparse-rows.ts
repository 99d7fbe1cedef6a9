// Rows of A times a fixed sparse matrix: out = A Sᵀ, S (d, D) sparse, for the sketches whose
// query is sparse (FastJL's projection after the transform of assembly/fwht.ts, sparse PCA's
// components, the count sketches as a ±1 matrix).
//
// sparseRows_f32(a, N, D, indptr, index, values, d, x, out, flags)
//   a:      (N, D) f32 row-major.
//   indptr: (d + 1) i32: output k has nonzeros indptr[k] .. indptr[k + 1) − 1, with
//   index:  (nnz) i32 columns in [0, D), any order, and values (nnz) f32.
//   x:      scratch of (D, 4) f32, 16-byte aligned.
//   out:    (N, d) f32 row-major, written.
//   flags:  (N) u8, written: 1 for a row of A holding NaN or ±Infinity, else 0 (found while
//           interleaving, which saves the caller a second pass over A).
// Blocking: four rows at a time, interleaved into x as (D, 4) (lane r of vector j is column j
// of row r), so that one nonzero is one f32x4 multiply and add for four rows and the sparse
// reads of a row group stay in L1. Tails: a last group of 1..3 rows zero-fills the other
// lanes and stores only its rows; D mod 4 columns are interleaved one value at a time.
// Order, per output k and row: four partial sums, s_t over the nonzeros e with
// (e − indptr[k]) mod 4 = t in list order, s_t ← s_t + v_e · x (multiply, then add, each
// rounded to f32; no fused multiply-add), then y = (s0 + s1) + (s2 + s3). Four chains hide
// the latency of the adds. The twin is src/kernels/scalar/sparse-rows.ts.

export function sparseRows_f32(a: usize, N: i32, D: i32, indptr: usize, index: usize,
  values: usize, d: i32, x: usize, out: usize, flags: usize): void {
  const rowBytes = <usize>D << 2;
  const outRowBytes = <usize>d << 2;
  for (let n = 0; n < N; n += 4) {
    const rows = min(4, N - n);
    storeFlags(flags + <usize>n, rows, interleave4(a + <usize>n * rowBytes, rows, D, D, 0, x));
    project4(x, indptr, index, values, d, out + <usize>n * outRowBytes, outRowBytes, rows);
  }
}

/**
 * x (Dp, 4) ← the rows (rows ≤ 4 of D values, row-major from `row`) interleaved, each value's
 * sign bit flipped by masks[j] (Dp u32; none when masks is 0), zero past column D and row rows.
 * Returns bit r set for each row r holding NaN or ±Infinity: v − v is 0 for finite v, else
 * NaN, and sums of those stay NaN.
 */
export function interleave4(row: usize, rows: i32, D: i32, Dp: i32, masks: usize,
  x: usize): i32 {
  const rowBytes = <usize>D << 2;
  let j = 0;
  let bad = 0;
  if (rows == 4) {
    let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
    for (; j + 4 <= D; j += 4) {
      const at = row + (<usize>j << 2);
      const m = masks != 0 ? v128.load(masks + (<usize>j << 2)) : i32x4.splat(0);
      const r0 = v128.xor(v128.load(at), m);
      const r1 = v128.xor(v128.load(at + rowBytes), m);
      const r2 = v128.xor(v128.load(at + 2 * rowBytes), m);
      const r3 = v128.xor(v128.load(at + 3 * rowBytes), m);
      b0 = f32x4.add(b0, f32x4.sub(r0, r0));
      b1 = f32x4.add(b1, f32x4.sub(r1, r1));
      b2 = f32x4.add(b2, f32x4.sub(r2, r2));
      b3 = f32x4.add(b3, f32x4.sub(r3, r3));
      // 4 × 4 transpose: pairs of rows, then pairs of pairs.
      const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
      const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
      const dst = x + (<usize>j << 4);
      v128.store(dst, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
      v128.store(dst, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7), 16);
      v128.store(dst, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5), 32);
      v128.store(dst, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7), 48);
    }
    bad = nonZero(b0) | nonZero(b1) << 1 | nonZero(b2) << 2 | nonZero(b3) << 3;
  }
  for (; j < D; j++) {
    const m = masks != 0 ? load<u32>(masks + (<usize>j << 2)) : 0;
    const dst = x + (<usize>j << 4);
    for (let r = 0; r < 4; r++) {
      const v = r < rows ? load<u32>(row + <usize>r * rowBytes + (<usize>j << 2)) ^ m : 0;
      // All exponent bits set: NaN or ±Infinity.
      if ((v & 0x7f800000) == 0x7f800000) bad |= 1 << r;
      store<u32>(dst + (<usize>r << 2), v);
    }
  }
  for (; j < Dp; j++) v128.store(x + (<usize>j << 4), i32x4.splat(0));
  return bad;
}

/** flags[0 .. rows) ← bit r of bad. */
export function storeFlags(flags: usize, rows: i32, bad: i32): void {
  for (let r = 0; r < rows; r++) store<u8>(flags + <usize>r, (bad >> r) & 1);
}

/** 1 when any lane of the sum b is not 0 (then it is NaN), else 0. */
@inline
function nonZero(b: v128): i32 {
  return v128.any_true(f32x4.ne(b, f32x4.splat(0))) ? 1 : 0;
}

/** out rows (rows ≤ 4, outRowBytes apart) ← S applied to the four interleaved rows in x. */
export function project4(x: usize, indptr: usize, index: usize, values: usize, d: i32,
  out: usize, outRowBytes: usize, rows: i32): void {
  for (let k = 0; k < d; k++) {
    let e = load<i32>(indptr + (<usize>k << 2));
    const end = load<i32>(indptr + (<usize>k << 2), 4);
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    for (; e + 4 <= end; e += 4) {
      const ix = index + (<usize>e << 2);
      const vx = values + (<usize>e << 2);
      s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(vx), column(x, ix, 0)));
      s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(vx, 4), column(x, ix, 4)));
      s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(vx, 8), column(x, ix, 8)));
      s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(vx, 12), column(x, ix, 12)));
    }
    const ix = index + (<usize>e << 2);
    const vx = values + (<usize>e << 2);
    if (e < end) s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(vx), column(x, ix, 0)));
    if (e + 1 < end) s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(vx, 4), column(x, ix, 4)));
    if (e + 2 < end) s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(vx, 8), column(x, ix, 8)));
    const y = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
    const o = out + (<usize>k << 2);
    store<f32>(o, f32x4.extract_lane(y, 0));
    if (rows > 1) store<f32>(o + outRowBytes, f32x4.extract_lane(y, 1));
    if (rows > 2) store<f32>(o + 2 * outRowBytes, f32x4.extract_lane(y, 2));
    if (rows > 3) store<f32>(o + 3 * outRowBytes, f32x4.extract_lane(y, 3));
  }
}

/** The interleaved column index[e] (e at byte `at` of index, plus `offset`) of x. */
@inline
function column(x: usize, at: usize, offset: usize): v128 {
  return v128.load(x + (<usize>load<i32>(at + offset) << 4));
}
