/**
 * PCA: V = the top-d principal directions of A_train (eigenvectors of its centred second
 * moment). The rows are centred: A B ≈ (A − μ) V Vᵀ B + μ B, with μ the training mean,
 * whose product μB is added back exactly (folded into one offset row at prepare), so the estimate
 * has no error from the mean and d = D is exact. The fit costs one N·D² Gram and one D×D
 * eigen-decomposition.
 * @module
 */
import type { Matrix } from '../../core/matrix.js';
import type { Params } from '../params.js';
import { denseSpec, type DenseFit, type DenseKind } from './dense.js';
import { columnMeans, gram, topEigenvectors } from './gram.js';
import { D_PARAM, sketchGrid } from './params.js';

/** Fits the principal directions of the centred training rows. */
function fitPca(A: Matrix, _B: Matrix | undefined, params: Params): DenseFit {
  const D = A.cols;
  const mean = columnMeans(A);
  const V = topEigenvectors(gram(A, mean), D, params.d as number);
  return { V, W: null, mean: Float32Array.from(mean), scale: 1 };
}

const pcaKind: DenseKind = {
  name: 'pca', needsB: false, twoSided: false, centred: true, fit: fitPca,
};

export const pcaSpec = denseSpec(pcaKind,
  'PCA: top-d principal directions of the centred A_train, the mean product added back',
  [D_PARAM], sketchGrid);
