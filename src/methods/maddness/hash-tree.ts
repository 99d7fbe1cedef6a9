/**
 * Learning one codebook's hash tree: four levels, one split dim per level, one threshold per
 * bucket, each threshold the exact minimizer of the bucket's SSE over all of the block's dims.
 * See ALGORITHM.md section 2.2. All sums are float64, over values centred per bucket. Each
 * candidate dim is sorted once per tree and the sort reused at every level.
 *
 * The SSE may also be taken over a target other than the block itself: the block's share of
 * the output, A_block · B_block, fits the tree to what the tables will be asked for (the
 * "output" objective). Splits are always on the block's own dims.
 * @module
 */
import { transpose64 } from '../../core/linalg.js';
import { sortColumn, type SortedColumn } from './argsort.js';
import { bucketMeans, bucketStats } from './bucket-stats.js';
import { explained } from './explained.js';
import { scoreDim, splitScratch } from './split-search.js';

/** Levels of the tree; 2^LEVELS = 16 leaves, the codes. */
export const LEVELS = 4;
/** Candidate dims tried per level. */
export const CANDIDATES = 4;

/** One learned tree, in float thresholds (before quantization for the int8 encoder). */
export interface HashTree {
  /** (4) i32: split dim at each level, as a column index of A. */
  readonly dims: Int32Array;
  /**
   * (4, 16) f64: threshold of bucket b at level t at [t * 16 + b]; x ≥ threshold goes right.
   * -Infinity marks a bucket that does not split (every point goes right).
   */
  readonly thresholds: Float64Array;
}

/** What a tree's buckets are scored on, when not the block's own values. */
export interface TreeTarget {
  /** (N, width) f64 row-major: the values whose within-bucket SSE the splits minimize. */
  readonly Y: Float64Array;
  readonly width: number;
}

/**
 * Learns the tree of one codebook from its block of the training rows.
 * @param X (N, d) f64 row-major: the training rows restricted to the block's columns
 * @param firstDim column of A where the block starts (added to the local dim indices)
 * @param target what to score splits on; the block itself (the paper's objective) by default
 */
export function learnTree(X: Float64Array, N: number, d: number, firstDim: number,
  target?: TreeTarget): HashTree {
  const Y = target?.Y ?? X;
  const width = target?.width ?? d;
  const dims = new Int32Array(LEVELS);
  const thresholds = new Float64Array(LEVELS * 16).fill(-Infinity);
  // (N) u8: each row's bucket at the current level, the code bits chosen so far.
  const bucket = new Uint8Array(N);
  const columns = new Map<number, SortedColumn>();
  const scratch = splitScratch(N);
  // (width, N) f64: the target by columns, for the split scan; (d, N) f64: the block by
  // columns, for sorting (the same array when the target is the block).
  const YT = transpose64(Y, N, width);
  const XT = target === undefined ? YT : transpose64(X, N, d);

  for (let t = 0; t < LEVELS; t++) {
    const buckets = 1 << t;
    const stats = bucketStats(Y, N, width, bucket, buckets, target === undefined);
    // Candidates: the dims with the most within-bucket SSE of the block (the paper's rule), or,
    // for another target, the dims a linear fit within the buckets says explain most of it.
    const candidates = pickCandidates(stats.dimSse ?? explained(X, N, d, Y, width, bucket,
      buckets, bucketMeans(X, N, d, bucket, buckets).means, stats.means), d);
    let bestScore = Infinity;
    let bestDim = candidates.length > 0 ? candidates[0] : 0;
    let bestThresholds: Float64Array | null = null;
    for (const j of candidates) {
      let column = columns.get(j);
      if (column === undefined) {
        column = sortColumn(XT.subarray(j * N, (j + 1) * N));
        columns.set(j, column);
      }
      const found = scoreDim(YT, width, column, bucket, buckets, stats, bestScore, scratch);
      if (found !== null && found.score < bestScore) {
        bestScore = found.score;
        bestDim = j;
        bestThresholds = found.thresholds;
      }
    }
    dims[t] = firstDim + bestDim;
    if (bestThresholds === null) {
      // No bucket splits: its thresholds stay -Infinity and every (finite) row goes right.
      for (let n = 0; n < N; n++) bucket[n] = 2 * bucket[n] + 1;
      continue;
    }
    thresholds.set(bestThresholds, t * 16);
    const level = thresholds.subarray(t * 16, t * 16 + 16);
    // Rows through the split dim's sorted column (scored above, so sorted): its values are read
    // in sequence, where X[n, bestDim] would be one cache line per row.
    const split = columns.get(bestDim) as SortedColumn;
    for (let i = 0; i < N; i++) {
      const n = split.order[i];
      const b = bucket[n];
      bucket[n] = 2 * b + (split.values[i] >= level[b] ? 1 : 0);
    }
  }
  return { dims, thresholds };
}

/** The CANDIDATES dims with the largest score; dims with none cannot split. */
function pickCandidates(score: Float64Array, d: number): number[] {
  const dims: number[] = [];
  for (let k = 0; k < d; k++) if (score[k] > 0) dims.push(k);
  // Stable: ties keep the lower dim first, so the choice is deterministic.
  dims.sort((a, b) => score[b] - score[a] || a - b);
  return dims.slice(0, CANDIDATES);
}
