/**
 * Bolt's 8-bit tables and 4-bit code packing, in the layouts of the existing scan kernels
 * (assembly/scan.ts), so Bolt's sums run through the same SIMD code as MADDNESS's exact path.
 *
 * Quantization: per output column m, an offset o[c, m] = min_k T[c][k][m] for each codebook
 * and ONE scale s_m = 255 / max_c (max_k T − min_k T) shared by the codebooks of that column
 * (ALGORITHM.md section 6: per-codebook floors and one scale; per column rather than global
 * because the columns of B may differ in range). No power-of-two rounding: the exact 16-bit sum
 * needs none, so the widest codebook uses the full 0..255 range.
 * @module
 */
import { InvalidArgumentError } from '../../core/errors.js';
import { paddedRows, type LutTables } from '../../kernels/index.js';

/** Table entries per codebook. */
export const BOLT_K = 16;

/**
 * @param T (C, 16, M) f32 float tables, T[c][k][m] at (c * 16 + k) * M + m
 * @param Cs codebooks after the scan's padding (paddedCodebooks(C)); padding tables are zero
 * @throws InvalidArgumentError when outputs would leave the float32 range
 */
export function quantizeTables(T: Float32Array, C: number, Cs: number, M: number): LutTables {
  const luts = new Uint8Array(M * Cs * BOLT_K);
  const invScale = new Float32Array(M);
  const shift = new Float32Array(M);
  const offsets = new Float64Array(C);
  for (let m = 0; m < M; m++) {
    let maxGap = -Infinity;
    for (let c = 0; c < C; c++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < BOLT_K; k++) {
        const v = T[(c * BOLT_K + k) * M + m];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      offsets[c] = lo;
      maxGap = Math.max(maxGap, hi - lo);
    }
    // A column of constant tables is exact with any scale: all bytes 0, the offsets carry it.
    const scale = maxGap > 0 ? 255 / maxGap : 1;
    let offsetSum = 0;
    for (let c = 0; c < C; c++) {
      offsetSum += offsets[c];
      const dst = (m * Cs + c) * BOLT_K;
      for (let k = 0; k < BOLT_K; k++) {
        const q = Math.round((T[(c * BOLT_K + k) * M + m] - offsets[c]) * scale);
        luts[dst + k] = q < 0 ? 0 : q > 255 ? 255 : q;
      }
    }
    invScale[m] = 1 / scale;
    shift[m] = offsetSum;
    if (!outputsFitFloat32(invScale[m], shift[m], Cs)) {
      throw new InvalidArgumentError('B', `column ${m} is too large: its products with the ` +
        'centroids would leave the float32 range', maxGap);
    }
  }
  return { M, Cs, luts, invScale, shiftAvg: shift, shiftExact: shift };
}

/** Whether total · invScale + shift stays finite for every total up to 255 · Cs. */
export function outputsFitFloat32(invScale: number, shift: number, Cs: number): boolean {
  const top = Math.fround(255 * Cs * invScale);
  return invScale > 0 && Number.isFinite(top) &&
    Number.isFinite(Math.fround(top + Math.abs(shift)));
}

/**
 * Packs codes (N, C) u8 row-major, each below 16, into the scan's layout
 * (paddedRows(N) / 16, Cs / 2, 16) u8: byte (block, j, r) holds row block · 16 + r's code of
 * codebook 2j in its low nibble and of 2j + 1 in its high nibble; padding rows and padding
 * codebooks C .. Cs − 1 get code 0.
 */
export function packCodes(codes: Uint8Array, N: number, C: number, Cs: number): Uint8Array {
  const pairs = Cs >> 1;
  const packed = new Uint8Array(paddedRows(N) * pairs);
  for (let n = 0; n < N; n++) {
    const base = (n >> 4) * pairs * 16 + (n & 15);
    const row = n * C;
    for (let c = 0; c < C; c++) {
      packed[base + (c >> 1) * 16] |= (c & 1) === 0 ? codes[row + c] : codes[row + c] << 4;
    }
  }
  return packed;
}

/** The inverse of packCodes: (N, C) u8 row-major codes. */
export function unpackCodes(packed: Uint8Array, N: number, C: number, Cs: number): Uint8Array {
  const pairs = Cs >> 1;
  const codes = new Uint8Array(N * C);
  for (let n = 0; n < N; n++) {
    const base = (n >> 4) * pairs * 16 + (n & 15);
    for (let c = 0; c < C; c++) {
      const byte = packed[base + (c >> 1) * 16];
      codes[n * C + c] = (c & 1) === 0 ? byte & 15 : byte >> 4;
    }
  }
  return codes;
}
