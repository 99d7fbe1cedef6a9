/**
 * The nearest-centroid kernel nearest_u8 against its scalar twin (bit for bit: codes and
 * flags), against the GEMM-based search that PQ, OPQ and Bolt used before it (the same codes),
 * and against a float64 brute force on points with clear nearest centroids.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Matrix } from '../../src/core/matrix.js';
import { Rng } from '../../src/core/rng.js';
import { nearestCodes, nearestTables, type NearestTables } from '../../src/kernels/vq.js';
import { blockStarts } from '../../src/methods/maddness/subspaces.js';
import { columnBlock } from '../../src/methods/vq/codebooks.js';
import { nearestInto, searchTables } from '../../src/methods/vq/nearest.js';
import { gaussian } from '../helpers/random.js';

/** Random centroids (K · D) f32 in BlockCodebooks' layout, and their tables. */
function randomTables(D: number, C: number, K: number, seed: number): NearestTables {
  return nearestTables(gaussian(K, D, seed).data, blockStarts(D, C), K);
}

/** Codes by the search before this kernel: a GEMM per block, the argmin in TypeScript. */
function gemmCodes(A: Matrix, centroids: Float32Array, starts: Int32Array, K: number):
  Uint8Array {
  const C = starts.length - 1;
  const codes = new Uint8Array(A.rows * C);
  for (let c = 0; c < C; c++) {
    const Dc = starts[c + 1] - starts[c];
    const block = centroids.subarray(K * starts[c], K * starts[c + 1]);
    const X = columnBlock(A, starts[c], starts[c + 1], 0, A.rows);
    nearestInto(X, A.rows, searchTables(block, K, Dc), codes, C, c);
  }
  return codes;
}

function assertSameBytes(a: Uint8Array, b: Uint8Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) assert.fail(`${what}: index ${i}: ${a[i]} vs ${b[i]}`);
  }
}

// D not a multiple of C, blocks of 1 to 3 dims, one wide block.
const shapes: [number, number][] = [[7, 3], [37, 16], [50, 16], [64, 1], [16, 16]];

describe('nearest_u8 equals its scalar twin and the GEMM search', () => {
  for (const K of [16, 256]) {
    for (const [D, C] of shapes) {
      for (const N of [0, 1, 15, 16, 17, 500]) {
        it(`K = ${K}, D = ${D}, C = ${C}, N = ${N}`, () => {
          const seed = K + D * 3 + C * 7 + N;
          const centroids = gaussian(K, D, seed).data;
          const t = nearestTables(centroids, blockStarts(D, C), K);
          const A = gaussian(N, D, seed + 1);
          const wasm = nearestCodes(A, t, 'wasm');
          const scalar = nearestCodes(A, t, 'scalar');
          assertSameBytes(wasm.codes, scalar.codes, 'codes');
          assertSameBytes(wasm.flags, scalar.flags, 'flags');
          assert.ok(wasm.flags.every((f) => f === 0), 'finite rows are not flagged');
          assertSameBytes(wasm.codes, gemmCodes(A, centroids, t.starts, K), 'vs GEMM search');
        });
      }
    }
  }

  it('finds the clearly nearest centroid (float64 brute force)', () => {
    const D = 20;
    const C = 3;
    const K = 256;
    const t = randomTables(D, C, K, 5);
    // Each row is a centroid plus a little noise, per codebook, so its nearest is unambiguous.
    const rng = new Rng(6);
    const N = 300;
    const want = new Uint8Array(N * C);
    const A = new Float32Array(N * D);
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        const k = rng.int(K);
        want[n * C + c] = k;
        const s = t.starts[c];
        const Dc = t.starts[c + 1] - s;
        for (let j = 0; j < Dc; j++) {
          const v = t.ct[K * s + (k >> 4) * Dc * 16 + j * 16 + (k & 15)];
          A[n * D + s + j] = v + 1e-3 * rng.normal();
        }
      }
    }
    for (const backend of ['wasm', 'scalar'] as const) {
      const { codes } = nearestCodes({ rows: N, cols: D, data: A }, t, backend);
      assertSameBytes(codes, want, backend);
    }
  });

  it('breaks exact ties to the lowest k, across lanes and groups of 16', () => {
    const D = 6;
    const K = 256;
    const base = gaussian(K, D, 8).data;
    // Centroid 200 repeats 77, which repeats 2; 2 is the nearest of all three to the rows.
    for (const k of [77, 200]) base.set(base.subarray(2 * D, 3 * D), k * D);
    const A = new Float32Array(40 * D);
    for (let n = 0; n < 40; n++) A.set(base.subarray(2 * D, 3 * D), n * D);
    const t = nearestTables(base, blockStarts(D, 1), K);
    for (const backend of ['wasm', 'scalar'] as const) {
      const { codes } = nearestCodes({ rows: 40, cols: D, data: A }, t, backend);
      assert.ok(codes.every((c) => c === 2), `${backend}: first of the tied centroids`);
    }
    // All centroids equal: every distance ties, code 0; likewise for x = 0.
    const same = new Float32Array(K * D).fill(0.5);
    const tSame = nearestTables(same, blockStarts(D, 2), K);
    const rows = gaussian(17, D, 9);
    const zero = { rows: 17, cols: D, data: new Float32Array(17 * D) };
    const tZero = randomTables(D, 2, 16, 10);
    for (const backend of ['wasm', 'scalar'] as const) {
      assert.ok(nearestCodes(rows, tSame, backend).codes.every((c) => c === 0), backend);
      const z = nearestCodes(zero, tZero, backend).codes;
      assertSameBytes(z, nearestCodes(zero, tZero, 'scalar').codes, `${backend} x = 0`);
    }
  });

  it('flags rows with NaN or ±Infinity; their codes agree too', () => {
    const D = 37;
    for (const K of [16, 256]) {
      const centroids = gaussian(K, D, 11).data;
      const t = nearestTables(centroids, blockStarts(D, 5), K);
      const A = gaussian(40, D, 12);
      const bad = new Map([[0, NaN], [3, Infinity], [16, -Infinity], [39, NaN]]);
      for (const [n, v] of bad) A.data[n * D + ((n * 7) % D)] = v;
      A.data[20 * D + 36] = Infinity;
      bad.set(20, Infinity);
      const wasm = nearestCodes(A, t, 'wasm');
      const scalar = nearestCodes(A, t, 'scalar');
      for (let n = 0; n < 40; n++) assert.equal(wasm.flags[n], bad.has(n) ? 1 : 0, `row ${n}`);
      assertSameBytes(wasm.flags, scalar.flags, 'flags');
      assertSameBytes(wasm.codes, scalar.codes, 'codes');
      assertSameBytes(wasm.codes, gemmCodes(A, centroids, t.starts, K), 'vs GEMM search');
    }
  });
});
