/**
 * Edge inputs of the encoder and scan kernels against their scalar twins, for whichever build
 * is loaded (the plain one in a test, the relaxed one in relaxed-check): every output width of
 * the scan's last columns (M = 1 .. 9, 15 .. 17), padded and odd codebook counts up to 256,
 * extreme scales and shifts, and rows of A holding NaN, ±Infinity, ±3e38 (sums that
 * overflow), subnormals and -0, in read and unread columns and in the padding rows.
 */
import {
  encodeColumns, encodeRows, gatherColumns, paddedCodebooks, paddedRows, scanCodes,
  type EncoderTables,
} from '../../src/kernels/index.js';
import { Rng } from '../../src/core/rng.js';

const SPECIAL = [NaN, Infinity, -Infinity, 3e38, -3e38, 1e-45, -1e-45, 1e-40, -0, 2 ** 31,
  -(2 ** 31), 127.5, -128.5];

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** Tables with, when `extreme`, offsets of ±3e38 and scales from 2^-149 to 2^127. */
function encoder(C: number, D: number, rng: Rng, extreme: boolean): EncoderTables {
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const odd = (): boolean => extreme && rng.int(4) === 0;
  return { C, Cs: paddedCodebooks(C), dims: Int32Array.from({ length: 4 * C }, () => rng.int(D)),
    offsets: Float32Array.from({ length: 4 * C }, () => odd() ? pick([3e38, -3e38, 1e-40])
      : Math.fround(0.1 * rng.normal())),
    scales: Float32Array.from({ length: 4 * C }, () => 2 ** (odd() ? pick([-149, -126, 100, 127])
      : 4 + rng.int(3))),
    thresholds: Int8Array.from({ length: 64 * C }, () => rng.int(256) - 128) };
}

/** (N, D) normal values, a share `density` of them replaced by special ones. */
function rows(N: number, D: number, rng: Rng, density: number): Float32Array {
  return Float32Array.from({ length: N * D }, () => rng.uniform() < density
    ? SPECIAL[rng.int(SPECIAL.length)] : rng.normal());
}

/** Runs every case on the loaded build; returns the count and a line per mismatch. */
export function kernelEdgeCases(): { cases: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let cases = 0;
  const check = (ok: boolean, what: string): void => {
    cases++;
    if (!ok) mismatches.push(what);
  };
  let seed = 1;
  for (const N of [1, 2, 5, 15, 16, 17, 33]) {
    for (const D of [1, 3, 4, 5, 31, 32, 33, 65]) {
      for (const C of [1, 2, 3, 17, 64]) {
        for (const density of [0, 0.05, 0.4]) {
          const rng = new Rng(seed++);
          const enc = encoder(C, D, rng, density > 0.1);
          const A = { rows: N, cols: D, data: rows(N, D, rng, density) };
          const what = `N = ${N}, D = ${D}, C = ${C}, density ${density}`;
          const w = encodeRows(A, enc, 'wasm');
          const s = encodeRows(A, enc, 'scalar');
          check(same(w.codes, s.codes) && same(w.flags, s.flags), `encodeRows ${what}`);
          const Npad = paddedRows(N);
          const cols = new Float32Array(4 * C * Npad);
          gatherColumns(A, enc.dims, Npad, cols);
          // The padding rows may hold anything: their flags and codes must still agree.
          for (let q = 0; q < 4 * C; q++) {
            for (let n = N; n < Npad; n++) cols[q * Npad + n] = SPECIAL[rng.int(SPECIAL.length)];
          }
          const wc = encodeColumns(cols, Npad, enc, 'wasm');
          const sc = encodeColumns(cols, Npad, enc, 'scalar');
          check(same(wc.codes, sc.codes) && same(wc.flags, sc.flags), `encodeColumns ${what}`);
        }
      }
    }
  }
  const extreme = [3e38, -3e38, 1e-45, -0, 1e-40, 0];
  for (const N of [1, 15, 16, 17, 33]) {
    for (const C of [1, 2, 3, 5, 17, 31, 64, 255, 256]) {
      for (const M of [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17]) {
        const rng = new Rng(seed++);
        const Cs = paddedCodebooks(C);
        const codes = Uint8Array.from({ length: paddedRows(N) * (Cs >> 1) }, () => rng.int(256));
        // Saturated tables reach the largest sums (255 · 256 in the exact scan).
        const luts = Uint8Array.from({ length: M * Cs * 16 }, () => rng.int(3) === 0 ? 255
          : rng.int(256));
        for (let m = 0; m < M; m++) luts.fill(0, (m * Cs + C) * 16, (m + 1) * Cs * 16);
        const value = (normal: () => number) => (): number => rng.int(3) === 0
          ? extreme[rng.int(extreme.length)] : Math.fround(normal());
        const lut = { M, Cs, luts,
          invScale: Float32Array.from({ length: M }, value(() => rng.uniform())),
          shiftAvg: Float32Array.from({ length: M }, value(() => rng.normal())),
          shiftExact: Float32Array.from({ length: M }, value(() => rng.normal())) };
        for (const exact of [false, true]) {
          check(same(scanCodes(codes, N, lut, exact, 'wasm'),
            scanCodes(codes, N, lut, exact, 'scalar')),
          `${exact ? 'exact' : 'averaging'} scan N = ${N}, C = ${C}, M = ${M}`);
        }
      }
    }
  }
  return { cases, mismatches };
}
