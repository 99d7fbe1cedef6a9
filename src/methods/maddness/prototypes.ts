/**
 * Prototypes (ALGORITHM.md section 2.4): per-leaf block means, then a ridge regression of the
 * training rows on the one-hot codes that makes the prototypes dense (L = -1) or keeps about
 * L·D/C dims per codebook (L > 1). L = 1 keeps the block means.
 * @module
 */
import { InvalidArgumentError } from '../../core/errors.js';
import { choleskyInPlace, choleskySolveInPlace } from '../../core/linalg.js';
import type { Matrix } from '../../core/matrix.js';

/** Prototypes per codebook. */
export const K = 16;

/**
 * Learns the prototypes from the training rows and their codes.
 * @param A (N, D) training rows
 * @param codes (N, C) u8 codes of those rows under the final (quantized) encoder
 * @param starts (C + 1) block boundaries
 * @param lutWork L: 1 block means, -1 dense ridge, > 1 sparse ridge with about L·D/C dims kept
 * @param lambda ridge penalty ≥ 0
 * @returns (C * 16, D) f32 row-major: row c * 16 + k is prototype k of codebook c
 */
export function learnPrototypes(A: Matrix, codes: Uint8Array, starts: Int32Array, lutWork: number,
  lambda: number): Float32Array {
  const C = starts.length - 1;
  const D = A.cols;
  const P0 = blockMeans(A, codes, starts);
  if (lutWork === 1) return Float32Array.from(P0);

  const GtG = codeGram(codes, A.rows, C);
  if (lutWork === -1) {
    return Float32Array.from(ridgeFromStats(GtG, codeSums(A, codes, C), P0, starts, D, lambda));
  }
  const P = Float64Array.from(P0);
  sparseRefit(P, GtG, residualRhs(A, codes, starts, P0, GtG), starts, D, lutWork, lambda);
  return Float32Array.from(P);
}

/** (C * 16, D) f64 block means: prototype k of codebook c on block c's dims, zero elsewhere. */
function blockMeans(A: Matrix, codes: Uint8Array, starts: Int32Array): Float64Array {
  const C = starts.length - 1;
  const D = A.cols;
  const sums = new Float64Array(C * K * D);
  const counts = new Float64Array(C * K);
  for (let r = 0; r < A.rows; r++) {
    for (let c = 0; c < C; c++) {
      const u = c * K + codes[r * C + c];
      counts[u]++;
      const dst = u * D;
      const src = r * D;
      for (let j = starts[c]; j < starts[c + 1]; j++) sums[dst + j] += A.data[src + j];
    }
  }
  for (let u = 0; u < C * K; u++) {
    if (counts[u] === 0) continue;
    const inv = 1 / counts[u];
    for (let j = 0; j < D; j++) sums[u * D + j] *= inv;
  }
  return sums;
}

/**
 * GᵀG (16C, 16C) f64 of the one-hot code matrix G: leaf co-occurrence counts, added to `into`
 * when given (calibration accumulates it over batches).
 */
export function codeGram(codes: Uint8Array, N: number, C: number,
  into: Float64Array = new Float64Array(C * K * C * K)): Float64Array {
  const n = C * K;
  const GtG = into;
  const row = new Int32Array(C);
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < C; c++) row[c] = c * K + codes[r * C + c];
    for (let a = 0; a < C; a++) {
      const base = row[a] * n;
      for (let b = 0; b < C; b++) GtG[base + row[b]]++;
    }
  }
  return GtG;
}

/** GᵀA (16C, D) f64: per leaf, the sum of its rows over all D dims, added to `into`. */
export function codeSums(A: Matrix, codes: Uint8Array, C: number,
  into: Float64Array = new Float64Array(C * K * A.cols)): Float64Array {
  const D = A.cols;
  const data = A.data;
  for (let r = 0; r < A.rows; r++) {
    const src = r * D;
    for (let c = 0; c < C; c++) {
      const dst = (c * K + codes[r * C + c]) * D;
      // Unrolled by four (N·C·D adds, a large share of the fit); each entry still adds the
      // rows in row order.
      let j = 0;
      for (; j + 4 <= D; j += 4) {
        into[dst + j] += data[src + j];
        into[dst + j + 1] += data[src + j + 1];
        into[dst + j + 2] += data[src + j + 2];
        into[dst + j + 3] += data[src + j + 3];
      }
      for (; j < D; j++) into[dst + j] += data[src + j];
    }
  }
  return into;
}

/** Gᵀ(A − G·P0) = GᵀA − GᵀG·P0, (16C, D) f64. */
function residualRhs(A: Matrix, codes: Uint8Array, starts: Int32Array, P0: Float64Array,
  GtG: Float64Array): Float64Array {
  const rhs = codeSums(A, codes, starts.length - 1);
  subtractGramTimes(rhs, GtG, P0, starts, A.cols);
  return rhs;
}

/** rhs −= GᵀG · P0 for block-sparse P0 (row v only has values on its codebook's block). */
function subtractGramTimes(rhs: Float64Array, GtG: Float64Array, P0: Float64Array,
  starts: Int32Array, D: number): void {
  const n = (starts.length - 1) * K;
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      const g = GtG[u * n + v];
      if (g === 0) continue;
      const c = Math.floor(v / K);
      for (let j = starts[c]; j < starts[c + 1]; j++) rhs[u * D + j] -= g * P0[v * D + j];
    }
  }
}

/**
 * The dense ridge prototypes from sufficient statistics: P = P0 + (GᵀG + λI)⁻¹ (GᵀA −
 * GᵀG P0), the refit shrunk towards the block-sparse prior P0 (16C, D).
 */
export function ridgeFromStats(GtG: Float64Array, GtA: Float64Array, P0: Float64Array,
  starts: Int32Array, D: number, lambda: number): Float64Array {
  const n = (starts.length - 1) * K;
  const rhs = GtA.slice();
  subtractGramTimes(rhs, GtG, P0, starts, D);
  const S = GtG.slice();
  for (let i = 0; i < n; i++) S[i * n + i] += lambda;
  factorOrThrow(S, n, lambda);
  choleskySolveInPlace(S, n, rhs, D);
  const P = Float64Array.from(P0);
  for (let i = 0; i < n * D; i++) P[i] += rhs[i];
  return P;
}

/**
 * Sparse variant: codebook c keeps its own block and the other dims with the largest norm of
 * its dense ridge correction (over its 16 prototypes), about L·D/C dims in all; then for each
 * dim j the ridge is refitted on the codebooks that keep j.
 */
function sparseRefit(P: Float64Array, GtG: Float64Array, rhs: Float64Array, starts: Int32Array,
  D: number, L: number, lambda: number): void {
  const C = starts.length - 1;
  const n = C * K;
  const S = GtG.slice();
  for (let i = 0; i < n; i++) S[i * n + i] += lambda;
  factorOrThrow(S, n, lambda);
  const dense = rhs.slice();
  choleskySolveInPlace(S, n, dense, D);

  const keep = new Uint8Array(C * D);
  const budget = Math.min(D, Math.round((L * D) / C));
  for (let c = 0; c < C; c++) {
    const own = starts[c + 1] - starts[c];
    const norms: { j: number; norm: number }[] = [];
    for (let j = 0; j < D; j++) {
      if (j >= starts[c] && j < starts[c + 1]) {
        keep[c * D + j] = 1;
        continue;
      }
      let s = 0;
      for (let k = 0; k < K; k++) s += dense[(c * K + k) * D + j] ** 2;
      norms.push({ j, norm: s });
    }
    norms.sort((a, b) => b.norm - a.norm || a.j - b.j);
    for (let i = 0; i < Math.max(0, budget - own) && i < norms.length; i++) {
      keep[c * D + norms[i].j] = 1;
    }
  }

  for (let j = 0; j < D; j++) {
    const books: number[] = [];
    for (let c = 0; c < C; c++) if (keep[c * D + j]) books.push(c);
    const m = books.length * K;
    const sub = new Float64Array(m * m);
    const y = new Float64Array(m);
    for (let a = 0; a < books.length; a++) {
      for (let ka = 0; ka < K; ka++) {
        const u = books[a] * K + ka;
        y[a * K + ka] = rhs[u * D + j];
        for (let b = 0; b < books.length; b++) {
          for (let kb = 0; kb < K; kb++) {
            sub[(a * K + ka) * m + b * K + kb] = GtG[u * n + books[b] * K + kb];
          }
        }
        sub[(a * K + ka) * m + a * K + ka] += lambda;
      }
    }
    factorOrThrow(sub, m, lambda);
    choleskySolveInPlace(sub, m, y, 1);
    // P0 is zero off each codebook's own block, so codebooks that do not keep j stay at 0.
    for (let a = 0; a < books.length; a++) {
      for (let k = 0; k < K; k++) P[(books[a] * K + k) * D + j] += y[a * K + k];
    }
  }
}

function factorOrThrow(S: Float64Array, n: number, lambda: number): void {
  if (!choleskyInPlace(S, n)) {
    throw new InvalidArgumentError('lambda',
      'must be > 0 here: the code matrix of this training set is rank-deficient', lambda);
  }
}
