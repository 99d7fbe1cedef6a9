/**
 * Scalar twin of the WebAssembly kernel `scanFloat_f32` (assembly/float-scan.ts), on unpadded
 * tables: Y[n, m] = Σ_c T[c][code(n, c)][m], summed in float32 from 0 in codebook order
 * 0 .. C − 1 (each add rounds to float32, as the output array stores it).
 */

/**
 * @param codes (N, C) u8 row-major
 * @param T (C, K, M) f32: T[c][k][m] at (c * K + k) * M + m
 * @param out (N, M) f32 row-major, zero on entry, written
 */
export function scanFloatF32(codes: Uint8Array, N: number, C: number, K: number,
  T: Float32Array, M: number, out: Float32Array): void {
  for (let n = 0; n < N; n++) {
    const o = n * M;
    for (let c = 0; c < C; c++) {
      // The table row of this code: M contiguous floats, added to the row's M outputs.
      const t = (c * K + codes[n * C + c]) * M;
      for (let m = 0; m < M; m++) out[o + m] += T[t + m];
    }
  }
}
