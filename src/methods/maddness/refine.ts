/**
 * Refinement passes of the output objective: each codebook's tree is relearned on the residual
 * of the product that the other codebooks leave, and the new tree is kept only if it lowers the
 * error on training rows held out from the tree search. Codebook contributions are modelled in
 * output space as one M-vector per leaf (the leaf mean of the residual, i.e. backfitting), which
 * is what a tree can change; the final prototypes are then fitted as usual.
 * @module
 */
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { gemm } from '../../kernels/index.js';
import { encodeToCodes, quantizeEncoder, type RangeOf } from './encoder.js';
import { bucketMeans } from './bucket-stats.js';
import { learnTree, type HashTree } from './hash-tree.js';

/**
 * Fewest training rows for which a held-out part is split off and refinement runs. With fewer,
 * the held-out rows were too few to judge a relearned tree: on the UCR sets (50 to 1800 rows)
 * refinement chose trees that made the averaging scan's error several times larger.
 */
export const MIN_REFINE_ROWS = 2000;
/** Share of the training rows held out to judge a relearned tree. */
const HELD_OUT = 0.2;

/** One side of the split: rows, their product with B, and per-codebook codes and tables. */
interface Part {
  readonly rows: Matrix;
  /** (N, M) f64: rows · B. */
  readonly Y: Float64Array;
  /** (C, N) u8: each codebook's codes. */
  readonly codes: Uint8Array[];
  /** (N, M) f64: the sum of every codebook's leaf vector. */
  readonly sum: Float64Array;
}

/**
 * Runs `passes` refinement passes over the trees and returns the trees to keep.
 * @param train (N, D) all training rows (their ranges set the encoder's quantization)
 * @param B (D, M)
 * @param trees the initial trees, one per codebook (fitted to the output objective)
 * @param starts (C + 1) block boundaries
 * @param ranges the training range of each column of `train` (see columnRanges)
 */
export function refineTrees(train: Matrix, B: Matrix, trees: readonly HashTree[],
  starts: Int32Array, passes: number, seed: number, ranges: RangeOf): HashTree[] {
  const kept = trees.slice();
  if (passes <= 0 || train.rows < MIN_REFINE_ROWS) return kept;
  const C = trees.length;
  const M = B.cols;
  const order = new Rng(seed ^ 0x5eed).permutation(train.rows);
  const nHeld = Math.max(1, Math.round(HELD_OUT * train.rows));
  const fit = part(train, order.subarray(nHeld), B, kept, ranges);
  const held = part(train, order.subarray(0, nHeld), B, kept, ranges);
  // One backfitting sweep with the initial trees: each codebook's leaf vectors fit what the
  // codebooks before it leave, so that the sums start as a fitted additive model.
  const tables: Float64Array[] = [];
  for (let c = 0; c < C; c++) {
    tables.push(leafMeans(subtract(fit.Y, fit.sum), fit.codes[c], M));
    addLeaves(fit, held, tables[c], c, M, 1);
  }

  const initialFit = fit.codes.slice();
  const initialHeld = held.codes.slice();
  for (let pass = 0; pass < passes; pass++) {
    for (let c = 0; c < C; c++) {
      addLeaves(fit, held, tables[c], c, M, -1);
      const residualFit = subtract(fit.Y, fit.sum);
      const residualHeld = subtract(held.Y, held.sum);
      const current = leafMeans(residualFit, fit.codes[c], M);
      const block = blockOf(fit.rows, starts[c], starts[c + 1]);
      const tree = learnTree(block, fit.rows.rows, starts[c + 1] - starts[c], starts[c],
        { Y: residualFit, width: M });
      const codesFit = codesOf(fit.rows, tree, ranges);
      const codesHeld = codesOf(held.rows, tree, ranges);
      const candidate = leafMeans(residualFit, codesFit, M);
      const before = error(residualHeld, held.codes[c], current, M);
      const after = error(residualHeld, codesHeld, candidate, M);
      if (after < before) {
        kept[c] = tree;
        fit.codes[c] = codesFit;
        held.codes[c] = codesHeld;
        tables[c] = candidate;
      } else {
        tables[c] = current;
      }
      addLeaves(fit, held, tables[c], c, M, 1);
    }
  }
  // The per-codebook checks are greedy; keep the refined trees only if, refitted from scratch
  // on the same rows, they also beat the initial trees on the held-out rows as a whole.
  const refined = additiveError(fit.Y, fit.codes, held.Y, held.codes, M);
  const initial = additiveError(fit.Y, initialFit, held.Y, initialHeld, M);
  return refined < initial ? kept : trees.slice();
}

/**
 * Held-out error of the additive model Σ_c table_c[code_c], its tables fitted to the fit rows
 * by a few backfitting sweeps from zero (coordinate descent on the least-squares tables).
 */
function additiveError(Yfit: Float64Array, codesFit: Uint8Array[], Yheld: Float64Array,
  codesHeld: Uint8Array[], M: number): number {
  const C = codesFit.length;
  const sum = new Float64Array(Yfit.length);
  const tables: Float64Array[] = codesFit.map(() => new Float64Array(16 * M));
  for (let sweep = 0; sweep < 3; sweep++) {
    for (let c = 0; c < C; c++) {
      const codes = codesFit[c];
      const old = tables[c];
      for (let n = 0; n < codes.length; n++) {
        for (let m = 0; m < M; m++) sum[n * M + m] -= old[codes[n] * M + m];
      }
      const table = leafMeans(subtract(Yfit, sum), codes, M);
      tables[c] = table;
      for (let n = 0; n < codes.length; n++) {
        for (let m = 0; m < M; m++) sum[n * M + m] += table[codes[n] * M + m];
      }
    }
  }
  let e = 0;
  const rows = codesHeld[0]?.length ?? 0;
  for (let n = 0; n < rows; n++) {
    for (let m = 0; m < M; m++) {
      let y = Yheld[n * M + m];
      for (let c = 0; c < C; c++) y -= tables[c][codesHeld[c][n] * M + m];
      e += y * y;
    }
  }
  return e;
}

function part(train: Matrix, index: Uint32Array, B: Matrix, trees: readonly HashTree[],
  ranges: RangeOf): Part {
  const sorted = Uint32Array.from(index).sort();
  const data = new Float32Array(sorted.length * train.cols);
  for (let i = 0; i < sorted.length; i++) {
    data.set(train.data.subarray(sorted[i] * train.cols, (sorted[i] + 1) * train.cols),
      i * train.cols);
  }
  const rows = { rows: sorted.length, cols: train.cols, data };
  const Y = Float64Array.from(gemm(data, B.data, rows.rows, train.cols, B.cols));
  return { rows, Y, codes: trees.map((t) => codesOf(rows, t, ranges)),
    sum: new Float64Array(rows.rows * B.cols) };
}

/** Codes (N) u8 of `rows` under one tree, quantized from the ranges of all training rows. */
function codesOf(rows: Matrix, tree: HashTree, ranges: RangeOf): Uint8Array {
  return encodeToCodes(rows, quantizeEncoder([tree], ranges));
}

/** (16, M) f64 means of R's rows per leaf; an empty leaf gets zeros. */
function leafMeans(R: Float64Array, codes: Uint8Array, M: number): Float64Array {
  return bucketMeans(R, codes.length, M, codes, 16).means;
}

/** Adds (sign 1) or removes (sign -1) codebook c's leaf vectors from both parts' sums. */
function addLeaves(fit: Part, held: Part, table: Float64Array, c: number, M: number,
  sign: number): void {
  for (const p of [fit, held]) {
    const codes = p.codes[c];
    for (let n = 0; n < codes.length; n++) {
      for (let m = 0; m < M; m++) p.sum[n * M + m] += sign * table[codes[n] * M + m];
    }
  }
}

/** a − b, elementwise. */
function subtract(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

/** Σ over rows of |R[n] − table[codes[n]]|². */
function error(R: Float64Array, codes: Uint8Array, table: Float64Array, M: number): number {
  let e = 0;
  for (let n = 0; n < codes.length; n++) {
    for (let m = 0; m < M; m++) e += (R[n * M + m] - table[codes[n] * M + m]) ** 2;
  }
  return e;
}

/** (N, end - start) f64 copy of a column block, contiguous for the tree search. */
export function blockOf(A: Matrix, start: number, end: number): Float64Array {
  const d = end - start;
  const out = new Float64Array(A.rows * d);
  for (let n = 0; n < A.rows; n++) {
    for (let k = 0; k < d; k++) out[n * d + k] = A.data[n * A.cols + start + k];
  }
  return out;
}
