/**
 * Seeded k-means (k-means++ seeding, then Lloyd iterations), shared by PQ, OPQ and Bolt.
 *
 * Every step is guarded so that the objective Σ‖x − c(x)‖², evaluated in float64, never
 * increases: a point changes centroid only when its float64 distance strictly drops (the fast
 * float32 distances only propose), and a centroid moves to its cluster's new mean only when
 * that lowers the cluster's float64 error (the mean is rounded to float32). A point set with
 * fewer distinct points than K gives duplicate centroids: K centroids are always returned.
 * @module
 */
import { Rng } from '../../core/rng.js';
import { nearestCentroids } from './nearest.js';

/** k-means settings. */
export interface KMeansOptions {
  /** Centroids, ≥ 1. */
  readonly K: number;
  readonly seed: number;
  /** Most Lloyd iterations; 0 keeps the k-means++ seeds. */
  readonly iterations: number;
  /** Stop once an iteration lowers the objective by less than this fraction of it. */
  readonly tolerance?: number;
  /** (K, d) f32 starting centroids (a warm start) instead of k-means++ seeds. */
  readonly initial?: Float32Array;
}

/** The trained centroids and the assignment they give. */
export interface KMeansResult {
  /** (K, d) f32 row-major. */
  readonly centroids: Float32Array;
  /** (n) i32: each point's centroid. */
  readonly assign: Int32Array;
  /** Objective in float64 after seeding and after each iteration, non-increasing. */
  readonly objectives: number[];
}

/**
 * Clusters the n points X (n, d) f32 row-major, n ≥ 1.
 * @param rng when given, the seeding draws from it (callers training several codebooks share
 *   one generator); otherwise from a new generator of `options.seed`
 */
export function kmeans(X: Float32Array, n: number, d: number, options: KMeansOptions,
  rng: Rng = new Rng(options.seed)): KMeansResult {
  const { K, iterations } = options;
  const tolerance = options.tolerance ?? 1e-7;
  const centroids = options.initial?.slice() ?? seedPlusPlus(X, n, d, K, rng);
  const assign = nearestCentroids(X, n, d, centroids, K);
  const objectives = [objective(X, n, d, centroids, assign)];
  for (let it = 0; it < iterations; it++) {
    let changed = reseedEmpty(X, n, d, centroids, K, assign);
    updateMeans(X, n, d, centroids, K, assign);
    changed += reassign(X, n, d, centroids, K, assign);
    const previous = objectives[objectives.length - 1];
    const current = objective(X, n, d, centroids, assign);
    objectives.push(current);
    if (changed === 0 || previous - current <= tolerance * previous) break;
  }
  return { centroids, assign, objectives };
}

/** Σ over points of the squared float64 distance to their centroid. */
export function objective(X: Float32Array, n: number, d: number, centroids: Float32Array,
  assign: Int32Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += distance(X, i * d, centroids, assign[i] * d, d);
  return total;
}

function distance(X: Float32Array, x: number, C: Float32Array, c: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = X[x + j] - C[c + j];
    s += t * t;
  }
  return s;
}

/**
 * k-means++: the first centroid uniformly, each next one with probability proportional to
 * the squared distance to the nearest chosen one. Once every point coincides with a chosen
 * centroid (fewer distinct points than K) the rest are uniform picks, that is duplicates.
 */
function seedPlusPlus(X: Float32Array, n: number, d: number, K: number, rng: Rng): Float32Array {
  const centroids = new Float32Array(K * d);
  const nearest = new Float64Array(n).fill(Infinity);
  for (let k = 0; k < K; k++) {
    const pick = k === 0 ? rng.int(n) : sampleBySquares(nearest, rng);
    centroids.set(X.subarray(pick * d, (pick + 1) * d), k * d);
    if (k === K - 1) break;
    for (let i = 0; i < n; i++) {
      const dist = distance(X, i * d, centroids, k * d, d);
      if (dist < nearest[i]) nearest[i] = dist;
    }
  }
  return centroids;
}

function sampleBySquares(weights: Float64Array, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) return rng.int(weights.length);
  const target = rng.uniform() * total;
  let sum = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] <= 0) continue;
    sum += weights[i];
    last = i;
    if (sum > target) return i;
  }
  // Rounding can leave the target just above the last partial sum.
  return last;
}

/**
 * Gives each empty cluster the point farthest from its centroid (distinct points, farthest
 * first); a point at distance 0 is never taken, so duplicates stay put. Returns the moves.
 */
function reseedEmpty(X: Float32Array, n: number, d: number, centroids: Float32Array, K: number,
  assign: Int32Array): number {
  const counts = new Int32Array(K);
  for (let i = 0; i < n; i++) counts[assign[i]]++;
  const empty: number[] = [];
  for (let k = 0; k < K; k++) if (counts[k] === 0) empty.push(k);
  if (empty.length === 0) return 0;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = distance(X, i * d, centroids, assign[i] * d, d);
  const order = Array.from({ length: n }, (_, i) => i);
  // Ties broken by index, so that the order (and the result) is deterministic.
  order.sort((a, b) => dist[b] - dist[a] || a - b);
  let moved = 0;
  let next = 0;
  for (const k of empty) {
    // Skip points whose move would empty their own cluster.
    while (next < n && dist[order[next]] > 0 && counts[assign[order[next]]] <= 1) next++;
    if (next === n || !(dist[order[next]] > 0)) break;
    const i = order[next++];
    counts[assign[i]]--;
    counts[k]++;
    centroids.set(X.subarray(i * d, (i + 1) * d), k * d);
    assign[i] = k;
    moved++;
  }
  return moved;
}

/** Moves each centroid to its cluster's mean (float64 sums) when that lowers its error. */
function updateMeans(X: Float32Array, n: number, d: number, centroids: Float32Array, K: number,
  assign: Int32Array): void {
  const sums = new Float64Array(K * d);
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const k = assign[i];
    counts[k]++;
    const s = k * d;
    const x = i * d;
    for (let j = 0; j < d; j++) sums[s + j] += X[x + j];
  }
  const mean = new Float32Array(d);
  for (let k = 0; k < K; k++) {
    if (counts[k] === 0) continue;
    const s = k * d;
    // Error(new) − error(old) = count · Σ_j (new − old)(new + old − 2μ), μ the exact
    // mean.
    let change = 0;
    for (let j = 0; j < d; j++) {
      const mu = sums[s + j] / counts[k];
      mean[j] = mu;
      const old = centroids[s + j];
      change += (mean[j] - old) * (mean[j] + old - 2 * mu);
    }
    if (change < 0) centroids.set(mean, s);
  }
}

/** Nearest-centroid reassignment, moving a point only on a strict float64 improvement. */
function reassign(X: Float32Array, n: number, d: number, centroids: Float32Array, K: number,
  assign: Int32Array): number {
  const proposed = nearestCentroids(X, n, d, centroids, K);
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const k = proposed[i];
    if (k === assign[i]) continue;
    const x = i * d;
    if (distance(X, x, centroids, k * d, d) < distance(X, x, centroids, assign[i] * d, d)) {
      assign[i] = k;
      changed++;
    }
  }
  return changed;
}
