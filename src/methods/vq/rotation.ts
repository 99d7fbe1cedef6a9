/**
 * OPQ's rotation step: the orthogonal R minimizing ‖A R − Â‖ is the polar factor of
 * G = Aᵀ Â (orthogonal Procrustes): with G = U Σ Vᵀ, R = U Vᵀ. The SVD comes from the
 * eigen-decomposition of Gᵀ G = V Σ² Vᵀ, with u_k = G v_k / σ_k; directions of (near-)zero
 * σ_k, where u_k is undetermined, are completed to an orthonormal basis.
 * @module
 */
import { orthonormalizeColumns, symmetricEigen } from '../../core/eigen.js';

/** Below this fraction of the largest σ², a singular direction counts as zero. */
const RANK_TOLERANCE = 1e-12;

/**
 * The orthogonal polar factor of G (D, D) f64 row-major.
 * @returns (D, D) f64 row-major orthogonal R = U Vᵀ
 */
export function polarFactor(G: Float64Array, D: number): Float64Array {
  const S = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < D; k++) {
      const g = G[k * D + i];
      if (g === 0) continue;
      for (let j = 0; j < D; j++) S[i * D + j] += g * G[k * D + j];
    }
  }
  const { values, vectors: V } = symmetricEigen(S, D);
  let r = 0;
  while (r < D && values[r] > RANK_TOLERANCE * values[0]) r++;
  // Q (D, r + extra) row-major: columns G v_k / σ_k, then unit vectors to complete the basis.
  const extra = r < D ? D : 0;
  const cols = r + extra;
  const Q = new Float64Array(D * cols);
  for (let k = 0; k < r; k++) {
    const inv = 1 / Math.sqrt(values[k]);
    for (let i = 0; i < D; i++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += G[i * D + j] * V[j * D + k];
      Q[i * cols + k] = s * inv;
    }
  }
  for (let e = 0; e < extra; e++) Q[e * cols + r + e] = 1;
  // Re-orthonormalizing also removes the rounding of the u_k of small σ_k.
  orthonormalizeColumns(Q, D, cols);
  const U = new Float64Array(D * D);
  for (let j = 0, k = 0; j < cols && k < D; j++) {
    let zero = true;
    for (let i = 0; i < D && zero; i++) zero = Q[i * cols + j] === 0;
    if (zero) continue;
    for (let i = 0; i < D; i++) U[i * D + k] = Q[i * cols + j];
    k++;
  }
  const R = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < D; k++) {
      const u = U[i * D + k];
      if (u === 0) continue;
      for (let j = 0; j < D; j++) R[i * D + j] += u * V[j * D + k];
    }
  }
  return R;
}

/** The largest |(Rᵀ R − I)[i, j]| of R (D, D) row-major: 0 for an exactly orthogonal R. */
export function orthogonalityError(R: ArrayLike<number>, D: number): number {
  let worst = 0;
  for (let i = 0; i < D; i++) {
    for (let j = i; j < D; j++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += R[k * D + i] * R[k * D + j];
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}
