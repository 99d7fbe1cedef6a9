/**
 * Scalar twin of the WebAssembly kernel `dot_i8` (assembly/dot.ts): out (N, M) i32 row-major,
 * out[n, m] = Σ_d a[n, d] · b[m, d] with a (N, D) i8 and b (M, D) i8 row-major. Integer sums
 * wrap to int32 exactly as the kernel's lanes do, so the two agree exactly for any order.
 */
export function dotI8(a: Int8Array, b: Int8Array, out: Int32Array, N: number, M: number,
  D: number): void {
  for (let n = 0; n < N; n++) {
    const x = n * D;
    for (let m = 0; m < M; m++) {
      const y = m * D;
      let s = 0;
      for (let k = 0; k < D; k++) s = (s + a[x + k] * b[y + k]) | 0;
      out[n * M + m] = s;
    }
  }
}
