/**
 * Run as a script (by test/kernels/relaxed.test.ts): turns on relaxed SIMD, loads the relaxed
 * build and compares its encoder and scans with the scalar twins, on random and on edge
 * inputs. Prints one JSON line: { build, cases, mismatches, first } (first: up to 3 edge
 * cases that differ).
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const { encodeRows, paddedCodebooks, paddedRows, scanCodes } = await import(
  '../../src/kernels/index.js');
const { kernelBuild, relaxedSimdSupported, selectKernelBuild } = await import(
  '../../src/kernels/wasm/loader.js');
const { Rng } = await import('../../src/core/rng.js');
const { bytes, gaussian } = await import('./random.js');
const { kernelEdgeCases } = await import('./kernel-edges.js');

if (relaxedSimdSupported()) selectKernelBuild('relaxed-simd');
let cases = 0;
let mismatches = 0;
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
for (const N of [0, 1, 17, 1000]) {
  for (const C of [1, 3, 16, 17, 64]) {
    const rng = new Rng(N * 100 + C);
    const Cs = paddedCodebooks(C);
    const D = Math.max(C, 24);
    const enc = {
      C, Cs, dims: Int32Array.from({ length: 4 * C }, () => rng.int(D)),
      offsets: Float32Array.from({ length: 4 * C }, () => Math.fround(rng.normal() * 0.1)),
      scales: new Float32Array(4 * C).fill(32),
      thresholds: Int8Array.from({ length: 64 * C }, () => rng.int(256) - 128),
    };
    const A = gaussian(N, D, N + C);
    cases++;
    const codesW = encodeRows(A, enc, 'wasm');
    if (!same(codesW.codes, encodeRows(A, enc, 'scalar').codes)) mismatches++;
    for (const M of [1, 3, 100]) {
      const luts = bytes(M * Cs * 16, 256, N + C + M);
      for (let m = 0; m < M; m++) luts.fill(0, (m * Cs + C) * 16, (m + 1) * Cs * 16);
      const lut = { M, Cs, luts, invScale: new Float32Array(M).fill(0.5),
        shiftAvg: new Float32Array(M).fill(1), shiftExact: new Float32Array(M).fill(2) };
      const codes = bytes(paddedRows(N) * (Cs >> 1), 256, M + C);
      for (const exact of [false, true]) {
        cases++;
        if (!same(scanCodes(codes, N, lut, exact, 'wasm'), scanCodes(codes, N, lut, exact,
          'scalar'))) mismatches++;
      }
    }
  }
}
// Non-finite and huge values, where relaxed truncation differs from the plain conversion.
const edges = kernelEdgeCases();
cases += edges.cases;
mismatches += edges.mismatches.length;
process.stdout.write(JSON.stringify({ build: kernelBuild(), cases, mismatches,
  first: edges.mismatches.slice(0, 3) }) + '\n');
