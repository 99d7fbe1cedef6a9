/**
 * Contiguous column blocks, one per codebook (ALGORITHM.md section 2.1).
 * @module
 */

/**
 * Block boundaries of D columns split into C blocks: the first D mod C blocks get one column
 * more. Returns (C + 1) i32 offsets: block c is columns [starts[c], starts[c + 1]).
 */
export function blockStarts(D: number, C: number): Int32Array {
  const base = Math.floor(D / C);
  const extra = D % C;
  const starts = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) starts[c + 1] = starts[c] + base + (c < extra ? 1 : 0);
  return starts;
}
