/**
 * Kernel throughput on this machine, one thread: the scan (averaging and exact), the encoder
 * (row-major and column-major input) and the exact GEMM. Each kernel first runs against its
 * scalar twin on a small case, then is timed on data already in kernel memory (median of
 * repeats after warm-up); the end-to-end entry points, which copy inputs in and results out,
 * are timed beside them. Run: npm run bench:kernels [-- --json FILE] [--build simd]
 * (the default takes the relaxed-SIMD build where the runtime has it).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { timeMedian } from '../src/core/timing.js';
import { writeFileAtomic } from '../src/core/io/atomic-write.js';
import {
  encodeRows, gemm, paddedCodebooks, paddedRows, scanCodes, scanScratchBytes, type EncoderTables,
  type LutTables,
} from '../src/kernels/index.js';
import { Rng } from '../src/core/rng.js';
import { Arena, kernels } from '../src/kernels/wasm/loader.js';
import { chooseBuild } from './build-choice.js';

const { values } = parseArgs({
  options: { json: { type: 'string' }, build: { type: 'string' } },
});
const build = chooseBuild(values.build);
const rng = new Rng(1);
const k = kernels();
const results: Record<string, number> = {};

function report(name: string, ms: number, rate: number, unit: string): void {
  results[`${name} ms`] = ms;
  results[`${name} ${unit}`] = rate;
  console.log(`${name.padEnd(44)} ${ms.toFixed(3).padStart(8)} ms  ` +
    `${rate.toFixed(2).padStart(8)} ${unit}`);
}

function fill(view: Float32Array | Uint8Array, make: () => number): void {
  for (let i = 0; i < view.length; i++) view[i] = make();
}

function checkTwins(enc: EncoderTables, lut: LutTables): void {
  const A = { rows: 37, cols: 512, data: new Float32Array(37 * 512) };
  fill(A.data, () => rng.normal());
  const w = encodeRows(A, enc, 'wasm');
  const s = encodeRows(A, enc, 'scalar');
  const codes = w.codes;
  const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean =>
    x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  for (const exact of [false, true]) {
    if (!same(w.codes, s.codes) ||
      !same(scanCodes(codes, 37, lut, exact, 'wasm'), scanCodes(codes, 37, lut, exact, 'scalar'))) {
      throw new Error('a kernel disagrees with its scalar twin; not timing it');
    }
  }
}

console.log(`machine: ${os.cpus()[0]?.model} (${os.cpus().length} cores), ` +
  `node ${process.version}, ` +
  `one thread, kernels: ${build}`);

// Shapes of the issue: scan N = 10000, C = 16, M = 100; encoder N = 10000, D = 512, C = 16.
const N = 10000;
const D = 512;
const M = 100;
for (const C of [16, 32, 64]) {
  const Cs = paddedCodebooks(C);
  const Q = 4 * C;
  const enc: EncoderTables = {
    C, Cs,
    dims: Int32Array.from({ length: Q }, (_, q) => Math.floor(q / 4) * (D / C) + (q % 4) * 2),
    offsets: new Float32Array(Q), scales: new Float32Array(Q).fill(64),
    thresholds: Int8Array.from({ length: 16 * Q }, () => rng.int(256) - 128),
  };
  const lut: LutTables = {
    M, Cs, luts: Uint8Array.from({ length: M * Cs * 16 }, () => rng.int(256)),
    invScale: new Float32Array(M).fill(0.01), shiftAvg: new Float32Array(M),
    shiftExact: new Float32Array(M),
  };
  checkTwins(enc, lut);

  const arena = new Arena(k);
  const Npad = paddedRows(N);
  const p = {
    a: arena.alloc(4 * N * D), cols: arena.alloc(4 * Q * Npad), dims: arena.alloc(4 * Q),
    off: arena.alloc(4 * Q), sc: arena.alloc(4 * Q), thr: arena.alloc(16 * Q),
    scratch: arena.alloc(64 * Q), codes: arena.alloc(Npad * Cs / 2), flags: arena.alloc(Npad),
    luts: arena.alloc(M * Cs * 16), inv: arena.alloc(16 * Math.ceil(M / 4)),
    shift: arena.alloc(16 * Math.ceil(M / 4)),
    tmp: arena.alloc(scanScratchBytes(M, Cs)), out: arena.alloc(4 * Npad * M),
  };
  fill(arena.f32(p.a, N * D), () => rng.normal());
  fill(arena.f32(p.cols, Q * Npad), () => rng.normal());
  arena.i32(p.dims, Q).set(enc.dims);
  arena.f32(p.sc, Q).set(enc.scales);
  arena.i8(p.thr, 16 * Q).set(enc.thresholds);
  arena.u8(p.luts, M * Cs * 16).set(lut.luts);
  arena.f32(p.inv, M).set(lut.invScale);
  k.encodeRows_u4(p.a, N, D, p.dims, C, Cs, p.off, p.sc, p.thr, p.codes, p.flags, p.scratch);

  const lookups = N * C * M;
  let t = timeMedian(() => k.scanAvg_u8(p.codes, N, Cs, p.luts, M, p.inv, p.shift, p.tmp, p.out),
    21, 5);
  report(`scan averaging, kernel, C = ${C}`, t.medianMs, lookups / t.medianMs / 1e6, 'G lookups/s');
  t = timeMedian(() => k.scanExact_u16(p.codes, N, Cs, p.luts, M, p.inv, p.shift, p.tmp, p.out),
    21, 5);
  report(`scan exact 16-bit, kernel, C = ${C}`, t.medianMs, lookups / t.medianMs / 1e6,
    'G lookups/s');
  t = timeMedian(() => k.encodeRows_u4(p.a, N, D, p.dims, C, Cs, p.off, p.sc, p.thr, p.codes,
    p.flags, p.scratch), 21, 5);
  report(`encode row-major A, kernel, C = ${C}`, t.medianMs, (N * C) / t.medianMs / 1e3,
    'M codes/s');
  t = timeMedian(() => k.encode_u4(p.cols, Npad, C, Cs, p.off, p.sc, p.thr, p.codes, p.flags),
    21, 5);
  report(`encode column-major A, kernel, C = ${C}`, t.medianMs, (N * C) / t.medianMs / 1e3,
    'M codes/s');

  const A = { rows: N, cols: D, data: arena.f32(p.a, N * D).slice() };
  const codes = arena.u8(p.codes, Npad * Cs / 2).slice();
  t = timeMedian(() => encodeRows(A, enc).codes[0], 11, 3);
  report(`encode row-major A, with copies, C = ${C}`, t.medianMs, (N * C) / t.medianMs / 1e3,
    'M codes/s');
  t = timeMedian(() => scanCodes(codes, N, lut, false)[0], 11, 3);
  report(`scan averaging, with copies, C = ${C}`, t.medianMs, lookups / t.medianMs / 1e6,
    'G lookups/s');
  if (C === 16) {
    const data = A.data;
    t = timeMedian(() => {
      let s = 0;
      for (let i = 0; i < data.length; i += 16) s += data[i];
      return s;
    }, 21, 5);
    report('one plain read of A (a load per 64-byte line)', t.medianMs,
      (4 * N * D) / t.medianMs / 1e6, 'GB/s');
  }
}

const a = new Float32Array(N * D);
const b = new Float32Array(D * M);
fill(a, () => rng.normal());
fill(b, () => rng.normal());
const t = timeMedian(() => gemm(a, b, N, D, M)[0], 7, 2);
report('exact GEMM 10000×512 · 512×100, with copies', t.medianMs,
  (2 * N * D * M) / t.medianMs / 1e6, 'GFLOP/s');

if (values.json) {
  writeFileAtomic(values.json, JSON.stringify({ machine: os.cpus()[0]?.model, cores:
    os.cpus().length, node: process.version, threads: 1, build, results }, null, 2) + '\n');
}
