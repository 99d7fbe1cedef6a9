/**
 * The table scan of PQ and OPQ: Y[n, m] = Σ_c T[c][code(n, c)][m] with float tables, summed in
 * float32 in codebook order 0 .. C − 1 (each add rounds to float32, as the output array stores
 * it), so a result does not depend on the backend or on how rows are split.
 * @module
 */

/**
 * @param codes (N, C) u8 row-major
 * @param T (C, K, M) f32: T[c][k][m] at (c * K + k) * M + m
 * @returns (N, M) f32 row-major
 */
export function scanFloatTables(codes: Uint8Array, N: number, C: number, K: number,
  T: Float32Array, M: number): Float32Array {
  const out = new Float32Array(N * M);
  for (let n = 0; n < N; n++) {
    const o = n * M;
    for (let c = 0; c < C; c++) {
      // The table row of this code: M contiguous floats, added to the row's M outputs.
      const t = (c * K + codes[n * C + c]) * M;
      for (let m = 0; m < M; m++) out[o + m] += T[t + m];
    }
  }
  return out;
}
