/**
 * Symmetric eigen-decomposition and column orthonormalization in float64, for the baselines
 * that learn directions (PCA, OPQ's Procrustes step, sketches). Householder reduction to
 * tridiagonal form, then implicit QR steps with Wilkinson shifts (Golub & Van Loan, sections
 * 8.3.1 and 8.3.3): O(n³), about a second for n = 512 here, where cyclic Jacobi takes ten.
 * @module
 */

/** Eigenvalues and eigenvectors of a symmetric matrix. */
export interface Eigen {
  /** (n) eigenvalues, largest first. */
  readonly values: Float64Array;
  /** (n, n) row-major: column k is the unit eigenvector of values[k]. */
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric (n, n) row-major matrix S (only its upper triangle is
 * read through symmetry of the updates; S itself is not modified).
 */
export function symmetricEigen(S: Float64Array, n: number): Eigen {
  const A = S.slice(0, n * n);
  // Z (n, n) row-major accumulates Qᵀ: S = Zᵀ T Z throughout, so at the end its rows are the
  // eigenvectors. Rows, not columns, so that every rotation touches contiguous memory.
  const Z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Z[i * n + i] = 1;
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  tridiagonalize(A, Z, n, d, e);
  diagonalize(d, e, Z, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, k) => {
    values[k] = d[from];
    for (let i = 0; i < n; i++) vectors[i * n + k] = Z[from * n + i];
  });
  return { values, vectors };
}

/**
 * Householder reduction A = Q T Qᵀ. On return d holds T's diagonal, e its off-diagonal
 * (e[i] = T[i][i + 1]), and Z has been multiplied on the left by Qᵀ. A is overwritten.
 */
function tridiagonalize(A: Float64Array, Z: Float64Array, n: number, d: Float64Array,
  e: Float64Array): void {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const u = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    // The reflector H = I − β v vᵀ on indices k+1 .. n−1 zeroes row k beyond its first
    // off-diagonal entry.
    const m = n - k - 1;
    let norm2 = 0;
    for (let i = 0; i < m; i++) {
      v[i] = A[k * n + k + 1 + i];
      norm2 += v[i] * v[i];
    }
    const norm = Math.sqrt(norm2);
    const alpha = v[0] > 0 ? -norm : norm;
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < m; i++) vv += v[i] * v[i];
    e[k] = alpha;
    if (vv === 0) {
      // Row k is already reduced.
      e[k] = A[k * n + k + 1];
      continue;
    }
    const beta = 2 / vv;
    // Sub-block ← H · sub · H as a rank-2 update: p = β S v, w = p − (β/2)(pᵀv) v,
    // sub −= v wᵀ + w vᵀ (w is kept in p).
    let pv = 0;
    for (let i = 0; i < m; i++) {
      const row = (k + 1 + i) * n + k + 1;
      let s = 0;
      for (let j = 0; j < m; j++) s += A[row + j] * v[j];
      p[i] = beta * s;
      pv += p[i] * v[i];
    }
    const half = 0.5 * beta * pv;
    for (let i = 0; i < m; i++) p[i] -= half * v[i];
    for (let i = 0; i < m; i++) {
      const row = (k + 1 + i) * n + k + 1;
      const vi = v[i];
      const wi = p[i];
      for (let j = 0; j < m; j++) A[row + j] -= vi * p[j] + wi * v[j];
    }
    // Z's rows k+1 .. n−1 ← H · those rows.
    u.fill(0);
    for (let i = 0; i < m; i++) {
      const row = (k + 1 + i) * n;
      const vi = v[i];
      if (vi === 0) continue;
      for (let j = 0; j < n; j++) u[j] += vi * Z[row + j];
    }
    for (let i = 0; i < m; i++) {
      const row = (k + 1 + i) * n;
      const f = beta * v[i];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) Z[row + j] -= f * u[j];
    }
  }
  for (let i = 0; i < n; i++) d[i] = A[i * n + i];
  if (n >= 2) e[n - 2] = A[(n - 2) * n + n - 1];
}

/**
 * Implicit symmetric QR on the tridiagonal (d, e) until e vanishes; each rotation R on
 * (k, k + 1) also left-multiplies Z, keeping S = Zᵀ T Z.
 */
function diagonalize(d: Float64Array, e: Float64Array, Z: Float64Array, n: number): void {
  const eps = Number.EPSILON;
  let hi = n - 1;
  for (let step = 0; hi > 0 && step < 60 * n; step++) {
    // Deflate converged entries at the bottom.
    while (hi > 0 && Math.abs(e[hi - 1]) <= eps * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
      e[hi - 1] = 0;
      hi--;
    }
    if (hi === 0) break;
    let lo = hi - 1;
    while (lo > 0 && Math.abs(e[lo - 1]) > eps * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) lo--;
    qrStep(d, e, Z, n, lo, hi);
  }
}

/** One implicit QR step with a Wilkinson shift on the unreduced block [lo, hi]. */
function qrStep(d: Float64Array, e: Float64Array, Z: Float64Array, n: number, lo: number,
  hi: number): void {
  const half = (d[hi - 1] - d[hi]) / 2;
  const b2 = e[hi - 1] * e[hi - 1];
  const mu = d[hi] - b2 / (half + (half >= 0 ? 1 : -1) * Math.hypot(half, e[hi - 1]));
  let x = d[lo] - mu;
  let z = e[lo];
  for (let k = lo; k < hi; k++) {
    // R = [[c, s], [−s, c]] maps (x, z) to (r, 0): the first column of the shifted QR at
    // k = lo, the bulge T[k − 1][k + 1] after that.
    const r = Math.hypot(x, z);
    const c = r === 0 ? 1 : x / r;
    const s = r === 0 ? 0 : z / r;
    if (k > lo) e[k - 1] = r;
    const a = d[k];
    const b = e[k];
    const cc = d[k + 1];
    d[k] = c * c * a + 2 * c * s * b + s * s * cc;
    d[k + 1] = s * s * a - 2 * c * s * b + c * c * cc;
    e[k] = c * s * (cc - a) + (c * c - s * s) * b;
    if (k + 1 < hi) {
      // The rotation moves the bulge down to T[k][k + 2].
      x = e[k];
      z = s * e[k + 1];
      e[k + 1] *= c;
    }
    const rowK = k * n;
    const rowK1 = rowK + n;
    for (let j = 0; j < n; j++) {
      const zk = Z[rowK + j];
      const zk1 = Z[rowK1 + j];
      Z[rowK + j] = c * zk + s * zk1;
      Z[rowK1 + j] = c * zk1 - s * zk;
    }
  }
}

/**
 * Orthonormalizes the columns of Q (rows, cols) row-major in place by modified Gram–Schmidt,
 * applied twice (one pass loses orthogonality when columns are nearly dependent). A column
 * that is dependent on the ones before it becomes zero.
 * @returns the rank: the number of non-zero columns left
 */
export function orthonormalizeColumns(Q: Float64Array, rows: number, cols: number): number {
  let rank = 0;
  for (let j = 0; j < cols; j++) {
    const before = columnNorm(Q, rows, cols, j);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += Q[i * cols + k] * Q[i * cols + j];
        if (dot === 0) continue;
        for (let i = 0; i < rows; i++) Q[i * cols + j] -= dot * Q[i * cols + k];
      }
    }
    const after = columnNorm(Q, rows, cols, j);
    // What is left of a dependent column is rounding noise of relative size ~1e-16.
    if (after <= 1e-10 * before || after === 0) {
      for (let i = 0; i < rows; i++) Q[i * cols + j] = 0;
      continue;
    }
    for (let i = 0; i < rows; i++) Q[i * cols + j] /= after;
    rank++;
  }
  return rank;
}

function columnNorm(Q: Float64Array, rows: number, cols: number, j: number): number {
  let s = 0;
  for (let i = 0; i < rows; i++) s += Q[i * cols + j] * Q[i * cols + j];
  return Math.sqrt(s);
}
