/**
 * The output objective: each codebook's tree is fitted to its block's share of the product,
 * A_block · B_block (B_block: the rows of B for the block's dims), instead of to A_block.
 * Same encoder, tables and scan; only what the splits minimize changes.
 * @module
 */
import type { Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';
import type { TreeTarget } from './hash-tree.js';

/** What the trees are fitted to: the rows of A (the paper's) or the product with B. */
export type Objective = 'reconstruct' | 'output';

/**
 * The tree target of the block of columns [start, end) of A.
 * @param block (N, end - start) f64: the block's values, as the tree search reads them
 * @param B (D, M) the product's right-hand side
 */
export function outputTarget(block: Float64Array, N: number, start: number, end: number,
  B: Matrix): TreeTarget {
  const d = end - start;
  const M = B.cols;
  const rowsOfB = B.data.subarray(start * M, end * M);
  const Y = Float64Array.from(gemm(Float32Array.from(block), rowsOfB, N, d, M));
  return { Y, width: M };
}
