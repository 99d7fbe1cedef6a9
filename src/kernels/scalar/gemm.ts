/**
 * Scalar twin of the WebAssembly GEMM kernel `gemm_f32`.
 * C (N, M) = A (N, D) · B (D, M), all row-major float32. Each C[i, j] is accumulated in k order
 * with a float32 rounding after every multiply and every add (no fused multiply-add), which is
 * exactly what the SIMD kernel does per lane, so the two agree bit for bit.
 */
export function gemmF32(
  a: Float32Array, b: Float32Array, c: Float32Array, N: number, D: number, M: number,
): void {
  const f = Math.fround;
  const acc = new Float32Array(M);
  for (let i = 0; i < N; i++) {
    acc.fill(0);
    const aRow = i * D;
    for (let k = 0; k < D; k++) {
      const aik = a[aRow + k];
      const bRow = k * M;
      for (let j = 0; j < M; j++) acc[j] = f(acc[j] + f(aik * b[bRow + j]));
    }
    c.set(acc, i * M);
  }
}
