/**
 * Scalar twins of `sparseRows_f32` (assembly/sparse-rows.ts) and `fastJl_f32`
 * (assembly/fwht.ts), same layouts, same float32 operations in the same order, so that each
 * agrees with its kernel bit for bit. The sums' order: per output k, four partial sums over
 * the nonzeros taken in turn (the e-th nonzero of the row goes to sum e mod 4), each product
 * and sum rounded to float32, then (s0 + s1) + (s2 + s3).
 */
import { fwht } from './fwht.js';

/**
 * out[o + k] = Σ_e values[e] · x[xStart + index[e]] over the nonzeros e of row k of S, for
 * every k < d, in the kernel's order (see the module comment).
 */
export function projectRow(indptr: Int32Array, index: Int32Array, values: Float32Array, d: number,
  x: Float32Array, xStart: number, out: Float32Array, o: number): void {
  const f = Math.fround;
  const s = [0, 0, 0, 0];
  for (let k = 0; k < d; k++) {
    s[0] = s[1] = s[2] = s[3] = 0;
    const start = indptr[k];
    for (let e = start, end = indptr[k + 1]; e < end; e++) {
      const t = (e - start) & 3;
      s[t] = f(s[t] + f(values[e] * x[xStart + index[e]]));
    }
    out[o + k] = f(s[0] + s[1]) + f(s[2] + s[3]);
  }
}

/**
 * @param a (N, D) f32 row-major
 * @param indptr (d + 1) i32, index (nnz) i32 in [0, D), values (nnz) f32: S (d, D)
 * @param out (N, d) f32 row-major, written: out = A Sᵀ
 */
export function sparseRowsF32(a: Float32Array, N: number, D: number, indptr: Int32Array,
  index: Int32Array, values: Float32Array, d: number, out: Float32Array): void {
  for (let n = 0; n < N; n++) projectRow(indptr, index, values, d, a, n * D, out, n * d);
}

/**
 * @param a (N, D) f32 row-major
 * @param signs (D) i8 ±1
 * @param indptr (d + 1) i32, index (nnz) i32 in [0, Dp), values (nnz) f32: P (d, Dp)
 * @param out (N, d) f32 row-major, written: out = P H Σ a for every row a, zero-padded to Dp
 */
export function fastJlF32(a: Float32Array, N: number, D: number, Dp: number, signs: Int8Array,
  indptr: Int32Array, index: Int32Array, values: Float32Array, d: number,
  out: Float32Array): void {
  const x = new Float32Array(Dp);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < D; i++) x[i] = signs[i] > 0 ? a[n * D + i] : -a[n * D + i];
    x.fill(0, D);
    fwht(x, 0, Dp);
    projectRow(indptr, index, values, d, x, 0, out, n * d);
  }
}
