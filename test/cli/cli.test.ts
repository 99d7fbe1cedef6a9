/**
 * End-to-end tests of the `maddness` command: each test runs bin/maddness.js in a child Node
 * process on .npy files written to a fresh temporary folder, and checks the exit code, the
 * single stderr line of a failure, and the files left behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { encodeNpy, parseNpy } from '../../src/core/io/npy.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { Rng } from '../../src/core/rng.js';
import { mixRows, normalRows } from '../helpers/random.js';
import { FORMAT_VERSION } from '../../src/methods/maddness/model-file.js';
import { methodSpecs } from '../../src/methods/registry.js';

/** dist/test/cli/cli.test.js → the project root, three levels up. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'maddness.js');

const D = 32;
const M = 6;
const C = 8;
const N_TRAIN = 400;
const N_TEST = 200;
/**
 * NMSE of the averaging and exact scans on the data below (C = 8, D = 32, rank-6 rows):
 * observed 0.1160 (averaging) and 0.1140 (exact); the bound is the larger × 1.5.
 */
const NMSE_BOUND = 0.175;

// ---------------------------------------------------------------------------------------------
// Fixtures

const normal = normalRows;

/** Rank-6 rows plus a little noise, drawn with a fixed mixing matrix `w` (6, D). */
function activations(rng: Rng, w: Matrix, rows: number): Matrix {
  return mixRows(rng, normal(rng, rows, w.rows), w);
}

/**
 * A float64 .npy file in Fortran order (column-major data), header written by hand since
 * encodeNpyTyped writes C order only.
 */
function fortranF64Npy(m: Matrix): Uint8Array {
  let header = `{'descr': '<f8', 'fortran_order': True, 'shape': (${m.rows}, ${m.cols}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + 8 * m.data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let j = 0; j < m.cols; j++) {
    for (let i = 0; i < m.rows; i++) {
      view.setFloat64(start + 8 * (j * m.rows + i), m.data[i * m.cols + j], true);
    }
  }
  return out;
}

const rng = new Rng(8675309);
const mixing = normal(rng, 6, D);
const trainA = activations(rng, mixing, N_TRAIN);
const testA = activations(rng, mixing, N_TEST);
const B = normal(rng, D, M);
const exact = matmulF64(testA, B);

let dir = '';
const modelPath = (): string => join(dir, 'm.model');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'maddness-cli-test-'));
  const files: Record<string, Uint8Array> = {
    'train.npy': encodeNpy(trainA),
    'test.npy': encodeNpy(testA),
    'test-f64-fortran.npy': fortranF64Npy(testA),
    'B.npy': encodeNpy(B),
    'B-wrong-rows.npy': encodeNpy(normal(rng, D - 1, M)),
    'empty.npy': encodeNpy({ rows: 0, cols: D, data: new Float32Array(0) }),
    'narrow.npy': encodeNpy(normal(rng, 50, 4)),
    'narrow-B.npy': encodeNpy(normal(rng, 4, M)),
  };
  const withNaN = Float32Array.from(trainA.data);
  withNaN[3 * D + 5] = NaN;
  files['train-nan.npy'] = encodeNpy({ rows: N_TRAIN, cols: D, data: withNaN });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const fit = run('fit', '--a', 'train.npy', '--b', 'B.npy', '--codebooks', String(C),
    '--out', 'm.model');
  assert.equal(fit.status, 0, fit.stderr);
  const model = readFileSync(modelPath());
  writeFileSync(join(dir, 'truncated.model'), model.subarray(0, model.length - 7));
});
after(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `maddness ...args` with the temporary folder as working directory. */
function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8',
    timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readY(name: string): Matrix {
  const arr = parseNpy(readFileSync(join(dir, name)), name);
  assert.equal(arr.dtype, 'float32');
  assert.equal(arr.shape.length, 2);
  assert.ok(arr.data instanceof Float32Array);
  return { rows: arr.shape[0], cols: arr.shape[1], data: arr.data };
}

/** The stderr of a failed run: exactly one line, returned without its newline. */
function oneLine(r: Run): string {
  assert.ok(r.stderr.endsWith('\n'), `stderr: ${JSON.stringify(r.stderr)}`);
  const lines = r.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `expected one stderr line, got:\n${r.stderr}`);
  return lines[0];
}

/** Asserts a usage error: exit 2, one stderr line saying so. */
function assertUsageError(r: Run, word: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  const line = oneLine(r);
  assert.match(line, /usage error/);
  assert.match(line, word);
}

/** Asserts a run error: exit 1, one stderr line with the error code. */
function assertRunError(r: Run, code: string): string {
  assert.equal(r.status, 1, r.stderr);
  const line = oneLine(r);
  assert.ok(line.includes(code), `expected ${code} in: ${line}`);
  return line;
}

/** A fresh subfolder for one failure case, so the files left behind can be listed exactly. */
function caseDir(name: string): string {
  const sub = join(dir, name);
  mkdirSync(sub);
  return sub;
}

// ---------------------------------------------------------------------------------------------
// Success

describe('maddness fit, multiply and info', () => {
  test('fits, multiplies and writes an N×M float32 product close to the exact one', () => {
    const r = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y.npy');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /Y\.npy/);
    const Y = readY('Y.npy');
    assert.equal(Y.rows, N_TEST);
    assert.equal(Y.cols, M);
    assert.ok(Y.data.every(Number.isFinite));
    const error = nmse(exact, Y);
    assert.ok(error < NMSE_BOUND, `NMSE ${error}`);
  });

  test('multiplies with --exact-sum, as accurately and not identically to averaging', () => {
    const r = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y-exact.npy',
      '--exact-sum');
    assert.equal(r.status, 0, r.stderr);
    const Y = readY('Y-exact.npy');
    assert.equal(Y.rows, N_TEST);
    assert.equal(Y.cols, M);
    const error = nmse(exact, Y);
    assert.ok(error < NMSE_BOUND, `NMSE ${error}`);
    const avg = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y-avg.npy');
    assert.equal(avg.status, 0, avg.stderr);
    assert.notDeepEqual(readY('Y-avg.npy').data, Y.data);
  });

  test('multiplies on --threads 2 to the same bytes as on one thread', () => {
    const one = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y-t1.npy');
    const two = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y-t2.npy',
      '--threads', '2');
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.deepEqual(readFileSync(join(dir, 'Y-t2.npy')), readFileSync(join(dir, 'Y-t1.npy')));
  });

  test('refuses --threads 0 naming threads, and a --threads that is not an integer', () => {
    const zero = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y-t0.npy',
      '--threads', '0');
    assert.equal(zero.status, 1);
    assert.match(zero.stderr, /'threads': must be an integer from 1 to 64; received 0/);
    assertUsageError(run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out',
      'Y-tx.npy', '--threads', 'two'), /--threads takes an integer/);
    assert.equal(existsSync(join(dir, 'Y-t0.npy')), false);
  });

  test('reads a float64 Fortran-order A exactly like the float32 C-order one', () => {
    const a = run('multiply', '--model', 'm.model', '--a', 'test.npy', '--out', 'Y-c.npy');
    const f = run('multiply', '--model', 'm.model', '--a', 'test-f64-fortran.npy',
      '--out', 'Y-f.npy');
    assert.equal(a.status, 0, a.stderr);
    assert.equal(f.status, 0, f.stderr);
    assert.deepEqual(readFileSync(join(dir, 'Y-f.npy')), readFileSync(join(dir, 'Y-c.npy')));
  });

  test('info prints the shapes and hyperparameters as JSON', () => {
    const r = run('info', '--model', 'm.model');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const info = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(info.N_train, N_TRAIN);
    assert.equal(info.D, D);
    assert.equal(info.M, M);
    assert.equal(info.C, C);
    assert.equal(info.L, -1);
    assert.equal(info.formatVersion, FORMAT_VERSION);
  });

  test('fit passes --lut-work, --lambda and --seed through to the model', () => {
    const fit = run('fit', '--a', 'train.npy', '--b', 'B.npy', '--codebooks', '4',
      '--lut-work', '2', '--lambda', '0.25', '--seed', '9', '--out', 'options.model');
    assert.equal(fit.status, 0, fit.stderr);
    const r = run('info', '--model', 'options.model');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { method: 'maddness', N_train: N_TRAIN, D, M, C: 4,
      L: 2, lambda: 0.25, seed: 9, objective: 'output', encoderFittedForB: true,
      formatVersion: FORMAT_VERSION });
  });

  test('multiplies an A of 0 rows into a 0×M .npy file', () => {
    const r = run('multiply', '--model', 'm.model', '--a', 'empty.npy', '--out', 'Y0.npy');
    assert.equal(r.status, 0, r.stderr);
    const Y = readY('Y0.npy');
    assert.equal(Y.rows, 0);
    assert.equal(Y.cols, M);
    assert.equal(Y.data.length, 0);
  });
});

// ---------------------------------------------------------------------------------------------
// Usage errors (exit 2)

describe('maddness usage errors', () => {
  test('refuses fit without --b with exit 2 and writes nothing', () => {
    const sub = caseDir('usage-missing-b');
    const r = run('fit', '--a', 'train.npy', '--codebooks', '8', '--out', join(sub, 'x.model'));
    assertUsageError(r, /--b/);
    assert.deepEqual(readdirSync(sub), []);
  });

  test('refuses an unknown flag with exit 2', () => {
    const sub = caseDir('usage-unknown-flag');
    const r = run('fit', '--a', 'train.npy', '--b', 'B.npy', '--codebooks', '8', '--bogus',
      '--out', join(sub, 'x.model'));
    assertUsageError(r, /--bogus/);
    assert.deepEqual(readdirSync(sub), []);
  });

  test('refuses --codebooks abc with exit 2', () => {
    const r = run('fit', '--a', 'train.npy', '--b', 'B.npy', '--codebooks', 'abc',
      '--out', 'x.model');
    assertUsageError(r, /codebooks.*abc/);
    assert.equal(existsSync(join(dir, 'x.model')), false);
  });

  test('refuses an unknown command and a stray argument with exit 2', () => {
    assertUsageError(run('frobnicate'), /frobnicate/);
    assertUsageError(run('info', '--model', 'm.model', 'extra'), /extra/);
  });
});

// ---------------------------------------------------------------------------------------------
// Run errors (exit 1)

describe('maddness run errors', () => {
  test('refuses C > D with INVALID_ARGUMENT and writes no model', () => {
    const sub = caseDir('c-above-d');
    const r = run('fit', '--a', 'narrow.npy', '--b', 'narrow-B.npy', '--codebooks', '8',
      '--out', join(sub, 'x.model'));
    assert.match(assertRunError(r, 'INVALID_ARGUMENT'), /codebooks/);
    assert.deepEqual(readdirSync(sub), []);
  });

  test('refuses NaN in the training matrix with NON_FINITE naming the entry', () => {
    const sub = caseDir('nan');
    const r = run('fit', '--a', 'train-nan.npy', '--b', 'B.npy', '--codebooks', '8',
      '--out', join(sub, 'x.model'));
    assert.match(assertRunError(r, 'NON_FINITE'), /row 3, column 5/);
    assert.deepEqual(readdirSync(sub), []);
  });

  test('refuses a B with the wrong number of rows with SHAPE_MISMATCH', () => {
    const sub = caseDir('b-rows');
    const r = run('fit', '--a', 'train.npy', '--b', 'B-wrong-rows.npy', '--codebooks', '8',
      '--out', join(sub, 'x.model'));
    assertRunError(r, 'SHAPE_MISMATCH');
    assert.deepEqual(readdirSync(sub), []);
  });

  test('refuses a truncated model with BAD_MODEL_FILE in multiply and info', () => {
    const sub = caseDir('truncated');
    const r = run('multiply', '--model', 'truncated.model', '--a', 'test.npy',
      '--out', join(sub, 'Y.npy'));
    assertRunError(r, 'BAD_MODEL_FILE');
    assert.deepEqual(readdirSync(sub), []);
    assertRunError(run('info', '--model', 'truncated.model'), 'BAD_MODEL_FILE');
  });

  test('leaves an existing output file untouched when multiply fails', () => {
    const sub = caseDir('existing-output');
    const out = join(sub, 'Y.npy');
    writeFileSync(out, 'previous result');
    assertRunError(run('multiply', '--model', 'truncated.model', '--a', 'test.npy',
      '--out', out), 'BAD_MODEL_FILE');
    // A of the wrong width fails after the model loads, in the multiply itself.
    assertRunError(run('multiply', '--model', 'm.model', '--a', 'B.npy', '--out', out),
      'SHAPE_MISMATCH');
    assert.equal(readFileSync(out, 'utf8'), 'previous result');
    assert.deepEqual(readdirSync(sub), ['Y.npy']);
  });

  test('refuses a missing input file with BAD_INPUT_FILE', () => {
    assertRunError(run('multiply', '--model', 'm.model', '--a', 'nope.npy', '--out', 'x.npy'),
      'BAD_INPUT_FILE');
    assert.equal(existsSync(join(dir, 'x.npy')), false);
  });

  test('prints the stack after the error line with --verbose', () => {
    const r = run('multiply', '--model', 'truncated.model', '--a', 'test.npy', '--out', 'v.npy',
      '--verbose');
    assert.equal(r.status, 1);
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0], /BAD_MODEL_FILE/);
    assert.ok(lines.length > 2, r.stderr);
    assert.ok(lines.slice(1).some((l) => /^\s+at /.test(l)), r.stderr);
  });
});

// ---------------------------------------------------------------------------------------------
// Every registered method through fit --method, multiply and info

describe('maddness fit --method, methods', () => {
  test('fits, saves and multiplies with a method other than maddness', () => {
    const fit = run('fit', '--method', 'exact', '--a', 'train.npy', '--b', 'B.npy', '--out',
      'exact.model');
    assert.equal(fit.status, 0, fit.stderr);
    assert.match(fit.stdout, /fitted exact/);
    const r = run('multiply', '--model', 'exact.model', '--a', 'test.npy', '--out', 'Ye.npy');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(nmse(exact, readY('Ye.npy')) < 1e-10);
    const info = run('info', '--model', 'exact.model');
    assert.equal(info.status, 0, info.stderr);
    assert.deepEqual(JSON.parse(info.stdout), { method: 'exact', params: {}, N_train: N_TRAIN,
      D, M, cost: { multiplies: D * M, lookups: 0, encodedBytes: 4 * D },
      formatVersion: FORMAT_VERSION });
  });

  test('maddness options become flags (--lut-work, --refine-passes, --exact-sum)', () => {
    const fit = run('fit', '--method', 'maddness', '--a', 'train.npy', '--b', 'B.npy',
      '--codebooks', '4', '--refine-passes', '0', '--exact-sum', '--objective', 'reconstruct',
      '--out', 'flags.model');
    assert.equal(fit.status, 0, fit.stderr);
    const info = JSON.parse(run('info', '--model', 'flags.model').stdout) as
      Record<string, unknown>;
    assert.equal(info.C, 4);
    assert.equal(info.objective, 'reconstruct');
  });

  test('refuses an unknown method, another method\'s option and --exact-sum elsewhere', () => {
    assertUsageError(run('fit', '--method', 'nonesuch', '--a', 'train.npy', '--b', 'B.npy',
      '--out', 'x.model'), /--method takes one of exact, maddness/);
    assertUsageError(run('fit', '--method', 'exact', '--a', 'train.npy', '--b', 'B.npy',
      '--codebooks', '4', '--out', 'x.model'), /--codebooks/);
    assertUsageError(run('fit', '--a', 'train.npy', '--b', 'B.npy', '--objective', 'both',
      '--out', 'x.model'), /--objective takes output or reconstruct/);
    assertUsageError(run('multiply', '--model', 'exact.model', '--a', 'test.npy', '--out',
      'x.npy', '--exact-sum'), /--exact-sum applies to maddness models/);
    assert.equal(existsSync(join(dir, 'x.model')), false);
    assert.equal(existsSync(join(dir, 'x.npy')), false);
  });

  test('methods lists every registered method with its options', () => {
    const r = run('methods');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^exact: /m);
    assert.match(r.stdout, /^maddness: .*\n(\s+--.*\n)*\s+--lut-work \[-1, 256\], default -1/m);
  });
});

describe('maddness observe', () => {
  test('calibrates a data-free model in place; refuses other models', () => {
    const fit = run('fit', '--method', 'maddness-data-free', '--a', 'train.npy', '--b', 'B.npy',
      '--codebooks', '8', '--out', 'df.model');
    assert.equal(fit.status, 0, fit.stderr);
    assert.equal(run('multiply', '--model', 'df.model', '--a', 'test.npy', '--out', 'Y0.npy')
      .status, 0);
    const before = nmse(exact, readY('Y0.npy'));
    const r = run('observe', '--model', 'df.model', '--a', 'train.npy');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`observed ${N_TRAIN} rows`));
    assert.equal(run('multiply', '--model', 'df.model', '--a', 'test.npy', '--out', 'Y1.npy')
      .status, 0);
    const after = nmse(exact, readY('Y1.npy'));
    assert.ok(after < before, `calibrated ${after} not below data-free ${before}`);
    const relearn = run('observe', '--model', 'df.model', '--a', 'train.npy', '--relearn',
      '--out', 'df2.model');
    assert.equal(relearn.status, 0, relearn.stderr);
    assert.match(relearn.stdout, /trees relearned/);
    assertUsageError(run('observe', '--model', 'm.model', '--a', 'train.npy'),
      /maddness-data-free models; this one is maddness/);
    assertRunError(run('observe', '--model', 'df.model', '--a', 'B.npy'), 'SHAPE_MISMATCH');
  });
});

describe('maddness fit --method for every registered method', () => {
  test('each method fits, saves, multiplies from its file and reports its info', () => {
    for (const spec of methodSpecs()) {
      // The smallest sensible budget of each: these runs check the plumbing, not accuracy.
      const params = spec.budget === 'd' ? ['--d', '2'] : spec.budget === 'codebooks'
        ? ['--codebooks', '4'] : [];
      const file = `every-${spec.name}.model`;
      const fit = run('fit', '--method', spec.name, '--a', 'train.npy', '--b', 'B.npy',
        ...params, '--out', file);
      assert.equal(fit.status, 0, `${spec.name}: ${fit.stderr}`);
      const out = `every-${spec.name}.npy`;
      const r = run('multiply', '--model', file, '--a', 'test.npy', '--out', out);
      assert.equal(r.status, 0, `${spec.name}: ${r.stderr}`);
      const Y = readY(out);
      assert.deepEqual([Y.rows, Y.cols], [N_TEST, M], spec.name);
      assert.ok(Y.data.every(Number.isFinite), spec.name);
      const info = JSON.parse(run('info', '--model', file).stdout) as { method: string };
      assert.equal(info.method, spec.name);
    }
  });
});

describe('maddness command-line edge cases', () => {
  test('a negative number after a space is a value; out of range is the library\'s error', () => {
    const fit = run('fit', '--a', 'train.npy', '--b', 'B.npy', '--codebooks', '4',
      '--lut-work', '-1', '--out', 'neg.model');
    assert.equal(fit.status, 0, fit.stderr);
    assertRunError(run('fit', '--a', 'train.npy', '--b', 'B.npy', '--codebooks', '4',
      '--seed', '-3', '--out', 'neg2.model'), 'INVALID_ARGUMENT');
  });

  test('a missing option is a usage error before any file is read', () => {
    assertUsageError(run('multiply', '--model', 'truncated.model', '--a', 'test.npy'), /--out/);
    assertUsageError(run('multiply', '--model', 'm.model', '--out', 'x.npy'), /--a/);
    assertUsageError(run('fit', '--method', 'pq', '--method', 'opq', '--a', 'train.npy',
      '--b', 'B.npy', '--out', 'x.model'), /--method given more than once/);
    assertUsageError(run('observe', '--model', 'df.model', '--a', 'train.npy', '--out='),
      /--out/);
  });
});
