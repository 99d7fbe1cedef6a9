/**
 * Every WebAssembly kernel against its scalar TypeScript twin. The integer paths (codes, table
 * sums) must agree exactly; the float paths are written to round identically (no fused
 * multiply-add, the same operation order), so they are held to bit equality too, which is
 * stricter than any tolerance.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  encodeColumns, encodeRows, gatherColumns, gemm, paddedCodebooks, paddedRows, scanCodes,
  type EncoderTables, type LutTables,
} from '../../src/kernels/index.js';
import { Rng } from '../../src/core/rng.js';
import { bytes, gaussian } from '../helpers/random.js';

const Ns = [0, 1, 15, 16, 17, 33, 1000];
const Cs = [1, 2, 3, 16, 17, 64];
const Ms = [1, 3, 100];

function randomEncoder(C: number, D: number, seed: number): EncoderTables {
  const rng = new Rng(seed);
  const dims = new Int32Array(4 * C);
  const offsets = new Float32Array(4 * C);
  const scales = new Float32Array(4 * C);
  const thresholds = new Int8Array(64 * C);
  for (let q = 0; q < 4 * C; q++) {
    dims[q] = rng.int(D);
    offsets[q] = Math.fround(rng.normal() * 0.1);
    scales[q] = 2 ** (4 + rng.int(3));
    for (let b = 0; b < 16; b++) thresholds[q * 16 + b] = rng.int(256) - 128;
  }
  return { C, Cs: paddedCodebooks(C), dims, offsets, scales, thresholds };
}

function randomLuts(C: number, M: number, seed: number): LutTables {
  const Cs = paddedCodebooks(C);
  const luts = bytes(M * Cs * 16, 256, seed);
  // Padding tables are zero in real models; keep them so here as well.
  for (let m = 0; m < M; m++) luts.fill(0, (m * Cs + C) * 16, (m + 1) * Cs * 16);
  const rng = new Rng(seed + 1);
  const invScale = Float32Array.from({ length: M }, () => Math.fround(0.01 + rng.uniform()));
  const shiftAvg = Float32Array.from({ length: M }, () => Math.fround(rng.normal()));
  const shiftExact = Float32Array.from({ length: M }, () => Math.fround(rng.normal()));
  return { M, Cs, luts, invScale, shiftAvg, shiftExact };
}

function assertSame(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${what}: index ${i}: wasm ${a[i]} vs scalar ${b[i]}`);
  }
}

describe('gemm_f32 equals its scalar twin bit for bit', () => {
  for (const N of [0, 1, 3, 4, 5, 17, 33]) {
    for (const [D, M] of [[1, 1], [7, 3], [16, 8], [19, 9], [64, 100]]) {
      it(`N = ${N}, D = ${D}, M = ${M}`, () => {
        const a = gaussian(N, D, N * 7 + D).data;
        const b = gaussian(D, M, M * 11 + D).data;
        assertSame(gemm(a, b, N, D, M, 'wasm'), gemm(a, b, N, D, M, 'scalar'), 'gemm');
      });
    }
  }
});

describe('gemm_f32 in row chunks equals its scalar twin bit for bit', () => {
  // D = 512 makes the host split A into chunks of 128 rows; 1000 rows leave a ragged chunk.
  it('N = 1000, D = 512, M = 13', () => {
    const a = gaussian(1000, 512, 1).data;
    const b = gaussian(512, 13, 2).data;
    assertSame(gemm(a, b, 1000, 512, 13, 'wasm'), gemm(a, b, 1000, 512, 13, 'scalar'), 'gemm');
  });
});

describe('encode_u4 equals its scalar twin exactly', () => {
  for (const N of Ns) {
    for (const C of Cs) {
      it(`N = ${N}, C = ${C}`, () => {
        const D = Math.max(C, 20);
        const A = gaussian(N, D, 100 + N + C);
        const enc = randomEncoder(C, D, N * 31 + C);
        const wasm = encodeRows(A, enc, 'wasm');
        const scalar = encodeRows(A, enc, 'scalar');
        assert.equal(wasm.codes.length, paddedRows(N) * (enc.Cs >> 1));
        assertSame(wasm.codes, scalar.codes, 'codes');
        assertSame(wasm.flags, scalar.flags, 'flags');
      });

      it(`N = ${N}, C = ${C}, from the gathered columns (column-major input)`, () => {
        const D = Math.max(C, 20);
        const A = gaussian(N, D, 200 + N + C);
        const enc = randomEncoder(C, D, N * 37 + C);
        const Npad = paddedRows(N);
        const cols = new Float32Array(4 * C * Npad);
        gatherColumns(A, enc.dims, Npad, cols);
        const wasm = encodeColumns(cols, Npad, enc, 'wasm');
        const scalar = encodeColumns(cols, Npad, enc, 'scalar');
        assertSame(wasm.codes, scalar.codes, 'codes');
        assertSame(wasm.flags, scalar.flags, 'flags');
        assertSame(wasm.codes, encodeRows(A, enc, 'wasm').codes, 'row-major and column input');
      });
    }
  }

  // D = 512 makes the row-major path copy A in chunks of 128 rows: these cross chunk borders.
  for (const [N, C] of [[127, 16], [129, 17], [1000, 16], [2049, 64]]) {
    it(`N = ${N}, D = 512, C = ${C}: rows copied in several chunks`, () => {
      const A = gaussian(N, 512, N + C);
      const enc = randomEncoder(C, 512, N + 3 * C);
      A.data[(N - 1) * 512 + enc.dims[2]] = NaN;
      const wasm = encodeRows(A, enc, 'wasm');
      const scalar = encodeRows(A, enc, 'scalar');
      assertSame(wasm.codes, scalar.codes, 'codes');
      assertSame(wasm.flags, scalar.flags, 'flags');
      assert.equal(wasm.flags[N - 1], 1);
    });
  }

  it('quantizes NaN, ±Infinity and out-of-range values the same way', () => {
    const A = gaussian(40, 8, 5);
    const special = [NaN, Infinity, -Infinity, 1e30, -1e30, 0, -0];
    for (let i = 0; i < A.data.length; i += 3) A.data[i] = special[i % special.length];
    const enc = randomEncoder(5, 8, 9);
    const wasm = encodeRows(A, enc, 'wasm');
    assertSame(wasm.codes, encodeRows(A, enc, 'scalar').codes, 'codes');
    assertSame(wasm.flags, encodeRows(A, enc, 'scalar').flags, 'flags');
    assert.ok(wasm.flags.some((f) => f === 1), 'some row is flagged');
  });
});

describe('the scans equal their scalar twins exactly', () => {
  for (const exact of [false, true]) {
    for (const N of Ns) {
      for (const C of Cs) {
        for (const M of Ms) {
          it(`${exact ? 'exact' : 'averaging'} scan, N = ${N}, C = ${C}, M = ${M}`, () => {
            const Cp = paddedCodebooks(C);
            const codes = bytes(paddedRows(N) * (Cp >> 1), 256, N + 13 * C + M);
            const lut = randomLuts(C, M, 7 * N + C + M);
            const wasm = scanCodes(codes, N, lut, exact, 'wasm');
            assert.equal(wasm.length, N * M);
            assertSame(wasm, scanCodes(codes, N, lut, exact, 'scalar'), 'outputs');
          });
        }
      }
    }
  }
});
