/**
 * How far calibration trusts a leaf's running mean over the data-free prototype: the leaf
 * mean of n rows has noise W / n (W the within-leaf variance, summed over the block's dims),
 * and the prototypes deviate from the true leaf means by τ² on average. The posterior mean
 * under that model weighs the prior as κ = W / τ² pseudo-rows. Both are estimated per
 * codebook from the rows seen (method of moments), so a good prior is kept longer than a
 * poor one and noisy leaves move less than well-filled ones.
 * @module
 */
import { K } from './prototypes.js';

/** κ beyond which the prior is all that counts (τ² estimated as zero). */
const KEEP_PRIOR = 1e12;

/**
 * Pseudo-rows κ of the prior for codebook c, from the statistics of the rows seen.
 * @param GtG (16C, 16C) f64 leaf co-occurrence counts (the diagonal is the leaf counts)
 * @param GtA (16C, D) f64 leaf sums
 * @param GtSq (16C) f64 per leaf, the sum over rows of the squared norm on the block
 * @param prior (16C, D) f32 data-free prototypes
 */
export function priorWeight(c: number, starts: Int32Array, D: number, GtG: Float64Array,
  GtA: Float64Array, GtSq: Float64Array, prior: Float32Array): number {
  const n = (starts.length - 1) * K;
  let within = 0;
  let dof = 0;
  for (let k = 0; k < K; k++) {
    const u = c * K + k;
    const count = GtG[u * n + u];
    if (count < 2) continue;
    let s2 = 0;
    for (let j = starts[c]; j < starts[c + 1]; j++) s2 += GtA[u * D + j] ** 2;
    within += GtSq[u] - s2 / count;
    dof += count - 1;
  }
  if (dof === 0) return KEEP_PRIOR;
  const W = Math.max(0, within / dof);
  let excess = 0;
  let leaves = 0;
  for (let k = 0; k < K; k++) {
    const u = c * K + k;
    const count = GtG[u * n + u];
    if (count < 1) continue;
    let dev = 0;
    for (let j = starts[c]; j < starts[c + 1]; j++) {
      dev += (GtA[u * D + j] / count - prior[u * D + j]) ** 2;
    }
    // E‖mean − prior‖² = τ² + W / n: what the leaf means add beyond their own noise.
    excess += dev - W / count;
    leaves++;
  }
  const tau2 = excess / leaves;
  if (!(tau2 > 0)) return KEEP_PRIOR;
  return Math.min(KEEP_PRIOR, W / tau2);
}

/** GtSq[u] += ‖row's block‖² for each row's leaf u in every codebook. */
export function accumulateSquares(A: { rows: number; cols: number; data: Float32Array },
  codes: Uint8Array, starts: Int32Array, GtSq: Float64Array): void {
  const C = starts.length - 1;
  const D = A.cols;
  for (let r = 0; r < A.rows; r++) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let j = starts[c]; j < starts[c + 1]; j++) s += A.data[r * D + j] ** 2;
      GtSq[c * K + codes[r * C + c]] += s;
    }
  }
}
