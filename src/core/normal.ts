/**
 * The standard normal distribution: density, distribution function, its inverse, and the
 * moments of the normal truncated to an interval. Used by the data-free MADDNESS fit, which
 * places thresholds at quantiles of an assumed distribution. Accurate to ~1e-14 relative
 * (tail continued fraction beyond |x| = 3, Marsaglia's positive series inside).
 * @module
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** φ(x), 0 at ±Infinity. */
export function normalPdf(x: number): number {
  return Number.isFinite(x) ? INV_SQRT_2PI * Math.exp(-0.5 * x * x) : 0;
}

/** Q(x) = 1 − Φ(x), the upper tail, computed without cancellation for large x. */
export function normalTail(x: number): number {
  if (x === Infinity) return 0;
  if (x === -Infinity) return 1;
  if (x < 0) return 1 - normalTail(-x);
  if (x < 3) return 0.5 - seriesPart(x);
  // Q(x) = φ(x) / (x + 1 / (x + 2 / (x + 3 / (x + ...)))), evaluated from the bottom.
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / f;
  return normalPdf(x) / f;
}

/** Φ(x). */
export function normalCdf(x: number): number {
  return normalTail(-x);
}

/** Φ(x) − 1/2 = φ(x) (x + x³/3 + x⁵/(3·5) + ...) for |x| < 3: positive terms only. */
function seriesPart(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 3; Math.abs(term) > 1e-17 * Math.abs(sum); k += 2) {
    term *= x2 / k;
    sum += term;
  }
  return normalPdf(x) * sum;
}

/** P(a ≤ Z < b) for a standard normal Z, without cancellation in either tail. */
export function normalMass(a: number, b: number): number {
  if (a >= 0) return normalTail(a) - normalTail(b);
  if (b <= 0) return normalTail(-b) - normalTail(-a);
  return 1 - normalTail(-a) - normalTail(b);
}

/**
 * Φ⁻¹(p) for p in (0, 1), by bisection on the tail function (80 halvings of [-40, 40] give
 * full double precision; the callers need a few thousand values, not speed).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Mean and variance of a standard normal truncated to [a, b) (a < b, either may be ∞). */
export function truncatedMoments(a: number, b: number): { mean: number; variance: number;
  mass: number } {
  const mass = normalMass(a, b);
  if (mass <= 0) {
    // An interval beyond double precision's reach of the tail: a point at its nearer end.
    const at = Number.isFinite(a) ? a : b;
    return { mean: at, variance: 0, mass: 0 };
  }
  const pa = normalPdf(a);
  const pb = normalPdf(b);
  const mean = (pa - pb) / mass;
  const apa = Number.isFinite(a) ? a * pa : 0;
  const bpb = Number.isFinite(b) ? b * pb : 0;
  const variance = Math.max(0, 1 + (apa - bpb) / mass - mean * mean);
  return { mean, variance, mass };
}

/** The median of a standard normal truncated to [a, b). */
export function truncatedMedian(a: number, b: number): number {
  const mass = normalMass(a, b);
  if (mass <= 0) return Number.isFinite(a) ? a : b;
  // The point m with P(a ≤ Z < m) = mass / 2, found from the side with more precision.
  if (a >= 0) return tailQuantile(normalTail(a) - mass / 2);
  if (b <= 0) return -tailQuantile(normalTail(-b) - mass / 2);
  return normalQuantile(normalCdf(a) + mass / 2);
}

/** The x with Q(x) = q, for q in (0, 1/2]: x ≥ 0. */
function tailQuantile(q: number): number {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (normalTail(mid) > q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
