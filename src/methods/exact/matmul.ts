/**
 * Exact float32 matrix product, the reference every approximate method is measured against.
 * @module
 */
import { ShapeMismatchError } from '../../core/errors.js';
import { checkMatrix, type Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';

/**
 * Y = A · B in float32.
 * @param A (N, D) row-major
 * @param B (D, M) row-major
 * @returns (N, M) row-major
 * @throws ShapeMismatchError when A.cols ≠ B.rows
 */
export function matmul(A: Matrix, B: Matrix): Matrix {
  checkMatrix('A', A);
  checkMatrix('B', B);
  if (A.cols !== B.rows) {
    throw new ShapeMismatchError('matmul', `B with ${A.cols} rows (A.cols)`,
      `${B.rows}×${B.cols}`);
  }
  return { rows: A.rows, cols: B.cols, data: gemm(A.data, B.data, A.rows, A.cols, B.cols) };
}
