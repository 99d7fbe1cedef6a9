/**
 * Lookup tables from B (ALGORITHM.md section 4): T[m, c, k] = B[:, m] · P[c, k], quantized to
 * uint8 with an offset per (column, codebook) and a scale per column of the form 255 / 2^e.
 * (The specification's one scale and per-codebook offsets are the special case of equal
 * columns; per-column values lose less when the columns of B differ in range.)
 * @module
 */
import { InvalidArgumentError } from '../../core/errors.js';
import { gemm, type LutTables } from '../../kernels/index.js';
import { K } from './prototypes.js';

/**
 * Builds the quantized tables for the scan.
 * @param P (C * 16, D) f32 prototypes
 * @param B (D, M) f32 row-major
 * @param Cs codebooks after the scan's padding; padding tables are all zero
 */
export function buildLuts(P: Float32Array, C: number, Cs: number, B: Float32Array, D: number,
  M: number): LutTables {
  // T (C * 16, M): row c * 16 + k, column m.
  const T = gemm(P, B, C * K, D, M);
  const luts = new Uint8Array(M * Cs * K);
  const invScale = new Float32Array(M);
  const shiftAvg = new Float32Array(M);
  const shiftExact = new Float32Array(M);
  const bias = averagingBias(C, Cs);
  const offsets = new Float64Array(C);
  for (let m = 0; m < M; m++) {
    // Start the max at -Infinity: a column whose entries are all negative must still count.
    let maxGap = -Infinity;
    for (let c = 0; c < C; c++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < K; k++) {
        const v = T[(c * K + k) * M + m];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      offsets[c] = lo;
      maxGap = Math.max(maxGap, hi - lo);
    }
    const scale = maxGap > 0 ? 255 / 2 ** Math.ceil(Math.log2(maxGap)) : 1;
    let offsetSum = 0;
    for (let c = 0; c < C; c++) {
      offsetSum += offsets[c];
      const dst = (m * Cs + c) * K;
      for (let k = 0; k < K; k++) {
        const q = Math.round((T[(c * K + k) * M + m] - offsets[c]) * scale);
        luts[dst + k] = q < 0 ? 0 : q > 255 ? 255 : q;
      }
    }
    invScale[m] = 1 / scale;
    shiftExact[m] = offsetSum;
    shiftAvg[m] = offsetSum - bias * invScale[m];
    if (!tablesFitFloat32(invScale[m], shiftAvg[m], shiftExact[m], Cs)) {
      throw new InvalidArgumentError('B', `column ${m} is too large: its products with the ` +
        'prototypes would leave the float32 range', maxGap);
    }
  }
  return { M, Cs, luts, invScale, shiftAvg, shiftExact };
}

/**
 * Whether every output of a column, total · invScale + shift for totals up to 255 per
 * codebook, stays finite in float32; setB and the model file hold tables to this.
 */
export function tablesFitFloat32(invScale: number, shiftAvg: number, shiftExact: number,
  Cs: number): boolean {
  const top = Math.fround(255 * Cs * invScale);
  return invScale > 0 && Number.isFinite(Math.fround(top + Math.abs(shiftAvg))) &&
    Number.isFinite(Math.fround(top + Math.abs(shiftExact)));
}

/**
 * Expected excess of the averaging scan's estimate Σ_g U_g·S_g over the true integer sum.
 * Each rounding average adds 1/4 in expectation when its inputs' parities are random, which
 * gives (U/4)·log2(U) per full group of U; an average of two all-zero padding tables is exact
 * and adds nothing, which matters for the padded last group.
 */
export function averagingBias(C: number, Cs: number): number {
  let bias = 0;
  for (let first = 0; first < Cs; first += 16) {
    const size = Math.min(16, Cs - first);
    bias += size * nodeError(first, size, C);
  }
  return bias;
}

/** Expected rounding error (in units of the average) of the tree over [first, first + size). */
function nodeError(first: number, size: number, C: number): number {
  if (size === 1) return 0;
  const half = size / 2;
  const own = first < C ? 0.25 : 0; // both halves all padding only when the first is padding
  return own + (nodeError(first, half, C) + nodeError(first + half, half, C)) / 2;
}
