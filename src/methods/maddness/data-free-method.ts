/**
 * MADDNESS without training rows: the encoder and prototypes come from B and an assumed
 * distribution of A (data-free.ts), and `observe` calibrates the prototypes and tables on
 * real rows as they arrive, keeping the encoder. The query path is the trained method's:
 * the same encoder tables, lookup tables and kernels.
 *
 * Calibration keeps sufficient statistics, so any number of rows costs fixed memory:
 *   GᵀG (16C, 16C) f64   leaf co-occurrence counts of the rows seen
 *   GᵀA (16C, D) f64     per leaf, the sum of the rows seen
 *   GtSq (16C) f64       per leaf, the sum of the rows' squared norms on the block
 * Prototypes after n rows: leaf means shrunk towards the data-free prototypes by κ pseudo-rows,
 * P0 = (κ·prior + sum) / (κ + count) on each codebook's block, with κ estimated per codebook
 * from the rows (shrinkage.ts; or `priorRows` when `shrinkage` is 'fixed'); once n reaches
 * `ridgeRows`, the dense ridge refit P0 + (GᵀG + λI)⁻¹ Gᵀ(A − G P0) from the same
 * statistics. A reservoir sample of at most `reservoirRows` rows is kept for `relearnTrees`.
 * @module
 */
import { InvalidArgumentError, NotFittedError, ShapeMismatchError } from '../../core/errors.js';
import { checkFinite, checkMatrix, largestMagnitude, type Matrix } from '../../core/matrix.js';
import { Rng } from '../../core/rng.js';
import { encodeAndScan, type EncoderTables, type LutTables } from '../../kernels/index.js';
import { MatmulMethod, type Cost, type MethodSpec, type MethodState, type StateArray }
  from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { dataFreeFit, type AssumedInputs } from './data-free.js';
import { restoreEncoder } from './data-free-state.js';
import { encodeToCodes, quantizeEncoder } from './encoder.js';
import { buildLuts } from './lut.js';
import { MaddnessModel } from './model.js';
import { MAX_CODEBOOKS } from './options.js';
import { codeGram, codeSums, K, ridgeFromStats } from './prototypes.js';
import { accumulateSquares, priorWeight } from './shrinkage.js';
import { blockStarts } from './subspaces.js';

/**
 * Standard deviations each side of the mean that the int8 encoder's range covers: every
 * threshold lies within ±1.6 (the 1/16 quantile), and a narrower range rounds thresholds
 * less (steps of 1/32 SD at 3 against 1/16 at 4); values beyond it saturate harmlessly.
 */
const RANGE_SDS = 3;

const PARAMS: readonly ParamSpec[] = [
  { name: 'codebooks', kind: 'int', doc: 'C, codebooks of 16 prototypes', default: 16, min: 1,
    max: MAX_CODEBOOKS },
  { name: 'statistics', kind: 'enum', default: 'standard', values: ['standard', 'train'],
    doc: "assume standardized inputs, or take each dim's mean and variance from fit's rows" },
  { name: 'shrinkage', kind: 'enum', default: 'auto', values: ['auto', 'fixed'],
    doc: 'weight of the data-free prototypes: estimated from the rows, or priorRows' },
  { name: 'priorRows', kind: 'number', doc: "pseudo-rows of the prior when shrinkage is 'fixed'",
    default: 4, min: 0, max: 1e9 },
  { name: 'lambda', kind: 'number', doc: 'ridge penalty of the calibration refit', default: 1,
    min: 0, max: 1e12 },
  { name: 'ridgeRows', kind: 'int', doc: 'rows before the ridge refit (0: 256·C)', default: 0,
    min: 0, max: 2 ** 31 - 1 },
  { name: 'reservoirRows', kind: 'int', doc: 'rows kept for relearnTrees', default: 4096,
    min: 0, max: 1 << 20 },
  { name: 'exactSum', kind: 'bool', doc: 'add table bytes exactly in 16 bits', default: false },
  { name: 'seed', kind: 'int', doc: 'seed of the reservoir sample', default: 0, min: 0,
    max: 2 ** 31 - 1 },
];

/** Options of `DataFreeMaddness.fromB`. */
export interface DataFreeOptions {
  readonly codebooks?: number;
  /** (D) assumed means of A's dims. @defaultValue all 0 */
  readonly mean?: ArrayLike<number>;
  /** (D) assumed variances of A's dims, ≥ 0. @defaultValue all 1 */
  readonly variance?: ArrayLike<number>;
  readonly shrinkage?: 'auto' | 'fixed';
  readonly priorRows?: number;
  readonly lambda?: number;
  readonly ridgeRows?: number;
  readonly reservoirRows?: number;
  readonly exactSum?: boolean;
  readonly seed?: number;
}

interface Fitted {
  readonly D: number;
  readonly C: number;
  readonly starts: Int32Array;
  encoder: EncoderTables;
  /** (C * 16, D) f32: the prototypes calibration shrinks towards. */
  prior: Float32Array;
  /** (C * 16, D) f32: the prototypes the tables are built from. */
  prototypes: Float32Array;
  GtG: Float64Array;
  GtA: Float64Array;
  GtSq: Float64Array;
  /** Rows observed since the encoder was made. */
  rows: number;
  /** (min(rows seen, reservoirRows), D) f32 row-major: a uniform sample of observed rows. */
  reservoir: Float32Array;
  /** Rows offered to the reservoir (all rows ever observed). */
  offered: number;
}

/** The data-free MADDNESS method; registry name `maddness-data-free`. */
export class DataFreeMaddness extends MatmulMethod {
  readonly name = 'maddness-data-free';
  protected override readonly needsBAtFit = true;
  private fit_: Fitted | null = null;
  /** (D, M) f32 row-major: the prepared B, kept to rebuild the tables after calibration. */
  private B: Float32Array | null = null;
  private luts: LutTables | null = null;

  constructor(params: Params) {
    super(params);
  }

  /**
   * A model from B alone: no rows of A needed.
   * @param B (D, M), all finite
   * @example
   * const head = DataFreeMaddness.fromB(W, { codebooks: 16 });
   * const Y = head.multiply(A);          // usable at once
   * head.observe(firstRows);             // and better once real rows are seen
   */
  static fromB(B: Matrix, options: DataFreeOptions = {}): DataFreeMaddness {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new InvalidArgumentError('options', 'must be an object', options);
    }
    checkMatrix('B', B);
    if (B.rows === 0) throw new InvalidArgumentError('B', 'must have at least 1 row', 0);
    const { mean, variance, ...rest } = options;
    const method = new DataFreeMaddness(resolveParams('maddness-data-free', PARAMS, rest));
    if ((method.params.codebooks as number) > B.rows) {
      throw new InvalidArgumentError('codebooks', `must be at most D = ${B.rows}`,
        method.params.codebooks);
    }
    checkFinite('B', B);
    method.build(B, assumedFrom(B.rows, mean, variance));
    return method.markRestored(B.rows, 0, null).prepare(B);
  }

  override get saveable(): boolean {
    return true;
  }

  /** Rows observed since the encoder was made (by the data-free fit or relearnTrees). */
  get calibrationRows(): number {
    return this.fit_?.rows ?? 0;
  }

  protected fitRows(A: Matrix, B: Matrix | undefined): void {
    const C = this.params.codebooks as number;
    if (C > A.cols) {
      throw new InvalidArgumentError('codebooks', `must be at most D = ${A.cols}`, C);
    }
    // The base class has checked B: this method needs it at fit time.
    const assumed = this.params.statistics === 'train' ? statisticsOf(A)
      : assumedFrom(A.cols, undefined, undefined);
    this.build(B as Matrix, assumed);
  }

  private build(B: Matrix, assumed: AssumedInputs): void {
    const D = B.rows;
    const C = this.params.codebooks as number;
    const starts = blockStarts(D, C);
    const { trees, prototypes } = dataFreeFit(B.data, D, B.cols, starts, assumed);
    const encoder = quantizeEncoder(trees, (j) => ({
      lo: assumed.mean[j] - RANGE_SDS * assumed.sd[j],
      hi: assumed.mean[j] + RANGE_SDS * assumed.sd[j],
    }));
    const P = Float32Array.from(prototypes);
    this.fit_ = { D, C, starts, encoder, prior: P, prototypes: P.slice(),
      GtG: new Float64Array((C * K) ** 2), GtA: new Float64Array(C * K * D),
      GtSq: new Float64Array(C * K), rows: 0,
      reservoir: new Float32Array(0), offered: 0 };
    this.luts = null;
  }

  protected prepareB(B: Matrix): void {
    this.B = B.data.slice();
    this.rebuildTables();
  }

  protected multiplyRows(A: Matrix): Matrix {
    const f = this.fitted();
    const luts = this.luts as LutTables;
    const data = encodeAndScan(A, f.encoder, luts, this.params.exactSum === true);
    return { rows: A.rows, cols: luts.M, data };
  }

  protected costPerRow(_D: number, M: number): Cost {
    const C = this.params.codebooks as number;
    return { multiplies: 0, lookups: C * M, encodedBytes: C / 2 };
  }

  /**
   * Calibrates on real rows of A: updates the statistics, the prototypes and (when B is
   * prepared) the tables. The encoder does not change.
   * @param rows (N, D), all finite (a batch is taken whole or not at all)
   * @throws NotFittedError before fit; ShapeMismatchError; NonFiniteError
   */
  observe(rows: Matrix): this {
    const f = this.fitted();
    checkMatrix('rows', rows);
    if (rows.cols !== f.D) {
      throw new ShapeMismatchError('observe', `rows with D = ${f.D} columns`,
        `${rows.rows}×${rows.cols}`);
    }
    checkFinite('rows', rows);
    this.atomically('rows', () => {
      this.accumulate(rows);
      this.keepSample(rows);
      this.recompute();
    });
    return this;
  }

  /**
   * Runs a calibration step whole or not at all: on any error the statistics, sample,
   * encoder and tables are as they were. A table that would leave the float32 range (rows so
   * large that the prototypes do) is reported against `argument`, the rows' source.
   */
  private atomically(argument: string, step: () => void): void {
    const f = this.fitted();
    const saved = { ...f, GtG: f.GtG.slice(), GtA: f.GtA.slice(), GtSq: f.GtSq.slice() };
    const luts = this.luts;
    try {
      step();
      if (!f.prototypes.every(Number.isFinite)) {
        throw new InvalidArgumentError(argument, 'is too large: the calibrated prototypes ' +
          'leave the float32 range', largestMagnitude(f.reservoir.length > 0 ? f.reservoir
            : f.prototypes));
      }
    } catch (error) {
      Object.assign(f, saved);
      this.luts = luts;
      if (error instanceof InvalidArgumentError && error.details.argument === 'B') {
        throw new InvalidArgumentError(argument, 'is too large: the calibrated tables leave ' +
          'the float32 range', error.details.received);
      }
      throw error;
    }
  }

  /**
   * Relearns the trees (the trained method's fit, output objective for the prepared B) on the
   * reservoir of observed rows, then recalibrates on them. Explicit, because it changes the
   * codes every later row gets.
   * @throws NotFittedError before prepare or before any row was observed
   */
  relearnTrees(): this {
    const f = this.fitted();
    if (this.B === null || this.M === null) {
      throw new NotFittedError('relearnTrees needs B: call prepare(B) first');
    }
    const n = f.reservoir.length / f.D;
    if (n === 0) {
      throw new NotFittedError('relearnTrees needs observed rows (reservoirRows > 0): ' +
        'call observe(rows) first');
    }
    const sample = { rows: n, cols: f.D, data: f.reservoir };
    const B = { rows: f.D, cols: this.M, data: this.B };
    this.atomically('observed rows', () => {
      const trained = MaddnessModel.fit(sample, { codebooks: f.C, b: B,
        lambda: this.params.lambda as number, seed: this.params.seed as number }).snapshot();
      f.encoder = trained.encoder;
      f.prior = trained.prototypes.slice();
      f.GtG = new Float64Array(f.GtG.length);
      f.GtA = new Float64Array(f.GtA.length);
      f.GtSq = new Float64Array(f.GtSq.length);
      f.rows = 0;
      this.accumulate(sample);
      this.recompute();
    });
    return this;
  }

  private accumulate(rows: Matrix): void {
    const f = this.fitted();
    const codes = encodeToCodes(rows, f.encoder);
    codeGram(codes, rows.rows, f.C, f.GtG);
    codeSums(rows, codes, f.C, f.GtA);
    accumulateSquares(rows, codes, f.starts, f.GtSq);
    f.rows += rows.rows;
  }

  /** Reservoir sampling (Algorithm R), seeded by the seed and the rows offered so far. */
  private keepSample(rows: Matrix): void {
    const f = this.fitted();
    const R = this.params.reservoirRows as number;
    const { D } = f;
    const rng = new Rng((this.params.seed as number) ^ f.offered);
    const kept = f.reservoir.length / D;
    const grown = new Float32Array(Math.min(R, kept + rows.rows) * D);
    grown.set(f.reservoir);
    let size = kept;
    for (let i = 0; i < rows.rows; i++, f.offered++) {
      const slot = size < R ? size++ : rng.int(f.offered + 1);
      if (slot < R) grown.set(rows.data.subarray(i * D, (i + 1) * D), slot * D);
    }
    f.reservoir = grown;
  }

  private recompute(): void {
    const f = this.fitted();
    const { C, D, starts, GtG, GtA } = f;
    const n = C * K;
    const kappas = Array.from({ length: C }, (_, c) => this.params.shrinkage === 'fixed'
      ? this.params.priorRows as number : priorWeight(c, starts, D, GtG, GtA, f.GtSq, f.prior));
    const P0 = new Float64Array(n * D);
    for (let u = 0; u < n; u++) {
      const c = Math.floor(u / K);
      const kappa = kappas[c];
      const count = GtG[u * n + u];
      // A leaf no row reached (and κ = 0) keeps its prior instead of dividing by zero.
      const w = kappa + count;
      for (let j = starts[c]; j < starts[c + 1]; j++) {
        const prior = f.prior[u * D + j];
        P0[u * D + j] = w > 0 ? (kappa * prior + GtA[u * D + j]) / w : prior;
      }
    }
    // The dense refit has 16·C unknowns per output dim; below a few hundred rows per codebook
    // it fits noise (measured on the image-filter task), so it waits for 256·C rows.
    const ridgeRows = (this.params.ridgeRows as number) || 256 * C;
    const P = f.rows >= ridgeRows
      ? ridgeFromStats(GtG, GtA, P0, starts, D, Math.max(this.params.lambda as number, 1e-9))
      : P0;
    f.prototypes = Float32Array.from(P);
    this.rebuildTables();
  }

  private rebuildTables(): void {
    const f = this.fitted();
    if (this.B === null) return;
    const M = this.B.length / f.D;
    this.luts = buildLuts(f.prototypes, f.C, f.encoder.Cs, this.B, f.D, M);
  }

  protected override stateArrays(): Record<string, StateArray> {
    const f = this.fitted();
    const e = f.encoder;
    const out: Record<string, StateArray> = { dims: e.dims, offsets: e.offsets,
      scales: e.scales, thresholds: e.thresholds, prior: f.prior, prototypes: f.prototypes,
      GtG: f.GtG, GtA: f.GtA, GtSq: f.GtSq, counts: Float64Array.of(f.rows, f.offered),
      reservoir: f.reservoir };
    if (this.B !== null) out.B = this.B;
    return out;
  }

  /** @internal */
  static fromState(state: MethodState, source: string): DataFreeMaddness {
    const method = new DataFreeMaddness(state.params);
    const r = restoreEncoder(state, source);
    method.fit_ = { D: state.D, C: r.C, starts: r.starts, encoder: r.encoder, prior: r.prior,
      prototypes: r.prototypes, GtG: r.GtG, GtA: r.GtA,
      GtSq: r.GtSq, rows: r.rows, reservoir: r.reservoir,
      offered: r.offered };
    method.B = r.B;
    method.rebuildTables();
    return method.markRestored(state.D, state.nTrain, state.M);
  }

  private fitted(): Fitted {
    if (this.fit_ === null) {
      throw new NotFittedError('maddness-data-free needs fit(A, B) or DataFreeMaddness.fromB');
    }
    return this.fit_;
  }
}

function assumedFrom(D: number, mean: ArrayLike<number> | undefined,
  variance: ArrayLike<number> | undefined): AssumedInputs {
  const m = new Float64Array(D);
  const sd = new Float64Array(D).fill(1);
  if (mean !== undefined) {
    if (mean === null || typeof mean !== 'object' || mean.length !== D) {
      throw new InvalidArgumentError('mean', `must hold D = ${D} numbers`,
        mean === null ? null : (mean as ArrayLike<number>).length ?? typeof mean);
    }
    for (let j = 0; j < D; j++) {
      if (!Number.isFinite(mean[j])) {
        throw new InvalidArgumentError(`mean[${j}]`, 'must be finite', mean[j]);
      }
      m[j] = mean[j];
    }
  }
  if (variance !== undefined) {
    if (variance === null || typeof variance !== 'object' || variance.length !== D) {
      throw new InvalidArgumentError('variance', `must hold D = ${D} numbers`,
        variance === null ? null : (variance as ArrayLike<number>).length ?? typeof variance);
    }
    for (let j = 0; j < D; j++) {
      if (!Number.isFinite(variance[j]) || variance[j] < 0) {
        throw new InvalidArgumentError(`variance[${j}]`, 'must be finite and ≥ 0', variance[j]);
      }
      sd[j] = Math.sqrt(variance[j]);
    }
  }
  // Thresholds and prototypes lie within a few SDs of the mean and must be float32 values.
  for (let j = 0; j < D; j++) {
    if (Math.abs(m[j]) + 8 * sd[j] > FLOAT32_MAX) {
      const which = Math.abs(m[j]) > FLOAT32_MAX / 2 ? 'mean' : 'variance';
      throw new InvalidArgumentError(`${which}[${j}]`, 'must keep the mean ± 8 SDs within ' +
        'the float32 range', which === 'mean' ? m[j] : sd[j] * sd[j]);
    }
  }
  return { mean: m, sd };
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Per-dim mean and standard deviation of the rows, in float64. */
function statisticsOf(A: Matrix): AssumedInputs {
  const { rows: N, cols: D, data } = A;
  const mean = new Float64Array(D);
  const sd = new Float64Array(D);
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) mean[j] += data[i * D + j];
  for (let j = 0; j < D; j++) mean[j] /= N;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < D; j++) sd[j] += (data[i * D + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < D; j++) sd[j] = Math.sqrt(sd[j] / N);
  return { mean, sd };
}

export const dataFreeSpec: MethodSpec = {
  name: 'maddness-data-free',
  summary: 'MADDNESS fitted from B alone (assumed input distribution), calibrated by observe()',
  params: PARAMS,
  randomized: false,
  budget: 'codebooks',
  grid: (D) => [2, 4, 8, 16, 32, 64].filter((C) => C <= D).map((codebooks) => ({ codebooks })),
  create: (params) => new DataFreeMaddness(resolveParams('maddness-data-free', PARAMS, params)),
  restore: (state, source) => DataFreeMaddness.fromState(state, source),
};
