/**
 * Entry points of the sparse sketch kernels (assembly/sparse-rows.ts, assembly/fwht.ts) and
 * their scalar twins (src/kernels/scalar/sparse-rows.ts): rows of A times a fixed sparse
 * matrix, plain or after FastJL's signs and Hadamard transform.
 * @module
 */
import type { Matrix } from '../core/matrix.js';
import { getBackend, type Backend } from './index.js';
import { fastJlF32, sparseRowsF32 } from './scalar/sparse-rows.js';
import { Arena, kernels, type KernelExports } from './wasm/loader.js';

/** A fixed (rows, cols) sparse matrix in compressed sparse rows, as the kernels read it. */
export interface SparseRows {
  readonly rows: number;
  readonly cols: number;
  /** (rows + 1) i32: row k holds nonzeros indptr[k] .. indptr[k + 1) − 1. */
  readonly indptr: Int32Array;
  /** (nnz) i32: each nonzero's column, in [0, cols). */
  readonly index: Int32Array;
  /** (nnz) f32: each nonzero's value. */
  readonly values: Float32Array;
}

/** What the sketch kernels return. */
export interface SketchedRows {
  /** (N, d) f32 row-major. */
  readonly out: Float32Array;
  /** (N) u8: 1 for each row of A holding NaN or ±Infinity, else 0. */
  readonly nonFinite: Uint8Array;
}

/**
 * Bytes of A per kernel call: a chunk is copied in while the previous one's output is copied
 * out, small enough to stay in L2 between the copy and the kernel (as in ./index.ts).
 */
const CHUNK_BYTES = 256 * 1024;

/** A Sᵀ: (N, S.rows) f32 row-major, for A (N, D) and S (d, D). */
export function sparseRows(A: Matrix, S: SparseRows, backend: Backend = getBackend()):
  SketchedRows {
  const { rows: N, cols: D } = A;
  const out = new Float32Array(N * S.rows);
  if (backend === 'scalar' || N === 0) {
    sparseRowsF32(A.data, N, D, S.indptr, S.index, S.values, S.rows, out);
    return { out, nonFinite: nonFiniteRows(A) };
  }
  return runChunks(A, S, D, out, (k, p) => k.sparseRows_f32(p.a, p.rows, D, p.indptr, p.index,
    p.values, S.rows, p.x, p.out, p.flags), 0);
}

/**
 * P H Σ a for every row a of A (N, D), zero-padded to D' = P.cols (a power of two ≥ D):
 * (N, P.rows) f32 row-major. H is unnormalized; signs (D) i8 are ±1.
 */
export function fastJlRows(A: Matrix, signs: Int8Array, P: SparseRows,
  backend: Backend = getBackend()): SketchedRows {
  const { rows: N, cols: D } = A;
  const Dp = P.cols;
  const out = new Float32Array(N * P.rows);
  if (backend === 'scalar' || N === 0) {
    fastJlF32(A.data, N, D, Dp, signs, P.indptr, P.index, P.values, P.rows, out);
    return { out, nonFinite: nonFiniteRows(A) };
  }
  return runChunks(A, P, Dp, out, (k, p) => k.fastJl_f32(p.a, p.rows, D, Dp, p.masks,
    p.indptr, p.index, p.values, P.rows, p.x, p.out, p.flags), Dp, signs);
}

/** (N) u8: 1 for each row of A holding NaN or ±Infinity (what the kernels report). */
function nonFiniteRows(A: Matrix): Uint8Array {
  const { rows: N, cols: D, data } = A;
  const flags = new Uint8Array(N);
  for (let n = 0; n < N; n++) {
    for (let j = n * D; j < (n + 1) * D; j++) {
      if (!Number.isFinite(data[j])) {
        flags[n] = 1;
        break;
      }
    }
  }
  return flags;
}

/** Byte offsets of one call's buffers in kernel memory. */
interface Placement {
  /** (chunk rows, D) f32: the rows of A of this call; `rows` of them are valid. */
  a: number;
  rows: number;
  /** (Dp) u32 sign masks (0 when unused); S's indptr, index and values as given. */
  masks: number;
  indptr: number;
  index: number;
  values: number;
  /** (Dp, 4) f32 scratch: four interleaved rows. */
  x: number;
  /** (chunk rows, d) f32, and (chunk rows) u8 non-finite flags. */
  out: number;
  flags: number;
}

function runChunks(A: Matrix, S: SparseRows, width: number, out: Float32Array,
  call: (k: KernelExports, p: Placement) => void, masksLength: number,
  signs?: Int8Array): SketchedRows {
  const { rows: N, cols: D } = A;
  const d = S.rows;
  const nnz = S.indptr[d];
  const k = kernels();
  const arena = new Arena(k);
  const chunkRows = Math.min(4 * Math.ceil(N / 4),
    Math.max(4, 4 * Math.floor(CHUNK_BYTES / (16 * Math.max(1, D)))));
  const p: Placement = {
    a: arena.alloc(4 * chunkRows * D), rows: 0,
    masks: masksLength > 0 ? arena.alloc(4 * masksLength) : 0,
    indptr: arena.alloc(4 * (d + 1)), index: arena.alloc(4 * nnz), values: arena.alloc(4 * nnz),
    x: arena.alloc(16 * Math.max(1, width)), out: arena.alloc(4 * chunkRows * d),
    flags: arena.alloc(chunkRows),
  };
  const nonFinite = new Uint8Array(N);
  if (signs !== undefined) {
    const masks = arena.i32(p.masks, masksLength);
    masks.fill(0);
    for (let i = 0; i < signs.length; i++) if (signs[i] < 0) masks[i] = 0x80000000 | 0;
  }
  arena.i32(p.indptr, d + 1).set(S.indptr);
  arena.i32(p.index, nnz).set(S.index.subarray(0, nnz));
  arena.f32(p.values, nnz).set(S.values.subarray(0, nnz));
  const chunkA = arena.f32(p.a, chunkRows * D);
  const chunkOut = arena.f32(p.out, chunkRows * d);
  const chunkFlags = arena.u8(p.flags, chunkRows);
  for (let r0 = 0; r0 < N; r0 += chunkRows) {
    p.rows = Math.min(N, r0 + chunkRows) - r0;
    chunkA.set(A.data.subarray(r0 * D, (r0 + p.rows) * D));
    call(k, p);
    out.set(chunkOut.subarray(0, p.rows * d), r0 * d);
    nonFinite.set(chunkFlags.subarray(0, p.rows), r0);
  }
  return { out, nonFinite };
}
