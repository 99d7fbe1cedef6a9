// The float-table scan of PQ and OPQ: Y[n, m] = Σ_c T[c][code(n, c)][m].
//
// scanFloat_f32(codes, N, C, K, T, M, Mp, out)
//   codes: (N, C) u8 row-major, each below K.
//   T:     (C, K, Mp) f32: T[c][k][m] at (c * K + k) * Mp + m, with Mp = M rounded up to a
//          multiple of 4 and columns M .. Mp − 1 zero, so every table row is whole vectors.
//   out:   (N, M) f32 row-major, written.
// Every output is summed in float32 from 0 in codebook order c = 0 .. C − 1, each add rounded,
// the order of the scalar twin (src/kernels/scalar/float-scan.ts), so the two agree bit for bit.
// Blocks: per row, 16 columns (four f32x4 accumulators) at a time over all C codebooks, then
// the rest one vector at a time; of the last vector only the M mod 4 real lanes are stored.

export function scanFloat_f32(
  codes: usize, N: i32, C: i32, K: i32, T: usize, M: i32, Mp: i32, out: usize,
): void {
  const rowBytes = <usize>Mp << 2;
  const bookBytes = <usize>K * rowBytes;
  for (let n = 0; n < N; n++) {
    const code = codes + <usize>n * <usize>C;
    const y = out + ((<usize>n * <usize>M) << 2);
    let m = 0;
    for (; m + 16 <= Mp; m += 16) {
      let acc0 = f32x4.splat(0), acc1 = f32x4.splat(0);
      let acc2 = f32x4.splat(0), acc3 = f32x4.splat(0);
      let book = T + (<usize>m << 2);
      for (let c = 0; c < C; c++) {
        const t = book + <usize>load<u8>(code + <usize>c) * rowBytes;
        acc0 = f32x4.add(acc0, v128.load(t, 0));
        acc1 = f32x4.add(acc1, v128.load(t, 16));
        acc2 = f32x4.add(acc2, v128.load(t, 32));
        acc3 = f32x4.add(acc3, v128.load(t, 48));
        book += bookBytes;
      }
      storeLanes(y + (<usize>m << 2), acc0, M - m);
      storeLanes(y + (<usize>(m + 4) << 2), acc1, M - m - 4);
      storeLanes(y + (<usize>(m + 8) << 2), acc2, M - m - 8);
      storeLanes(y + (<usize>(m + 12) << 2), acc3, M - m - 12);
    }
    for (; m < Mp; m += 4) {
      let acc = f32x4.splat(0);
      let book = T + (<usize>m << 2);
      for (let c = 0; c < C; c++) {
        acc = f32x4.add(acc, v128.load(book + <usize>load<u8>(code + <usize>c) * rowBytes));
        book += bookBytes;
      }
      storeLanes(y + (<usize>m << 2), acc, M - m);
    }
  }
}

// Stores the first min(4, lanes) lanes of v at p (lanes ≥ 1: the vector holds a real column).
@inline
function storeLanes(p: usize, v: v128, lanes: i32): void {
  if (lanes >= 4) {
    v128.store(p, v);
    return;
  }
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (lanes > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (lanes > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}
