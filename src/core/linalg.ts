/**
 * Small dense float64 linear algebra for training: Cholesky factorization and solves.
 * Matrices here are row-major Float64Array, (n, n) or (n, r).
 * @module
 */

/**
 * Factors the symmetric positive definite (n, n) matrix S = L·Lᵀ in place: on return the lower
 * triangle holds L (the upper triangle is left as it was). Returns false if a pivot is not
 * positive (S is not positive definite to working precision).
 */
export function choleskyInPlace(S: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let diag = S[rj + j];
    for (let k = 0; k < j; k++) diag -= S[rj + k] * S[rj + k];
    if (!(diag > 0)) return false;
    const ljj = Math.sqrt(diag);
    S[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = S[ri + j];
      for (let k = 0; k < j; k++) s -= S[ri + k] * S[rj + k];
      S[ri + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves L·Lᵀ·X = Y for X in place, Y (n, r) row-major, L from choleskyInPlace.
 * The inner loops run along the r right-hand sides, which are contiguous.
 */
export function choleskySolveInPlace(L: Float64Array, n: number, Y: Float64Array, r: number): void {
  for (let i = 0; i < n; i++) {
    const yi = i * r;
    const li = i * n;
    for (let k = 0; k < i; k++) {
      const l = L[li + k];
      if (l === 0) continue;
      const yk = k * r;
      for (let c = 0; c < r; c++) Y[yi + c] -= l * Y[yk + c];
    }
    const inv = 1 / L[li + i];
    for (let c = 0; c < r; c++) Y[yi + c] *= inv;
  }
  for (let i = n - 1; i >= 0; i--) {
    const yi = i * r;
    for (let k = i + 1; k < n; k++) {
      const l = L[k * n + i];
      if (l === 0) continue;
      const yk = k * r;
      for (let c = 0; c < r; c++) Y[yi + c] -= l * Y[yk + c];
    }
    const inv = 1 / L[i * n + i];
    for (let c = 0; c < r; c++) Y[yi + c] *= inv;
  }
}
