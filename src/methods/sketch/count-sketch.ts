/**
 * Hashing sketches: HashJL (the count sketch: every input dim goes to one random bucket of d
 * with one random sign, the same hash for A and B) and OSNAP (s = 4 independent count
 * sketches, each into its own slice of the d outputs, scaled 1/√s).
 *
 * With S the (d, D) sketch, S has s nonzeros ±1/√s per column, so E[SᵀS] = I. The query side
 * keeps only the signs (S' = √s S, pure additions, O(s·D) per row) and the prepared side takes
 * the rest, P = S'B / s, so that (S'a)ᵀ P = (Sa)ᵀ(SB).
 *
 * OSNAP when d < 4 or d is not a multiple of 4: s = min(4, d) sketches, and the slices are as
 * equal as possible: with w = floor(d/s) and r = d mod s, the first r slices have w + 1
 * buckets, the others w. Each column still has s nonzeros of ±1/√s, so the estimate stays
 * unbiased; d = 1 is the plain one-bucket count sketch.
 * @module
 */
import { BadModelFileError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { sparseRows } from '../../kernels/index.js';
import type { MethodSpec, MethodState, StateArray } from '../method.js';
import { resolveParams, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';
import { D_PARAM, SEED_PARAM, checkSketchSize, restoredParams, sketchGrid } from './params.js';
import { SketchMethod, type Prepared } from './sketch-method.js';
import type { Csr } from './sparse.js';

const PARAMS = [D_PARAM, SEED_PARAM];

/** OSNAP's number of independent count sketches. */
export const OSNAP_SKETCHES = 4;

/** s independent count sketches of D dims into slices of d outputs. */
export interface CountSketch {
  readonly D: number;
  readonly d: number;
  readonly s: number;
  /** (s, D) i32 row-major: the output (in [0, d), inside slice t) that sketch t sends dim i to. */
  readonly buckets: Int32Array;
  /** (s, D) i8 row-major: the sign, ±1, of that contribution. */
  readonly signs: Int8Array;
  /** S' as a (d, D) sparse ±1 matrix: for each bucket the dims it receives, sketch by sketch. */
  readonly S: Csr;
}

/**
 * (s + 1) i32: slice t is outputs bounds[t] .. bounds[t + 1) − 1; the first d mod s are
 * wider.
 */
export function sliceBounds(d: number, s: number): Int32Array {
  const w = Math.floor(d / s);
  const r = d - w * s;
  const bounds = new Int32Array(s + 1);
  for (let t = 0; t < s; t++) bounds[t + 1] = bounds[t] + w + (t < r ? 1 : 0);
  return bounds;
}

/** Draws s count sketches of D dims into d outputs, s ≤ d. */
export function drawCountSketch(rng: Rng, D: number, d: number, s: number): CountSketch {
  const bounds = sliceBounds(d, s);
  const buckets = new Int32Array(s * D);
  const signs = new Int8Array(s * D);
  for (let t = 0; t < s; t++) {
    const width = bounds[t + 1] - bounds[t];
    for (let i = 0; i < D; i++) {
      buckets[t * D + i] = bounds[t] + rng.int(width);
      signs[t * D + i] = (rng.nextU32() & 1) === 0 ? 1 : -1;
    }
  }
  return countSketch(D, d, s, buckets, signs);
}

/**
 * The sketch with its bucket lists: S' (d, D), row k the dims i (with sign) that any sketch t
 * sends to k, in order of t, then i. Gathering per bucket keeps each sum in registers, where
 * scattering dims into buckets would store and reload a bucket per dim.
 */
export function countSketch(D: number, d: number, s: number, buckets: Int32Array,
  signs: Int8Array): CountSketch {
  const indptr = new Int32Array(d + 1);
  for (let h = 0; h < s * D; h++) indptr[buckets[h] + 1]++;
  for (let k = 0; k < d; k++) indptr[k + 1] += indptr[k];
  const next = indptr.slice(0, d);
  const index = new Int32Array(s * D);
  const values = new Float32Array(s * D);
  for (let h = 0; h < s * D; h++) {
    const e = next[buckets[h]]++;
    index[e] = h % D;
    values[e] = signs[h];
  }
  return { D, d, s, buckets, signs, S: { rows: d, cols: D, indptr, index, values } };
}

/**
 * S' A: (N, d) f32 row-major, every dim added with its sign into its s buckets, in float32 in
 * the order of src/kernels/scalar/sparse-rows.ts (the products by ±1 are exact sign flips).
 */
export function applyCountSketch(T: CountSketch, A: Matrix): Float32Array {
  return sparseRows(A, T.S).out;
}

/** HashJL and OSNAP through the common interface. */
export class CountSketchMethod extends SketchMethod {
  readonly name: string;
  /** The number of independent sketches the method asks for (1 or OSNAP's 4), before d caps it. */
  private readonly sketches: number;
  private T: CountSketch | null = null;

  constructor(name: string, sketches: number, params: Params) {
    super(params);
    this.name = name;
    this.sketches = sketches;
  }

  /** The drawn sketch (tests check its buckets and slices). */
  get sketch(): CountSketch | null {
    return this.T;
  }

  protected get hasOffset(): boolean {
    return false;
  }

  protected fitRows(A: Matrix): void {
    const d = this.sketchSize;
    checkSketchSize(d, A.cols);
    this.T = drawCountSketch(new Rng(this.params.seed as number), A.cols, d,
      Math.min(this.sketches, d));
  }

  protected sketchRows(A: Matrix): Float32Array {
    return applyCountSketch(this.T as CountSketch, A);
  }

  protected override sketchQuery(A: Matrix): { Z: Float32Array; nonFinite: Uint8Array } {
    const { out, nonFinite } = sparseRows(A, (this.T as CountSketch).S);
    return { Z: out, nonFinite };
  }

  protected sketchB(B: Matrix): Prepared {
    const P = this.sketchColumns(B);
    const s = (this.T as CountSketch).s;
    if (s !== 1) for (let i = 0; i < P.length; i++) P[i] /= s;
    return { P, offset: null };
  }

  protected sketchMultiplies(): number {
    return 0;
  }

  /** `buckets` (s, D) i32 and `signs` (s, D) i8, s = min(sketches, d). */
  protected transformArrays(): Record<string, StateArray> {
    const { buckets, signs } = this.T as CountSketch;
    return { buckets, signs };
  }

  /** @internal */
  static fromState(name: string, sketches: number, state: MethodState,
    source: string): CountSketchMethod {
    const params = restoredParams(name, PARAMS, state, source);
    const method = new CountSketchMethod(name, sketches, params);
    const { D } = state;
    const d = params.d as number;
    const s = Math.min(sketches, d);
    const buckets = checkStateArray(state, 'buckets', Int32Array, s * D, source);
    const signs = checkStateArray(state, 'signs', Int8Array, s * D, source);
    const bounds = sliceBounds(d, s);
    for (let h = 0; h < s * D; h++) {
      const t = Math.floor(h / D);
      if (buckets[h] < bounds[t] || buckets[h] >= bounds[t + 1]) {
        throw new BadModelFileError(source, `array buckets entry ${h} = ${buckets[h]} is ` +
          `outside slice ${t}, [${bounds[t]}, ${bounds[t + 1]})`);
      }
      if (signs[h] !== 1 && signs[h] !== -1) {
        throw new BadModelFileError(source, `array signs entry ${h} = ${signs[h]} is not ±1`);
      }
    }
    method.T = countSketch(D, d, s, buckets, signs);
    return method.restoreFrom(state, source);
  }
}

function hashSpec(name: string, sketches: number, summary: string): MethodSpec {
  return {
    name, summary, params: PARAMS, randomized: true, budget: 'd', grid: sketchGrid,
    create: (params) => new CountSketchMethod(name, sketches, resolveParams(name, PARAMS, params)),
    restore: (state, source) => CountSketchMethod.fromState(name, sketches, state, source),
  };
}

export const hashJlSpec = hashSpec('hashjl', 1,
  'HashJL count sketch: one random bucket and sign per input dim, shared by A and B');
export const osnapSpec = hashSpec('osnap', OSNAP_SKETCHES,
  'OSNAP: 4 independent count sketches into separate slices of d, scaled 1/√4');
