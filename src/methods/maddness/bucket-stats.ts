/**
 * Per-bucket statistics of one tree level: counts, means and within-bucket SSE of the values
 * the splits are scored on. Sums run over the rows in index order, in float64, so that every
 * value is the same whatever else the search does.
 * @module
 */

/** Statistics of the rows of one level's buckets. */
export interface BucketStats {
  /** (buckets) f64 point counts. */
  readonly counts: Float64Array;
  /** (buckets, width) f64 row-major: means. */
  readonly means: Float64Array;
  /** (buckets) f64: Σ over points and columns of squared deviations from the bucket mean. */
  readonly sse: Float64Array;
  /** (width) f64: within-bucket SSE of each column, summed over buckets; null if not asked. */
  readonly dimSse: Float64Array | null;
}

/**
 * Counts, means and SSE of the buckets.
 * @param Y (N, width) f64 row-major
 * @param bucket (N) u8: each row's bucket, < buckets
 * @param withDimSse also sum the SSE per column (the paper's candidate rule needs it)
 */
export function bucketStats(Y: Float64Array, N: number, width: number, bucket: Uint8Array,
  buckets: number, withDimSse: boolean): BucketStats {
  const { counts, means } = bucketMeans(Y, N, width, bucket, buckets);
  const sse = new Float64Array(buckets);
  const dimSse = withDimSse ? new Float64Array(width) : null;
  for (let n = 0; n < N; n++) {
    const row = n * width;
    const m = bucket[n] * width;
    let s = 0;
    // Two copies of the inner loop, so that neither tests dimSse once per value (this runs
    // over every value of the block at every level).
    if (dimSse === null) {
      for (let k = 0; k < width; k++) {
        const e = Y[row + k] - means[m + k];
        s += e * e;
      }
    } else {
      for (let k = 0; k < width; k++) {
        const e = Y[row + k] - means[m + k];
        dimSse[k] += e * e;
        s += e * e;
      }
    }
    sse[bucket[n]] += s;
  }
  return { counts, means, sse, dimSse };
}

/**
 * Counts and means of the buckets.
 * @param Y (N, width) f64 row-major
 * @returns counts (buckets) f64 and means (buckets, width) f64 row-major
 */
export function bucketMeans(Y: Float64Array, N: number, width: number, bucket: Uint8Array,
  buckets: number): { counts: Float64Array; means: Float64Array } {
  const counts = new Float64Array(buckets);
  const means = new Float64Array(buckets * width);
  for (let n = 0; n < N; n++) {
    const b = bucket[n];
    counts[b]++;
    const row = n * width;
    const m = b * width;
    for (let k = 0; k < width; k++) means[m + k] += Y[row + k];
  }
  for (let b = 0; b < buckets; b++) {
    if (counts[b] > 0) for (let k = 0; k < width; k++) means[b * width + k] /= counts[b];
  }
  return { counts, means };
}
