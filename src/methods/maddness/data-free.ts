/**
 * The data-free fit (the paper's "function when there's no training data"): hash trees and
 * prototypes from B alone, under an assumed distribution of A's rows, independent normal
 * dims with a given mean and variance (standardized when none are given).
 *
 * Per codebook and level, the split dim is the one whose split most lowers the expected
 * squared output error: the reconstruction variance removed in dim j, weighted by
 * w_j = σ_j² ‖B_j‖², the energy of B's row j (its share of the output's variance). Every
 * bucket splits at the conditional median of its interval on that dim, so each of the 16
 * leaves holds 1/16 of the assumed mass; a dim chosen again at a later level is cut finer.
 * Prototypes are the conditional means of each leaf: the truncated-normal mean on the dims
 * the tree cuts, the assumed mean on the block's other dims, zero off the block.
 * @module
 */
import { truncatedMedian, truncatedMoments } from '../../core/normal.js';
import { LEVELS, type HashTree } from './hash-tree.js';
import { K } from './prototypes.js';

/** What the data-free fit assumes of A's dims. */
export interface AssumedInputs {
  /** (D) f64 means. */
  readonly mean: Float64Array;
  /** (D) f64 standard deviations, ≥ 0. */
  readonly sd: Float64Array;
}

/** Trees and (C * 16, D) f64 prototypes from B (D, M) row-major and the assumptions. */
export function dataFreeFit(B: Float32Array, D: number, M: number, starts: Int32Array,
  assumed: AssumedInputs): { trees: HashTree[]; prototypes: Float64Array } {
  const C = starts.length - 1;
  const weight = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    let energy = 0;
    for (let m = 0; m < M; m++) energy += B[j * M + m] * B[j * M + m];
    weight[j] = assumed.sd[j] * assumed.sd[j] * energy;
  }
  const trees: HashTree[] = [];
  const prototypes = new Float64Array(C * K * D);
  for (let c = 0; c < C; c++) {
    const tree = blockTree(weight, starts[c], starts[c + 1]);
    trees.push(tree.tree);
    for (let k = 0; k < K; k++) {
      const row = (c * K + k) * D;
      for (let j = starts[c]; j < starts[c + 1]; j++) prototypes[row + j] = assumed.mean[j];
      for (const [j, [a, b]] of tree.leaves[k]) {
        prototypes[row + j] = assumed.mean[j] + assumed.sd[j] * truncatedMoments(a, b).mean;
      }
    }
    // Thresholds were found in standard units; move them to the assumed scale of each dim.
    const thresholds = tree.tree.thresholds;
    for (let t = 0; t < LEVELS; t++) {
      const j = tree.tree.dims[t];
      for (let b = 0; b < 1 << t; b++) {
        thresholds[t * 16 + b] = assumed.mean[j] + assumed.sd[j] * thresholds[t * 16 + b];
      }
    }
  }
  return { trees, prototypes };
}

/** A bucket's interval on each dim the tree has cut, in standard units. */
type Intervals = Map<number, [number, number]>;

/** The tree of one block, with thresholds in standard units, and its leaves' intervals. */
function blockTree(weight: Float64Array, lo: number, hi: number):
  { tree: HashTree; leaves: Intervals[] } {
  const dims = new Int32Array(LEVELS);
  const thresholds = new Float64Array(LEVELS * 16);
  let buckets: Intervals[] = [new Map()];
  for (let t = 0; t < LEVELS; t++) {
    let best = lo;
    let bestGain = -1;
    for (let j = lo; j < hi; j++) {
      let gain = 0;
      for (const bucket of buckets) gain += splitGain(bucket.get(j) ?? [-Infinity, Infinity]);
      gain *= weight[j];
      // Ties (all-zero weights included) go to the lowest dim, so the fit is deterministic.
      if (gain > bestGain) {
        bestGain = gain;
        best = j;
      }
    }
    dims[t] = best;
    const next: Intervals[] = [];
    buckets.forEach((bucket, b) => {
      const [a, z] = bucket.get(best) ?? [-Infinity, Infinity];
      const cut = truncatedMedian(a, z);
      thresholds[t * 16 + b] = cut;
      // Child 2b holds x < cut, child 2b + 1 holds x ≥ cut: the encoder's bit order.
      next.push(new Map(bucket).set(best, [a, cut]), new Map(bucket).set(best, [cut, z]));
    });
    buckets = next;
  }
  return { tree: { dims, thresholds }, leaves: buckets };
}

/** Variance removed by cutting a standard normal on [a, b) at its median (per unit mass). */
function splitGain([a, b]: [number, number]): number {
  const whole = truncatedMoments(a, b).variance;
  const m = truncatedMedian(a, b);
  return whole - 0.5 * (truncatedMoments(a, m).variance + truncatedMoments(m, b).variance);
}
