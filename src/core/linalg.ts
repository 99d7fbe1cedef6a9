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

/** (r, c) f64 row-major product of the (r, n) X and (n, c) Y, both row-major. */
export function times64(X: Float64Array, Y: Float64Array, r: number, n: number, c: number):
  Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < n; k++) {
      const x = X[i * n + k];
      // Zeros are common here (sparse components, dropped directions) and cost nothing.
      if (x === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += x * Y[k * c + j];
    }
  }
  return out;
}

/** (c, r) transpose of the (r, c) row-major X, f64. */
export function transpose64(X: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(c * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = X[i * c + j];
  return out;
}
