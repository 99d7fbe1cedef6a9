/**
 * Scalar twin of the WebAssembly kernel `nearest_u8` (assembly/nearest.ts), same arguments as
 * typed arrays: the nearest of K centroids in each of C contiguous blocks of every row.
 * Each dot product is summed in float32 over the block's dims in increasing order (every
 * multiply and add rounded, no fused multiply-add), ‖c_k‖² / 2 − dot (half the distance,
 * which orders and ties as the distance does: see the kernel) is formed in float64, and a strict <
 * over increasing k keeps the first minimum: the kernel's order.
 */

/**
 * @param a (N, D) f32 row-major
 * @param starts (C + 1) i32: codebook c covers dims [starts[c], starts[c + 1])
 * @param ct codebook c from offset K · starts[c]: (K / 16, Dc, 16) f32, centroid 16g + i at
 *   dim j in entry (g · Dc + j) · 16 + i
 * @param halves (C, K) f64: ‖c_k‖² / 2
 * @param codes (N, C) u8 row-major, written
 * @param flags (N) u8, written: 1 for a row with a NaN or ±Infinity
 */
export function nearestU8(a: Float32Array, N: number, D: number, C: number,
  starts: Int32Array, K: number, ct: Float32Array, halves: Float64Array, codes: Uint8Array,
  flags: Uint8Array): void {
  const f = Math.fround;
  for (let n = 0; n < N; n++) {
    const row = n * D;
    for (let c = 0; c < C; c++) {
      const s = starts[c];
      const Dc = starts[c + 1] - s;
      const table = K * s;
      let best = Infinity;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        const at = table + (k >> 4) * Dc * 16 + (k & 15);
        let dot = 0;
        for (let j = 0; j < Dc; j++) dot = f(dot + f(a[row + s + j] * ct[at + j * 16]));
        const v = halves[c * K + k] - dot;
        if (v < best) {
          best = v;
          arg = k;
        }
      }
      codes[n * C + c] = arg;
    }
    let bad = 0;
    for (let j = row; j < row + D; j++) bad += a[j] - a[j];
    flags[n] = bad !== 0 ? 1 : 0;
  }
}
