/**
 * Co-occurring Directions (Mroueh, Marcheret & Goel 2017) for A B = X Yᵀ with X = A_train
 * (N, D) and Y = Bᵀ (M, D): the stream runs over the shared dimension D, column i of X with
 * column i of Y (row i of B). The sketches are kept as BX = X Wx and BY = Y Wy with Wx, Wy
 * (D, ℓ) tracked explicitly, so that new rows of A project by the same Wx:
 *   A B ≈ (A Wx)(Wyᵀ B).
 * Buffer ℓ = 2d columns; inserting dim i sets column j of both W to e_i. When the buffer is
 * full: BX = QX RX, BY = QY RY, RX RYᵀ = U Σ Vᵀ, δ = σ_{ℓ/2}, Σ̃ = max(Σ − δ, 0),
 * then BX ← QX U Σ̃^½ and BY ← QY V Σ̃^½, which frees at least ℓ/2 + 1 columns. A last
 * step with δ = σ_{d+1} leaves d columns. Both sides get Σ̃^½: equal shares of every
 * direction.
 *
 * Nothing here needs the N- or M-long columns themselves: with the Grams GX = XᵀX and
 * GY = YᵀY, BXᵀBX = Wxᵀ GX Wx = Ex Λx Exᵀ, so RX = Λx^½ Exᵀ, QX = BX Ex Λx^−½, and
 * the update is Wx ← Wx Ex Λx^+½ U Σ̃^½, where Λ^+½ is the pseudo-inverse square root
 * (zero for eigenvalues at rounding level, so rank-deficient blocks are handled). X and Y
 * are scaled to unit Frobenius norm for the Grams; the product (A Wx)(Wyᵀ B) =
 * ‖X‖‖Y‖ BX BYᵀ is then in the original units with no correction, as each W carries its
 * own side's scale.
 * @module
 */
import { symmetricEigen } from '../../core/eigen.js';
import { times64, transpose64 } from '../../core/linalg.js';
import { transpose, type Matrix } from '../../core/matrix.js';
import type { Params } from '../params.js';
import { denseSpec, type DenseFit, type DenseKind } from './dense.js';
import { gram } from './gram.js';
import { D_PARAM, sketchGrid } from './params.js';

/** Eigenvalues below this fraction of the largest are rounding of the Gram, not rank. */
const RANK_FLOOR = 1e-10;

/** Wᵀ G W for (D, l) W and (D, D) G: (l, l) f64. */
function congruence(W: Float64Array, G: Float64Array, D: number, l: number): Float64Array {
  const GW = new Float64Array(D * l);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      const g = G[i * D + j];
      if (g === 0) continue;
      for (let c = 0; c < l; c++) GW[i * l + c] += g * W[j * l + c];
    }
  }
  const K = new Float64Array(l * l);
  for (let i = 0; i < D; i++) {
    for (let a = 0; a < l; a++) {
      const w = W[i * l + a];
      if (w === 0) continue;
      for (let b = 0; b < l; b++) K[a * l + b] += w * GW[i * l + b];
    }
  }
  return K;
}

/** E Λ^±½ of a Gram's eigen-decomposition: (l, l) f64, columns scaled by λ^(sign/2) or 0. */
function scaledEigenvectors(vectors: Float64Array, values: Float64Array, l: number,
  sign: 1 | -1): Float64Array {
  const floor = RANK_FLOOR * Math.max(0, values[0]);
  const out = new Float64Array(l * l);
  for (let k = 0; k < l; k++) {
    if (!(values[k] > floor)) continue;
    const f = Math.sqrt(values[k]) ** sign;
    for (let a = 0; a < l; a++) out[a * l + k] = vectors[a * l + k] * f;
  }
  return out;
}

/** The pair of sketches as their D-side maps. */
export interface CoDirections {
  /** (D, l) f64 row-major: BX = X Wx. */
  readonly Wx: Float64Array;
  /** (D, l) f64 row-major: BY = Y Wy. */
  readonly Wy: Float64Array;
}

/**
 * One CD step on (D, l) Wx, Wy in place: shrink the singular values of BX BYᵀ by the r-th
 * (0 when r > l); returns how many columns are left nonzero, first in the buffer.
 */
function shrinkStep(W: CoDirections, GX: Float64Array, GY: Float64Array, D: number, l: number,
  r: number): number {
  const ex = symmetricEigen(congruence(W.Wx, GX, D, l), l);
  const ey = symmetricEigen(congruence(W.Wy, GY, D, l), l);
  // RX = Λx^½ Exᵀ, RY likewise, so C = RX RYᵀ = (Ex Λx^½)ᵀ (Ey Λy^½).
  const Fx = scaledEigenvectors(ex.vectors, ex.values, l, 1);
  const Fy = scaledEigenvectors(ey.vectors, ey.values, l, 1);
  const C = times64(transpose64(Fx, l, l), Fy, l, l, l);
  // SVD of C from C Cᵀ = U Σ² Uᵀ, and V = Cᵀ U Σ⁻¹.
  const { values, vectors: U } = symmetricEigen(times64(C, transpose64(C, l, l), l, l, l), l);
  const sigma = values.map((v) => Math.sqrt(Math.max(0, v)));
  const delta = r <= l ? sigma[r - 1] : 0;
  const floor = Math.sqrt(RANK_FLOOR) * sigma[0];
  const ux = new Float64Array(l * l);
  const uy = new Float64Array(l * l);
  const CtU = times64(transpose64(C, l, l), U, l, l, l);
  let kept = 0;
  for (let k = 0; k < l; k++) {
    if (!(sigma[k] > floor) || !(sigma[k] > delta)) break;
    const root = Math.sqrt(sigma[k] - delta);
    for (let a = 0; a < l; a++) {
      ux[a * l + k] = U[a * l + k] * root;
      uy[a * l + k] = (CtU[a * l + k] / sigma[k]) * root;
    }
    kept++;
  }
  // Wx ← Wx Ex Λx^+½ U Σ̃^½, and Wy ← Wy Ey Λy^+½ V Σ̃^½.
  const Gx = scaledEigenvectors(ex.vectors, ex.values, l, -1);
  const Gy = scaledEigenvectors(ey.vectors, ey.values, l, -1);
  W.Wx.set(times64(W.Wx, times64(Gx, ux, l, l, l), D, l, l));
  W.Wy.set(times64(W.Wy, times64(Gy, uy, l, l, l), D, l, l));
  return kept;
}

/** Scales a Gram in place by 1/trace (the squared Frobenius norm of its data); returns it. */
function unitTrace(G: Float64Array, D: number): Float64Array {
  let t = 0;
  for (let i = 0; i < D; i++) t += G[i * D + i];
  if (t > 0) for (let i = 0; i < G.length; i++) G[i] /= t;
  return G;
}

/**
 * The d-column CD maps for X = A (N, D) and Y = Bᵀ: A B ≈ (A Wx)(Wyᵀ B).
 * @returns Wx, Wy (D, d) f64 row-major
 */
export function coOccurringDirections(A: Matrix, B: Matrix, d: number): CoDirections {
  const D = A.cols;
  const GX = unitTrace(gram(A, null), D);
  const GY = unitTrace(gram(transpose(B), null), D);
  const l = 2 * d;
  const W: CoDirections = { Wx: new Float64Array(D * l), Wy: new Float64Array(D * l) };
  let used = 0;
  for (let i = 0; i < D; i++) {
    if (used === l) used = shrinkStep(W, GX, GY, D, l, d);
    W.Wx[i * l + used] = 1;
    W.Wy[i * l + used] = 1;
    used++;
  }
  shrinkStep(W, GX, GY, D, l, d + 1);
  const pick = (X: Float64Array): Float64Array => {
    const out = new Float64Array(D * d);
    for (let i = 0; i < D; i++) out.set(X.subarray(i * l, i * l + d), i * d);
    return out;
  };
  return { Wx: pick(W.Wx), Wy: pick(W.Wy) };
}

function fitCd(A: Matrix, B: Matrix | undefined, params: Params): DenseFit {
  const { Wx, Wy } = coOccurringDirections(A, B as Matrix, params.d as number);
  return { V: Float32Array.from(Wx), W: Float32Array.from(Wy), mean: null, scale: 1 };
}

const cdKind: DenseKind = {
  name: 'cd', needsB: true, twoSided: true, centred: false, fit: fitCd,
};

export const cdSpec = denseSpec(cdKind,
  'Co-occurring Directions of A_train·B over the shared D, buffer 2d, Wx and Wy tracked',
  [D_PARAM], sketchGrid);
