/**
 * Sorting the training rows by one column, for the split search: once per candidate dim of a
 * tree, reused at every level. The order is by the column's value rounded to float32 (from
 * 2^21 rows: the float64 value), ties by row index; the earlier sorts' order, kept so that the
 * trees stay the same bit for bit.
 * @module
 */

/** Below this N, a radix sort on 32-bit keys; from it, a comparison sort on the values. */
const RADIX_MAX_N = 1 << 21;
/** Radix digits: 11 + 11 + 10 bits cover the 32-bit key in three passes. */
const DIGIT_BITS = [11, 11, 10];

/** A column's rows in ascending order and the values in that order. */
export interface SortedColumn {
  /** (N) u32: row indices, ascending by value, ties by index. */
  readonly order: Uint32Array;
  /** (N) f64: X[order[i], j], so that the split search reads the values sequentially. */
  readonly values: Float64Array;
}

/**
 * Rows 0..N-1 sorted by their value in one column.
 * @param column (N) f64: the column's values, contiguous (a row of the block by columns), so
 *   that the keys are read in sequence and the sorted values from a cache-resident array
 */
export function sortColumn(column: Float64Array): SortedColumn {
  const N = column.length;
  const order = N < RADIX_MAX_N ? radixOrder(column) : comparisonOrder(column);
  const values = new Float64Array(N);
  for (let i = 0; i < N; i++) values[i] = column[order[i]];
  return { order, values };
}

/**
 * Stable LSD radix sort on the float32 bits of the values, mapped so that unsigned order is
 * numeric order (-0 sorts just below +0). Stability gives ties by index, as a sort of the pairs
 * (key, index) does; that was the order of the earlier packed-double sort, bit for bit.
 */
function radixOrder(column: Float64Array): Uint32Array {
  const N = column.length;
  // (N) u32 keys and their row indices, ping-ponged between two buffers per pass.
  let keys = new Uint32Array(N);
  let order = new Uint32Array(N);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let n = 0; n < N; n++) {
    f[0] = column[n];
    const bits = u[0];
    keys[n] = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
    order[n] = n;
  }
  let keysOut = new Uint32Array(N);
  let orderOut = new Uint32Array(N);
  // (2^11) per-digit counts, then start positions.
  const count = new Uint32Array(1 << 11);
  let shift = 0;
  for (const bits of DIGIT_BITS) {
    const mask = (1 << bits) - 1;
    count.fill(0);
    for (let n = 0; n < N; n++) count[(keys[n] >>> shift) & mask]++;
    // A digit every key shares leaves the order as it is: skip the scatter.
    if (count[(keys[0] >>> shift) & mask] !== N) {
      let sum = 0;
      for (let b = 0; b <= mask; b++) {
        const c = count[b];
        count[b] = sum;
        sum += c;
      }
      for (let n = 0; n < N; n++) {
        const p = count[(keys[n] >>> shift) & mask]++;
        keysOut[p] = keys[n];
        orderOut[p] = order[n];
      }
      [keys, keysOut] = [keysOut, keys];
      [order, orderOut] = [orderOut, order];
    }
    shift += bits;
  }
  return order;
}

/** For N ≥ 2^21: a comparison sort on the float64 values, ties by index. */
function comparisonOrder(column: Float64Array): Uint32Array {
  const N = column.length;
  const order = new Uint32Array(N);
  for (let n = 0; n < N; n++) order[n] = n;
  order.sort((a, b) => column[a] - column[b] || a - b);
  return order;
}
