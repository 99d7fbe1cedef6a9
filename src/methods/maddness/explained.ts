/**
 * Candidate rule of the output objective: per dim j of the block, the target SSE that a linear
 * fit on x_j would explain within each bucket, summed over buckets, |cov(x_j, Y)|² / var(x_j);
 * a proxy for what a split on j gains. This is the hot loop of output-objective training
 * (N·d·width multiply-adds per level), hence the blocking below.
 * @module
 */

/**
 * Rows per block of centred values; a level's blocks, (buckets · (d + width) · STRIDE) f64,
 * stay in L2 cache.
 */
const ROWS = 256;
/**
 * Distance between two columns of a block, one cache line more than ROWS: with 2 KB exactly,
 * every column would fall in the same few L1 sets and evict the others while being filled.
 */
const STRIDE = ROWS + 8;

/**
 * Explained target SSE per dim.
 * @param X (N, d) f64 row-major: the block
 * @param Y (N, width) f64 row-major: the target
 * @param bucket (N) u8 bucket of each row
 * @param xMeans (buckets, d) f64 bucket means of X
 * @param yMeans (buckets, width) f64 bucket means of Y
 * @returns (d) f64
 */
export function explained(X: Float64Array, N: number, d: number, Y: Float64Array,
  width: number, bucket: Uint8Array, buckets: number, xMeans: Float64Array,
  yMeans: Float64Array): Float64Array {
  // (buckets, d, width) f64: Σ dx·dy per bucket; (buckets, d) f64: Σ dx².
  const cov = new Float64Array(buckets * d * width);
  const varX = new Float64Array(buckets * d);
  // (buckets, d, STRIDE) and (buckets, width, STRIDE) f64 row-major: per bucket, a block of up
  // to ROWS of its rows, centred, by columns (entry [(b * d + k) * STRIDE + r]), so that the
  // products read both operands sequentially. The rows are read in index order, once, and
  // each bucket's block is added to its sums when full: every sum still runs in row order.
  const dx = new Float64Array(buckets * d * STRIDE);
  const dy = new Float64Array(buckets * width * STRIDE);
  // (buckets) i32: rows in each bucket's block so far.
  const fill = new Int32Array(buckets);
  for (let n = 0; n < N; n++) {
    const b = bucket[n];
    const r = fill[b];
    const xr = n * d;
    const yr = n * width;
    const xb = b * d;
    const yb = b * width;
    for (let k = 0; k < d; k++) dx[(xb + k) * STRIDE + r] = X[xr + k] - xMeans[xb + k];
    for (let w = 0; w < width; w++) dy[(yb + w) * STRIDE + r] = Y[yr + w] - yMeans[yb + w];
    if (r + 1 === ROWS) {
      addBlock(cov, varX, dx, dy, b, d, width, ROWS);
      fill[b] = 0;
    } else {
      fill[b] = r + 1;
    }
  }
  for (let b = 0; b < buckets; b++) {
    if (fill[b] > 0) addBlock(cov, varX, dx, dy, b, d, width, fill[b]);
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

/** Adds the first `len` rows of bucket b's block to its sums. */
function addBlock(cov: Float64Array, varX: Float64Array, dx: Float64Array, dy: Float64Array,
  b: number, d: number, width: number, len: number): void {
  addSquares(varX, b * d, dx, b * d * STRIDE, d, len);
  addProducts(cov, b * d * width, dx, b * d * STRIDE, dy, b * width * STRIDE, d, width, len);
}

/**
 * varX[at + k] += Σ_r dx[xAt + k * STRIDE + r]², in row order onto the stored value, four dims
 * at a time.
 */
function addSquares(varX: Float64Array, at: number, dx: Float64Array, xAt: number, d: number,
  len: number): void {
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const x0 = xAt + k * STRIDE;
    let s0 = varX[at + k];
    let s1 = varX[at + k + 1];
    let s2 = varX[at + k + 2];
    let s3 = varX[at + k + 3];
    for (let r = 0; r < len; r++) {
      s0 += dx[x0 + r] ** 2;
      s1 += dx[x0 + STRIDE + r] ** 2;
      s2 += dx[x0 + 2 * STRIDE + r] ** 2;
      s3 += dx[x0 + 3 * STRIDE + r] ** 2;
    }
    varX[at + k] = s0;
    varX[at + k + 1] = s1;
    varX[at + k + 2] = s2;
    varX[at + k + 3] = s3;
  }
  for (; k < d; k++) {
    let s0 = varX[at + k];
    for (let r = 0; r < len; r++) s0 += dx[xAt + k * STRIDE + r] ** 2;
    varX[at + k] = s0;
  }
}

/**
 * cov[at + k * width + w] += Σ_r dx[k, r] · dy[w, r], with dx[k, r] at dx[xAt + k * STRIDE + r]
 * and dy[w, r] at dy[yAt + w * STRIDE + r], the sum taken in row order r = 0, 1, ... onto the
 * stored value, as a row-by-row accumulation would. Two columns of dx by four of dy
 * at a time keep eight independent sums in registers. Rows with dx = 0 add ±0, which leaves a
 * sum unchanged: a sum that starts at +0 never becomes -0 by additions.
 */
function addProducts(cov: Float64Array, at: number, dx: Float64Array, xAt: number,
  dy: Float64Array, yAt: number, d: number, width: number, len: number): void {
  let k = 0;
  for (; k + 2 <= d; k += 2) {
    const x0 = xAt + k * STRIDE;
    const x1 = x0 + STRIDE;
    const c0 = at + k * width;
    const c1 = c0 + width;
    let w = 0;
    for (; w + 4 <= width; w += 4) {
      const y0 = yAt + w * STRIDE;
      const y1 = y0 + STRIDE;
      const y2 = y1 + STRIDE;
      const y3 = y2 + STRIDE;
      let a0 = cov[c0 + w];
      let a1 = cov[c0 + w + 1];
      let a2 = cov[c0 + w + 2];
      let a3 = cov[c0 + w + 3];
      let b0 = cov[c1 + w];
      let b1 = cov[c1 + w + 1];
      let b2 = cov[c1 + w + 2];
      let b3 = cov[c1 + w + 3];
      for (let r = 0; r < len; r++) {
        const e = dx[x0 + r];
        const f = dx[x1 + r];
        const v0 = dy[y0 + r];
        const v1 = dy[y1 + r];
        const v2 = dy[y2 + r];
        const v3 = dy[y3 + r];
        a0 += e * v0;
        a1 += e * v1;
        a2 += e * v2;
        a3 += e * v3;
        b0 += f * v0;
        b1 += f * v1;
        b2 += f * v2;
        b3 += f * v3;
      }
      cov[c0 + w] = a0;
      cov[c0 + w + 1] = a1;
      cov[c0 + w + 2] = a2;
      cov[c0 + w + 3] = a3;
      cov[c1 + w] = b0;
      cov[c1 + w + 1] = b1;
      cov[c1 + w + 2] = b2;
      cov[c1 + w + 3] = b3;
    }
    for (; w < width; w++) {
      const y0 = yAt + w * STRIDE;
      let a0 = cov[c0 + w];
      let b0 = cov[c1 + w];
      for (let r = 0; r < len; r++) {
        const v = dy[y0 + r];
        a0 += dx[x0 + r] * v;
        b0 += dx[x1 + r] * v;
      }
      cov[c0 + w] = a0;
      cov[c1 + w] = b0;
    }
  }
  for (; k < d; k++) {
    const x0 = xAt + k * STRIDE;
    const c0 = at + k * width;
    for (let w = 0; w < width; w++) {
      const y0 = yAt + w * STRIDE;
      let a0 = cov[c0 + w];
      for (let r = 0; r < len; r++) a0 += dx[x0 + r] * dy[y0 + r];
      cov[c0 + w] = a0;
    }
  }
}
