/**
 * The hash-tree search as first written: direct loops over the rows, no reuse between
 * candidates or levels. Kept as the oracle that the optimized search in
 * src/methods/maddness/ must match bit for bit (dims and float64 thresholds).
 * @module
 */
import {
  CANDIDATES, LEVELS, type HashTree, type TreeTarget,
} from '../../src/methods/maddness/hash-tree.js';

/**
 * The tree of one codebook, by the direct search (same arguments as learnTree).
 * @param X (N, d) f64 row-major: the training rows restricted to the block's columns
 * @param firstDim column of A where the block starts (added to the local dim indices)
 * @param target what to score splits on; the block itself (the paper's objective) by default
 */
export function referenceTree(X: Float64Array, N: number, d: number, firstDim: number,
  target?: TreeTarget): HashTree {
  const Y = target?.Y ?? X;
  const width = target?.width ?? d;
  const dims = new Int32Array(LEVELS);
  const thresholds = new Float64Array(LEVELS * 16).fill(-Infinity);
  const bucket = new Uint8Array(N);
  const orders = new Map<number, Uint32Array>();

  for (let t = 0; t < LEVELS; t++) {
    const buckets = 1 << t;
    const stats = bucketStats(Y, N, width, bucket, buckets);
    // Candidates: the dims with the most within-bucket SSE of the block (the paper's rule), or,
    // for another target, the dims a linear fit within the buckets says explain most of it.
    const candidates = pickCandidates(target === undefined ? stats.dimSse :
      explained(X, N, d, Y, width, bucket, buckets, bucketStats(X, N, d, bucket, buckets), stats),
    d);
    let bestScore = Infinity;
    let bestDim = candidates.length > 0 ? candidates[0] : 0;
    let bestThresholds: Float64Array | null = null;
    for (const j of candidates) {
      let order = orders.get(j);
      if (order === undefined) {
        order = argsortColumn(X, N, d, j);
        orders.set(j, order);
      }
      const found = scoreDim(X, d, Y, width, j, order, bucket, buckets, stats, bestScore);
      if (found !== null && found.score < bestScore) {
        bestScore = found.score;
        bestDim = j;
        bestThresholds = found.thresholds;
      }
    }
    dims[t] = firstDim + bestDim;
    if (bestThresholds !== null) thresholds.set(bestThresholds, t * 16);
    const level = thresholds.subarray(t * 16, t * 16 + 16);
    for (let n = 0; n < N; n++) {
      const b = bucket[n];
      bucket[n] = 2 * b + (X[n * d + bestDim] >= level[b] ? 1 : 0);
    }
  }
  return { dims, thresholds };
}

interface BucketStats {
  /** (buckets) point counts. */
  counts: Float64Array;
  /** (buckets, d) means. */
  means: Float64Array;
  /** (buckets) Σ over points and dims of squared deviations from the bucket mean. */
  sse: Float64Array;
  /** (d) within-bucket SSE of each dim, summed over buckets. */
  dimSse: Float64Array;
}

function bucketStats(X: Float64Array, N: number, d: number, bucket: Uint8Array,
  buckets: number): BucketStats {
  const counts = new Float64Array(buckets);
  const means = new Float64Array(buckets * d);
  for (let n = 0; n < N; n++) {
    const b = bucket[n];
    counts[b]++;
    const row = n * d;
    const m = b * d;
    for (let k = 0; k < d; k++) means[m + k] += X[row + k];
  }
  for (let b = 0; b < buckets; b++) {
    if (counts[b] > 0) for (let k = 0; k < d; k++) means[b * d + k] /= counts[b];
  }
  const sse = new Float64Array(buckets);
  const dimSse = new Float64Array(d);
  for (let n = 0; n < N; n++) {
    const b = bucket[n];
    const row = n * d;
    const m = b * d;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const e = X[row + k] - means[m + k];
      dimSse[k] += e * e;
      s += e * e;
    }
    sse[b] += s;
  }
  return { counts, means, sse, dimSse };
}

/**
 * Per dim of the block: the target SSE a linear fit on that dim would explain within each
 * bucket, summed over buckets, |cov(x_j, Y)|² / var(x_j); a proxy for what a split on j gains.
 */
function explained(X: Float64Array, N: number, d: number, Y: Float64Array, width: number,
  bucket: Uint8Array, buckets: number, xs: BucketStats, ys: BucketStats): Float64Array {
  const cov = new Float64Array(buckets * d * width);
  const varX = new Float64Array(buckets * d);
  // (width) f64: the row's target minus its bucket's mean, formed once per row for all d dims.
  const dy = new Float64Array(width);
  for (let n = 0; n < N; n++) {
    const b = bucket[n];
    const y = n * width;
    const mean = b * width;
    for (let w = 0; w < width; w++) dy[w] = Y[y + w] - ys.means[mean + w];
    for (let k = 0; k < d; k++) {
      const dx = X[n * d + k] - xs.means[b * d + k];
      if (dx === 0) continue;
      varX[b * d + k] += dx ** 2;
      const base = (b * d + k) * width;
      for (let w = 0; w < width; w++) cov[base + w] += dx * dy[w];
    }
  }
  const out = new Float64Array(d);
  for (let b = 0; b < buckets; b++) {
    for (let k = 0; k < d; k++) {
      if (varX[b * d + k] === 0) continue;
      let s = 0;
      for (let w = 0; w < width; w++) s += cov[(b * d + k) * width + w] ** 2;
      out[k] += s / varX[b * d + k];
    }
  }
  return out;
}

/** The CANDIDATES dims with the largest within-bucket SSE; dims with none cannot split. */
function pickCandidates(dimSse: Float64Array, d: number): number[] {
  const dims: number[] = [];
  for (let k = 0; k < d; k++) if (dimSse[k] > 0) dims.push(k);
  // Stable: ties keep the lower dim first, so the choice is deterministic.
  dims.sort((a, b) => dimSse[b] - dimSse[a] || a - b);
  return dims.slice(0, CANDIDATES);
}

/**
 * Sum over buckets of the best split SSE when every bucket splits on dim j, or null once the
 * partial sum reaches `abandonAt` (it cannot win).
 */
function scoreDim(X: Float64Array, d: number, Y: Float64Array, width: number, j: number,
  order: Uint32Array, bucket: Uint8Array, buckets: number, stats: BucketStats,
  abandonAt: number): { score: number; thresholds: Float64Array } | null {
  const N = order.length;
  // Counting sort of the presorted order by bucket: each bucket's points stay sorted by x_j.
  const start = new Int32Array(buckets + 1);
  for (let b = 0; b < buckets; b++) start[b + 1] = start[b] + stats.counts[b];
  const fill = start.slice(0, buckets);
  const byBucket = new Uint32Array(N);
  for (let i = 0; i < N; i++) {
    const n = order[i];
    byBucket[fill[bucket[n]]++] = n;
  }
  const thresholds = new Float64Array(16).fill(-Infinity);
  const left = new Float64Array(width);
  const total = new Float64Array(width);
  let score = 0;
  for (let b = 0; b < buckets; b++) {
    const best = bestCut(X, d, Y, width, j, byBucket, start[b], start[b + 1], stats.means, b,
      left, total);
    score += stats.sse[b] - best.gain;
    thresholds[b] = best.threshold;
    if (score >= abandonAt) return null;
  }
  return { score, thresholds };
}

/**
 * Best cut of one bucket on dim j. With values centred on the bucket mean, the SSE of a split
 * is the bucket's SSE minus gain = |S_L|² / n_L + |T - S_L|² / n_R, where S_L is the sum of the
 * left points and T of all points (0 up to rounding), over all target columns. Only cuts
 * between distinct values of x_j count; the threshold is their midpoint.
 */
function bestCut(X: Float64Array, d: number, Y: Float64Array, width: number, j: number,
  points: Uint32Array, from: number, to: number, means: Float64Array, b: number,
  left: Float64Array, total: Float64Array): { gain: number; threshold: number } {
  const n = to - from;
  let bestGain = 0;
  let threshold = -Infinity;
  if (n < 2) return { gain: 0, threshold };
  const m = b * width;
  total.fill(0);
  for (let i = from; i < to; i++) {
    const row = points[i] * width;
    for (let k = 0; k < width; k++) total[k] += Y[row + k] - means[m + k];
  }
  left.fill(0);
  for (let i = from; i < to - 1; i++) {
    const row = points[i] * width;
    let leftNorm = 0;
    let rightNorm = 0;
    for (let k = 0; k < width; k++) {
      const s = left[k] + (Y[row + k] - means[m + k]);
      left[k] = s;
      const r = total[k] - s;
      leftNorm += s * s;
      rightNorm += r * r;
    }
    const x = X[points[i] * d + j];
    const next = X[points[i + 1] * d + j];
    if (next === x) continue;
    const nLeft = i - from + 1;
    const gain = leftNorm / nLeft + rightNorm / (n - nLeft);
    if (gain > bestGain) {
      bestGain = gain;
      threshold = (x + next) / 2;
    }
  }
  return { gain: bestGain, threshold };
}

/** Indices 0..N-1 sorted by X[:, j] ascending (ties by index). */
function argsortColumn(X: Float64Array, N: number, d: number, j: number): Uint32Array {
  const order = new Uint32Array(N);
  if (N < 1 << 21) {
    // Pack a sortable 32-bit key of the float32 value with the index into one exact double,
    // so that the native numeric sort does the work (key * 2^21 + index < 2^53).
    const keys = new Float64Array(N);
    const f = new Float32Array(1);
    const u = new Uint32Array(f.buffer);
    for (let n = 0; n < N; n++) {
      f[0] = X[n * d + j];
      const bits = u[0];
      const key = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
      keys[n] = key * 2097152 + n;
    }
    keys.sort();
    for (let n = 0; n < N; n++) order[n] = keys[n] % 2097152;
    return order;
  }
  for (let n = 0; n < N; n++) order[n] = n;
  order.sort((a, b) => X[a * d + j] - X[b * d + j] || a - b);
  return order;
}
