/**
 * Frequent Directions (Liberty 2013; Ghashami, Liberty, Phillips & Woodruff 2016) over the
 * D-vectors [rows of A_train ; columns of B], the stacked matrix X = [A_train ; β Bᵀ] whose
 * rows live in the shared dimension D. β = ‖A_train‖_F / ‖B‖_F gives both blocks the same
 * energy, so that neither A's rows (often many) nor B's columns (in their own units) decide
 * the directions alone. The sketch has a buffer of 2ℓ rows, ℓ = d; when full, it shrinks all
 * squared singular values by the ℓ-th, δ = σ_ℓ², which frees at least ℓ + 1 rows. A last
 * shrink by δ = σ_{ℓ+1}² leaves at most ℓ rows. Each shrink removes at least ℓ·δ of
 * ‖·‖²_F, so the ℓ-row sketch S obeys, for every k < ℓ,
 *   0 ≼ XᵀX − SᵀS  and  ‖XᵀX − SᵀS‖₂ ≤ Σ δ ≤ ‖X − X_k‖²_F / (ℓ
 * − k). V = the rows of S, orthonormalized (they are already orthogonal), as columns: (D, d).
 * @module
 */
import { orthonormalizeColumns, symmetricEigen } from '../../core/eigen.js';
import type { Matrix } from '../../core/matrix.js';
import type { Params } from '../params.js';
import { denseSpec, type DenseFit, type DenseKind } from './dense.js';
import { D_PARAM, sketchGrid } from './params.js';

/** Squared singular values below this fraction of the largest are rounding, not directions. */
const RANK_FLOOR = 1e-12;

/** A streaming Frequent Directions sketch of D-vectors, ℓ rows kept, buffer 2ℓ. */
export class FrequentDirections {
  readonly D: number;
  readonly ell: number;
  /** (2ℓ, D) f64 row-major: rows 0 .. used − 1 hold the sketch, the rest are zero. */
  private readonly S: Float64Array;
  private used = 0;
  /** Σ δ over the shrinks so far: the bound on ‖XᵀX − SᵀS‖₂. */
  private shrunk = 0;

  constructor(D: number, ell: number) {
    this.D = D;
    this.ell = ell;
    this.S = new Float64Array(2 * ell * D);
  }

  /** Appends the row x[start .. start + D) times `scale`. */
  insert(x: ArrayLike<number>, start: number, scale: number): void {
    if (this.used === 2 * this.ell) this.shrink(this.ell);
    const o = this.used * this.D;
    for (let i = 0; i < this.D; i++) this.S[o + i] = scale * x[start + i];
    this.used++;
  }

  /** The total shrinkage Σ δ, an upper bound on ‖XᵀX − SᵀS‖₂. */
  get totalShrinkage(): number {
    return this.shrunk;
  }

  /** The final sketch: (ℓ, D) f64 row-major, orthogonal rows, largest first. */
  sketch(): Float64Array {
    this.shrink(this.ell + 1);
    return this.S.slice(0, this.ell * this.D);
  }

  /**
   * Rotates the used rows to S ← Σ' Vᵀ with Σ'² = max(Σ² − σ_r², 0) (σ_r the r-th
   * largest, 0 when there are fewer than r rows), from the eigen-decomposition of the small Gram S
   * Sᵀ: with S Sᵀ = U Σ² Uᵀ, row k of Σ' Vᵀ is (σ'_k / σ_k) u_kᵀ S.
   */
  private shrink(r: number): void {
    const { D, S } = this;
    const n = this.used;
    const K = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = a; b < n; b++) {
        let s = 0;
        for (let i = 0; i < D; i++) s += S[a * D + i] * S[b * D + i];
        K[a * n + b] = s;
        K[b * n + a] = s;
      }
    }
    const { values, vectors } = symmetricEigen(K, n);
    const delta = r <= n ? Math.max(0, values[r - 1]) : 0;
    const floor = RANK_FLOOR * Math.max(0, values[0]);
    const out = new Float64Array(n * D);
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const s2 = values[k];
      if (!(s2 > floor) || !(s2 > delta)) break;
      const f = Math.sqrt((s2 - delta) / s2);
      for (let a = 0; a < n; a++) {
        const w = f * vectors[a * n + k];
        if (w === 0) continue;
        for (let i = 0; i < D; i++) out[kept * D + i] += w * S[a * D + i];
      }
      kept++;
    }
    S.fill(0, 0, n * D);
    S.set(out.subarray(0, kept * D));
    this.used = kept;
    this.shrunk += delta;
  }
}

/** Sum of squares of a float32 array, in float64. */
function energy(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

function fitFd(A: Matrix, B: Matrix | undefined, params: Params): DenseFit {
  const b = B as Matrix;
  const { rows: N, cols: D } = A;
  const d = params.d as number;
  const fd = new FrequentDirections(D, d);
  for (let n = 0; n < N; n++) fd.insert(A.data, n * D, 1);
  const eB = energy(b.data);
  const beta = eB > 0 ? Math.sqrt(energy(A.data) / eB) : 0;
  const column = new Float64Array(D);
  for (let m = 0; m < b.cols; m++) {
    for (let i = 0; i < D; i++) column[i] = b.data[i * b.cols + m];
    fd.insert(column, 0, beta);
  }
  const S = fd.sketch();
  // V = Sᵀ, (D, d), then orthonormal columns; rows the sketch left empty stay zero columns.
  const V = new Float64Array(D * d);
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < D; i++) V[i * d + k] = S[k * D + i];
  }
  orthonormalizeColumns(V, D, d);
  return { V: Float32Array.from(V), W: null, mean: null, scale: 1 };
}

const fdKind: DenseKind = {
  name: 'fd', needsB: true, twoSided: false, centred: false, fit: fitFd,
};

export const fdSpec = denseSpec(fdKind,
  'Frequent Directions on [A_train; Bᵀ] (equal energies), buffer 2d, orthonormalized',
  [D_PARAM], sketchGrid);
