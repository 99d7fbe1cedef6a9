/**
 * The int8 quantizers of ScalarQuantize (ALGORITHM.md section 6).
 *
 * Rows of A are quantized affinely by the quantizeRows_i8 kernel, q = round((x − min) · inv) −
 * 128 with inv = 255 / (max − min) per row, so x ≈ s·q + z with s = 1 / inv, z = min + 128·s:
 * activations are often all non-negative (after a ReLU), and a symmetric code would leave half
 * of the 256 levels unused on them. Columns of B (weights, roughly centred on zero) are
 * quantized symmetrically, b ≈ t·r with r in [−127, 127] and t = max|b| / 127, which keeps the
 * product's offset term a single column sum.
 * @module
 */

/** Row n's scale s and zero offset z (x ≈ s·q + z) from the kernel's (N, 2) f32 params. */
export function rowScale(params: Float32Array, n: number): { scale: number; zero: number } {
  const inv = params[2 * n + 1];
  const scale = inv > 0 ? 1 / inv : 0;
  return { scale, zero: params[2 * n] + 128 * scale };
}

/** B quantized per column and transposed, with the column sums of the offset correction. */
export interface QuantizedColumns {
  /** (M, D) i8 row-major: row m is column m of B, in [−127, 127]. */
  readonly r: Int8Array;
  /** (M) f32: column m of B is scale[m] · r[m]. */
  readonly scale: Float32Array;
  /** (M) i32: Σ_d r[m, d], which multiplies each row's zero offset. */
  readonly sums: Int32Array;
}

/** Symmetric int8 codes of the columns of B (D, M) f32 row-major. */
export function quantizeColumns(B: Float32Array, D: number, M: number): QuantizedColumns {
  const r = new Int8Array(M * D);
  const scale = new Float32Array(M);
  const sums = new Int32Array(M);
  for (let m = 0; m < M; m++) {
    let top = 0;
    for (let d = 0; d < D; d++) top = Math.max(top, Math.abs(B[d * M + m]));
    scale[m] = top / 127;
    const inv = scale[m] > 0 ? 1 / scale[m] : 0;
    let sum = 0;
    for (let d = 0; d < D; d++) {
      const v = Math.round(B[d * M + m] * inv);
      r[m * D + d] = v > 127 ? 127 : v < -127 ? -127 : v;
      sum += r[m * D + d];
    }
    sums[m] = sum;
  }
  return { r, scale, sums };
}
