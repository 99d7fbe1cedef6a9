/**
 * Optimized product quantization (ALGORITHM.md section 6): PQ of A R for a learned orthogonal
 * R (D, D). Training alternates PQ on A R (k-means warm-started from the previous round) with
 * the orthogonal Procrustes update R = polar(Aᵀ Â), Â the reconstruction of A R; it starts
 * from R = I, so round 0 is plain PQ. Since A B = (A R)(Rᵀ B), prepare builds the PQ tables
 * from Rᵀ B, and a query pays the rotation A R (D · D multiplies per row) and then PQ.
 * @module
 */
import { assert, BadModelFileError } from '../../core/errors.js';
import { transpose, type Matrix } from '../../core/matrix.js';
import { gemm } from '../../kernels/index.js';
import { scanFloat } from '../../kernels/vq.js';
import { markRowsNonFinite } from '../nonfinite.js';
import { MatmulMethod, type Cost, type MethodSpec, type MethodState, type StateArray }
  from '../method.js';
import { resolveParams, type ParamSpec, type Params } from '../params.js';
import { checkStateArray } from '../state-check.js';
import { BlockCodebooks, checkCodebooks } from './codebooks.js';
import {
  codebookGrid, codebooksParam, ITERATIONS_PARAM, restoredParams, SEED_PARAM,
} from './params.js';
import { PQ_K } from './pq.js';
import { orthogonalityError, polarFactor } from './rotation.js';

const PARAMS: readonly ParamSpec[] = [
  codebooksParam(256), SEED_PARAM, ITERATIONS_PARAM,
  { name: 'rotations', kind: 'int', doc: 'Procrustes updates of the rotation, each followed ' +
    'by PQ training on the rotated rows', default: 4, min: 0, max: 100 },
];

/** A saved rotation may be off orthogonal by float32 rounding, not by more. */
const ORTHOGONALITY_TOLERANCE = 1e-4;

/** OPQ through the common interface. */
export class OpqMethod extends MatmulMethod {
  readonly name = 'opq';
  /** (D, D) f32 row-major: the rotation R, applied as A R. */
  private R: Float32Array | null = null;
  private books: BlockCodebooks | null = null;
  /** (C, K, M) f32: T[c][k][m], the PQ tables of Rᵀ B. */
  private T: Float32Array | null = null;

  constructor(params: Params) {
    super(params);
  }

  override get saveable(): boolean {
    return true;
  }

  /** The learned rotation (D, D) f32 row-major; null before fit. */
  get rotation(): Float32Array | null {
    return this.R;
  }

  /** The codebooks of the rotated rows; null before fit. */
  get codebooks(): BlockCodebooks | null {
    return this.books;
  }

  /** The prepared tables (C, K, M) f32 of Rᵀ B; null before prepare. */
  get tables(): Float32Array | null {
    return this.T;
  }

  /** Codes (N, C) u8 of the rotated rows A R: what multiply scans. */
  encode(A: Matrix): Uint8Array {
    return this.books_().encode(this.rotate(A));
  }

  private rotate(A: Matrix): Matrix {
    return { rows: A.rows, cols: A.cols, data: gemm(A.data, this.R as Float32Array, A.rows,
      A.cols, A.cols) };
  }

  protected fitRows(A: Matrix): void {
    const p = this.params;
    const C = p.codebooks as number;
    const D = A.cols;
    checkCodebooks(C, D);
    const train = (X: Matrix, warm?: BlockCodebooks): BlockCodebooks =>
      BlockCodebooks.train(X, C, PQ_K, p.seed as number, p.iterations as number, warm);
    let R = identity(D);
    let X = A;
    let books = train(X);
    const At = transpose(A).data;
    for (let t = 0; t < (p.rotations as number); t++) {
      const Xhat = books.reconstruct(books.encode(X), A.rows);
      // G = Aᵀ Â (D, D), by the float32 GEMM; the polar factor is then formed in float64.
      const G = Float64Array.from(gemm(At, Xhat.data, D, A.rows, D));
      R = Float32Array.from(polarFactor(G, D));
      X = { rows: A.rows, cols: D, data: gemm(A.data, R, A.rows, D, D) };
      books = train(X, books);
    }
    this.R = R;
    this.books = books;
    this.T = null;
  }

  protected prepareB(B: Matrix): void {
    const R = this.R as Float32Array;
    const D = B.rows;
    const Rt = transpose({ rows: D, cols: D, data: R }).data;
    const rotated = { rows: D, cols: B.cols, data: gemm(Rt, B.data, D, D, B.cols) };
    this.T = this.books_().tables(rotated);
  }

  protected multiplyRows(A: Matrix): Matrix {
    const books = this.books_();
    const M = this.M as number;
    const codes = this.encode(A);
    const data = scanFloat(codes, A.rows, books.C, PQ_K, this.T as Float32Array, M);
    // Flags from A itself: a finite row of A can overflow in A R, and its output stays finite.
    return markRowsNonFinite(A, { rows: A.rows, cols: M, data });
  }

  protected costPerRow(D: number, M: number): Cost {
    const C = this.params.codebooks as number;
    // The rotation A R, then the distances to all K centroids of each block.
    return { multiplies: D * D + D * PQ_K, lookups: C * M, encodedBytes: C };
  }

  protected override stateArrays(): Record<string, StateArray> {
    const books = this.books_();
    const arrays: Record<string, StateArray> = { rotation: this.R as Float32Array,
      centroids: books.centroids };
    if (this.T !== null) arrays.tables = this.T;
    return arrays;
  }

  /** @internal */
  static fromState(state: MethodState, source: string): OpqMethod {
    const params = restoredParams(state, PARAMS, source);
    const { D, M } = state;
    const C = params.codebooks as number;
    const method = new OpqMethod(params);
    const R = checkStateArray(state, 'rotation', Float32Array, D * D, source).slice();
    if (!(orthogonalityError(R, D) <= ORTHOGONALITY_TOLERANCE)) {
      throw new BadModelFileError(source, 'array rotation is not orthogonal');
    }
    const centroids = checkStateArray(state, 'centroids', Float32Array, PQ_K * D, source);
    method.R = R;
    method.books = new BlockCodebooks(D, C, PQ_K, centroids.slice());
    if (M !== null) {
      method.T = checkStateArray(state, 'tables', Float32Array, C * PQ_K * M, source).slice();
    }
    return method.markRestored(D, state.nTrain, M);
  }

  private books_(): BlockCodebooks {
    assert(this.books !== null, 'the base class checks fit before prepare and multiply');
    return this.books;
  }
}

function identity(D: number): Float32Array {
  const R = new Float32Array(D * D);
  for (let i = 0; i < D; i++) R[i * D + i] = 1;
  return R;
}

export const opqSpec: MethodSpec = {
  name: 'opq',
  summary: 'optimized PQ: PQ after a learned rotation (orthogonal Procrustes iterations)',
  params: PARAMS,
  randomized: true,
  budget: 'codebooks',
  grid: (D) => codebookGrid(D),
  create: (params) => new OpqMethod(resolveParams('opq', PARAMS, params)),
  restore: (state, source) => OpqMethod.fromState(state, source),
};
