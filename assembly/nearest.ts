// Nearest-centroid encoding of PQ, OPQ and Bolt, straight from row-major rows of A.
//
// nearest_u8(a, N, D, C, starts, K, ct, halves, codes, flags)
//   a:      (N, D) f32 row-major.
//   starts: (C + 1) i32: codebook c covers dims [starts[c], starts[c + 1]), Dc ≥ 1 of them.
//   K:      centroids per codebook, a multiple of 16 (16 for Bolt, 256 for PQ and OPQ).
//   ct:     f32, codebook c from float offset K * starts[c]: (K / 16, Dc, 16), i.e. for each
//           group g of 16 centroids and each dim j of the block, the values of centroids
//           16g .. 16g + 15 at dim j, contiguous. x_j is then broadcast once per group and
//           multiplied by four f32x4 loads.
//   halves: (C, K) f64: ‖c_k‖² / 2, from the float64 ‖c_k‖² the host computed.
//   codes:  (N, C) u8 row-major, written: argmin_k of ‖c_k‖² − 2 x·c_k, lowest k on ties; a
//           point whose distances are all NaN or +Infinity gets 0.
//   flags:  (N) u8, written: 1 where the row holds a NaN or ±Infinity in any of its D values.
//
// Evaluation order, which the scalar twin (src/kernels/scalar/nearest.ts) repeats:
//   dot_k = (((0 + x_0 c_k0) + x_1 c_k1) + …) in float32, j in increasing order, every
//   multiply and add rounded separately (no fused multiply-add), as the float32 GEMM computes
//   it; then e_k = halves[k] − dot_k in float64. The GEMM-based search (src/methods/vq/
//   nearest.ts) compares d_k = ‖c_k‖² − 2 dot_k in float64, and d_k = 2 e_k exactly: halving
//   and doubling are exact, and so is rounding after a doubling, since no operand or nonzero
//   result is subnormal (all are multiples of 2^-300 or so, from float32 squares). So e orders
//   and ties the centroids as d does, NaN where d is NaN, and the codes equal that search's.
// The argmin keeps four running minima, one per k mod 4 (two f64x2 vectors, with their k as
// f64 lanes), each updated by a strict < in increasing k, so each holds the first k of its
// lane's minimum; the four are then merged by value, ties to the lower k. That is the first
// k of the overall minimum, as a sequential scan with a strict < finds it.
// No tails: rows go one at a time, dims one at a time, and centroids in whole groups of 16.

export function nearest_u8(
  a: usize, N: i32, D: i32, C: i32, starts: usize, K: i32, ct: usize, halves: usize,
  codes: usize, flags: usize,
): void {
  const rowBytes = <usize>D << 2;
  for (let n = 0; n < N; n++) {
    const row = a + <usize>n * rowBytes;
    const out = codes + <usize>n * <usize>C;
    for (let c = 0; c < C; c++) {
      const s = load<i32>(starts + (<usize>c << 2));
      const Dc = load<i32>(starts + (<usize>(c + 1) << 2)) - s;
      const table = ct + ((<usize>K * <usize>s) << 2);
      store<u8>(out + <usize>c, <u8>argminBlock(row + (<usize>s << 2), Dc, K, table,
        halves + ((<usize>c * <usize>K) << 3)));
    }
    store<u8>(flags + <usize>n, nonFiniteRow(row, D));
  }
}

// The nearest of K centroids (table (K / 16, Dc, 16) f32, halves (K) f64) to x (Dc) f32.
@inline
function argminBlock(x: usize, Dc: i32, K: i32, table: usize, halves: usize): i32 {
  const inf = f64x2.splat(Infinity);
  let bestLo = inf, bestHi = inf;
  let argLo = f64x2.splat(0), argHi = f64x2.splat(0);
  // The k of the lanes of the next update: (k, k + 1) and (k + 2, k + 3).
  let kLo = f64x2(0, 1), kHi = f64x2(2, 3);
  const four = f64x2.splat(4);
  const groupBytes = <usize>Dc << 6;
  for (let g = 0; g < K; g += 16) {
    let acc0 = f32x4.splat(0), acc1 = f32x4.splat(0);
    let acc2 = f32x4.splat(0), acc3 = f32x4.splat(0);
    let t = table + (<usize>(g >> 4)) * groupBytes;
    for (let j = 0; j < Dc; j++) {
      const xj = v128.load32_splat(x + (<usize>j << 2));
      acc0 = f32x4.add(acc0, f32x4.mul(xj, v128.load(t, 0)));
      acc1 = f32x4.add(acc1, f32x4.mul(xj, v128.load(t, 16)));
      acc2 = f32x4.add(acc2, f32x4.mul(xj, v128.load(t, 32)));
      acc3 = f32x4.add(acc3, f32x4.mul(xj, v128.load(t, 48)));
      t += 64;
    }
    const hk = halves + (<usize>g << 3);
    // Four times the same update, for centroids g + 4q .. g + 4q + 3, q = 0 .. 3; written out
    // so that the running minima stay in registers.
    let dLo = f64x2.promote_low_f32x4(acc0);
    let dHi = f64x2.promote_low_f32x4(f32x4.shuffle(acc0, acc0, 2, 3, 2, 3));
    let vLo = f64x2.sub(v128.load(hk, 0), dLo);
    let vHi = f64x2.sub(v128.load(hk, 16), dHi);
    let mLo = f64x2.lt(vLo, bestLo), mHi = f64x2.lt(vHi, bestHi);
    bestLo = v128.bitselect(vLo, bestLo, mLo); argLo = v128.bitselect(kLo, argLo, mLo);
    bestHi = v128.bitselect(vHi, bestHi, mHi); argHi = v128.bitselect(kHi, argHi, mHi);
    kLo = f64x2.add(kLo, four); kHi = f64x2.add(kHi, four);

    dLo = f64x2.promote_low_f32x4(acc1);
    dHi = f64x2.promote_low_f32x4(f32x4.shuffle(acc1, acc1, 2, 3, 2, 3));
    vLo = f64x2.sub(v128.load(hk, 32), dLo);
    vHi = f64x2.sub(v128.load(hk, 48), dHi);
    mLo = f64x2.lt(vLo, bestLo); mHi = f64x2.lt(vHi, bestHi);
    bestLo = v128.bitselect(vLo, bestLo, mLo); argLo = v128.bitselect(kLo, argLo, mLo);
    bestHi = v128.bitselect(vHi, bestHi, mHi); argHi = v128.bitselect(kHi, argHi, mHi);
    kLo = f64x2.add(kLo, four); kHi = f64x2.add(kHi, four);

    dLo = f64x2.promote_low_f32x4(acc2);
    dHi = f64x2.promote_low_f32x4(f32x4.shuffle(acc2, acc2, 2, 3, 2, 3));
    vLo = f64x2.sub(v128.load(hk, 64), dLo);
    vHi = f64x2.sub(v128.load(hk, 80), dHi);
    mLo = f64x2.lt(vLo, bestLo); mHi = f64x2.lt(vHi, bestHi);
    bestLo = v128.bitselect(vLo, bestLo, mLo); argLo = v128.bitselect(kLo, argLo, mLo);
    bestHi = v128.bitselect(vHi, bestHi, mHi); argHi = v128.bitselect(kHi, argHi, mHi);
    kLo = f64x2.add(kLo, four); kHi = f64x2.add(kHi, four);

    dLo = f64x2.promote_low_f32x4(acc3);
    dHi = f64x2.promote_low_f32x4(f32x4.shuffle(acc3, acc3, 2, 3, 2, 3));
    vLo = f64x2.sub(v128.load(hk, 96), dLo);
    vHi = f64x2.sub(v128.load(hk, 112), dHi);
    mLo = f64x2.lt(vLo, bestLo); mHi = f64x2.lt(vHi, bestHi);
    bestLo = v128.bitselect(vLo, bestLo, mLo); argLo = v128.bitselect(kLo, argLo, mLo);
    bestHi = v128.bitselect(vHi, bestHi, mHi); argHi = v128.bitselect(kHi, argHi, mHi);
    kLo = f64x2.add(kLo, four); kHi = f64x2.add(kHi, four);
  }
  // Merge the four lanes: lower distance wins, equal distances go to the lower k. A lane
  // that never passed its strict < still holds +Infinity and k = 0.
  // Selects rather than branches: which lane wins is data, and mispredicts would cost more.
  let best = f64x2.extract_lane(bestLo, 0);
  let arg = f64x2.extract_lane(argLo, 0);
  let v = f64x2.extract_lane(bestLo, 1);
  let k = f64x2.extract_lane(argLo, 1);
  let take = (v < best) | ((v == best) & (k < arg));
  best = select(v, best, take);
  arg = select(k, arg, take);
  v = f64x2.extract_lane(bestHi, 0);
  k = f64x2.extract_lane(argHi, 0);
  take = (v < best) | ((v == best) & (k < arg));
  best = select(v, best, take);
  arg = select(k, arg, take);
  v = f64x2.extract_lane(bestHi, 1);
  k = f64x2.extract_lane(argHi, 1);
  take = (v < best) | ((v == best) & (k < arg));
  return <i32>select(k, arg, take);
}

// 1 if any of the D values at x is NaN or ±Infinity: x − x is 0 exactly for finite x.
@inline
function nonFiniteRow(x: usize, D: i32): u8 {
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= D; j += 4) {
    const v = v128.load(x + (<usize>j << 2));
    acc = f32x4.add(acc, f32x4.sub(v, v));
  }
  let rest: f32 = 0;
  for (; j < D; j++) {
    const v = load<f32>(x + (<usize>j << 2));
    rest += v - v;
  }
  const bad = v128.any_true(f32x4.ne(acc, f32x4.splat(0))) || rest != 0;
  return bad ? 1 : 0;
}
