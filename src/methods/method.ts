/**
 * The one interface every matrix-multiplication method implements, exact or approximate:
 * fit on a training sample of A (and B where the method uses it), prepare for B (all work that
 * depends on B alone, which the benchmarks never count as query time), multiply new rows of A,
 * and report what a query costs. The base class does every check, so that bad input gives the
 * same typed errors whatever the method.
 * @module
 */
import { InvalidArgumentError, NotFittedError, ShapeMismatchError } from '../core/errors.js';
import { checkFinite, checkMatrix, largestMagnitude, type Matrix } from '../core/matrix.js';
import type { ParamSpec, Params } from './params.js';

/** What one query row of A costs (the product with a prepared B of M columns). */
export interface Cost {
  /** Multiplies (or multiply-adds) per row: encoding and product together. */
  readonly multiplies: number;
  /** Table lookups per row. */
  readonly lookups: number;
  /** Bytes of one row of A once encoded: codes, sketch or quantized values. */
  readonly encodedBytes: number;
}

/** A typed array a saved state may hold. */
export type StateArray =
  | Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

/** What a method's model file stores; each method documents the layout of its arrays. */
export interface MethodState {
  readonly method: string;
  readonly params: Params;
  readonly D: number;
  /** Columns of the prepared B, or null when none is prepared. */
  readonly M: number | null;
  readonly nTrain: number;
  readonly arrays: Readonly<Record<string, StateArray>>;
}

/**
 * A method instance. Subclasses implement the four protected steps; the public methods check
 * arguments and order (fit, then prepare, then multiply) and keep the shapes.
 *
 * Rows of A that hold NaN or ±Infinity at query time give rows of NaN outputs in every method.
 */
export abstract class MatmulMethod {
  /** Registry name. */
  abstract readonly name: string;
  /** Whether `fit` needs B (the method learns from the product, not from A alone). */
  protected readonly needsBAtFit: boolean = false;
  /** The resolved hyperparameters. */
  readonly params: Params;
  #shape: { D: number; nTrain: number } | null = null;
  #columns: number | null = null;

  protected constructor(params: Params) {
    this.params = params;
  }

  /**
   * Learns from training rows of A (and B, which some methods use: see `usesB`).
   * @param A (N, D) with N ≥ 1, all finite
   * @param B (D, M), all finite; required by methods with `usesB`
   * @throws InvalidArgumentError, NonFiniteError, ShapeMismatchError
   */
  fit(A: Matrix, B?: Matrix): this {
    checkMatrix('A', A);
    if (A.rows === 0) throw new InvalidArgumentError('A', 'must have at least 1 row to fit', 0);
    if (A.cols === 0) throw new InvalidArgumentError('A', 'must have at least 1 column', 0);
    checkFinite('A', A);
    if (B === undefined && this.needsBAtFit) {
      throw new InvalidArgumentError('B', `is needed at fit time by ${this.name}`, undefined);
    }
    if (B !== undefined) checkB('fit', B, A.cols);
    this.fitRows(A, B);
    this.#shape = { D: A.cols, nTrain: A.rows };
    this.#columns = null;
    if (!this.stateFinite()) {
      // Finite rows so large that the fitted state overflows float32 (a rotation, a mean, a
      // product): refuse them here rather than save a model that cannot be loaded. The
      // method's internals have been replaced by then, so it is left unfitted.
      this.#shape = null;
      throw new InvalidArgumentError('A', 'is too large: what the method learns from it ' +
        'leaves the float32 range', largestMagnitude(A.data));
    }
    return this;
  }

  /**
   * Does all work that depends on B alone (tables, B's projection); replaces any earlier B.
   * @param B (D, M) with M ≥ 1, all finite
   * @throws NotFittedError before fit; ShapeMismatchError when B.rows ≠ D
   */
  prepare(B: Matrix): this {
    const { D } = this.#fitted('prepare');
    checkB('prepare', B, D);
    this.prepareB(B);
    this.#columns = B.cols;
    if (!this.stateFinite()) {
      // The prepared state has been replaced: the method is left fitted but unprepared.
      this.#columns = null;
      throw new InvalidArgumentError('B', 'is too large for this fitted method: their ' +
        'products leave the float32 range (B or the training rows are too large)',
        largestMagnitude(B.data));
    }
    return this;
  }

  /**
   * Y ≈ A · B for the prepared B.
   * @param A (N, D), N ≥ 0
   * @returns (N, M) f32 row-major
   * @throws NotFittedError before fit and prepare; ShapeMismatchError when A.cols ≠ D
   */
  multiply(A: Matrix): Matrix {
    const { D } = this.#fitted('multiply');
    if (this.#columns === null) throw new NotFittedError('multiply needs B: call prepare(B) first');
    checkMatrix('A', A);
    if (A.cols !== D) {
      throw new ShapeMismatchError('multiply', `A with D = ${D} columns`, `${A.rows}×${A.cols}`);
    }
    return this.multiplyRows(A);
  }

  /** What one query row costs with the prepared B. @throws NotFittedError before prepare */
  cost(): Cost {
    const { D } = this.#fitted('cost');
    if (this.#columns === null) throw new NotFittedError('cost needs B: call prepare(B) first');
    return this.costPerRow(D, this.#columns);
  }

  /** D of the training rows; null before fit. */
  get D(): number | null {
    return this.#shape?.D ?? null;
  }

  /** Training rows fit saw; null before fit. */
  get nTrain(): number | null {
    return this.#shape?.nTrain ?? null;
  }

  /** Columns of the prepared B; null before prepare. */
  get M(): number | null {
    return this.#columns;
  }

  /** Whether fit needs B. */
  get usesB(): boolean {
    return this.needsBAtFit;
  }

  /** Whether `state` can save this method (and the registry can restore it). */
  get saveable(): boolean {
    return false;
  }

  /**
   * The fitted method as named arrays, for the model file.
   * @throws NotFittedError before fit; UnsupportedError for methods that cannot be saved
   */
  state(): MethodState {
    const { D, nTrain } = this.#fitted('state');
    // Copies: a caller that edits the state must not reach the model's own arrays.
    const arrays: Record<string, StateArray> = {};
    for (const [name, a] of Object.entries(this.stateArrays())) arrays[name] = a.slice();
    return { method: this.name, params: this.params, D, M: this.#columns, nTrain, arrays };
  }

  /** @internal The names of the arrays `state` holds (for the model file's checks). */
  savedArrayNames(): string[] {
    this.#fitted('state');
    return Object.keys(this.stateArrays());
  }

  /** Whether every float the saved state would hold is finite (true for unsaveable ones). */
  private stateFinite(): boolean {
    if (!this.saveable) return true;
    let arrays: Record<string, StateArray>;
    try {
      arrays = this.stateArrays();
    } catch {
      // Methods with their own file layout (MADDNESS) check their values themselves.
      return true;
    }
    for (const a of Object.values(arrays)) {
      if (!(a instanceof Float32Array || a instanceof Float64Array)) continue;
      for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
    }
    return true;
  }

  /** @internal For `restore`: marks a rebuilt method as fitted (and prepared when M ≠ null). */
  markRestored(D: number, nTrain: number, M: number | null): this {
    this.#shape = { D, nTrain };
    this.#columns = M;
    return this;
  }

  protected abstract fitRows(A: Matrix, B: Matrix | undefined): void;
  protected abstract prepareB(B: Matrix): void;
  protected abstract multiplyRows(A: Matrix): Matrix;
  protected abstract costPerRow(D: number, M: number): Cost;

  /** The arrays `state` stores; methods that can be saved override it with `saveable`. */
  protected stateArrays(): Record<string, StateArray> {
    throw new InvalidArgumentError('method', 'must be one that can be saved', this.name);
  }

  #fitted(step: string): { D: number; nTrain: number } {
    if (this.#shape === null) {
      throw new NotFittedError(`${step} needs a fitted ${this.name}: call fit first`);
    }
    return this.#shape;
  }
}

function checkB(step: string, B: Matrix, D: number): void {
  checkMatrix('B', B);
  if (B.rows !== D) {
    throw new ShapeMismatchError(step, `B with D = ${D} rows`, `${B.rows}×${B.cols}`);
  }
  if (B.cols === 0) throw new InvalidArgumentError('B', 'must have at least 1 column', 0);
  checkFinite('B', B);
}

/** A method as the registry knows it. */
export interface MethodSpec {
  readonly name: string;
  /** One line for `maddness methods` and the docs. */
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  /** True when results depend on the `seed` parameter (benchmarks average over seeds). */
  readonly randomized: boolean;
  /** The parameter that sets the budget (codebooks, sketch size), if any. */
  readonly budget: string | null;
  /**
   * The paper's hyperparameter grid for shapes (D, M), in increasing budget for each setting
   * of the other parameters. Only settings that make sense for the shapes are listed.
   */
  grid(D: number, M: number): Params[];
  /** A new, unfitted instance. @throws InvalidArgumentError for a bad parameter */
  create(params?: Readonly<Record<string, unknown>>): MatmulMethod;
  /**
   * Rebuilds a saved method, checking every array's length and values.
   * Absent for methods that cannot be saved.
   * @throws BadModelFileError naming the first problem
   */
  restore?(state: MethodState, source: string): MatmulMethod;
}
