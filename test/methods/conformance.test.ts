/**
 * The conformance suite: every registered method runs the same cases, through the common
 * interface only. A method that does not support a case is listed in SKIPS with the reason;
 * a registered method missing from CASES fails the suite, so no method escapes it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { sliceRows, type Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import type { MatmulMethod, MethodSpec } from '../../src/methods/method.js';
import { decodeMethod, encodeMethod } from '../../src/methods/method-file.js';
import type { Params } from '../../src/methods/params.js';
import { methodSpecs } from '../../src/methods/registry.js';
import { gaussian, lowRank } from '../helpers/random.js';
import { classMeans, readUcr, skipUnlessShared } from '../helpers/shared-data.js';
import { CASES, SKIPS, type Case } from './conformance-cases.js';

/** Synthetic shapes: D = 37 is a multiple of no C the cases use. */
const D = 37;
const M = 5;
// One draw split in two, so that test rows come from the training rows' subspace.
const rows = lowRank(1300, D, 6, 11);
const trainA = sliceRows(rows, 0, 800);
const testA = sliceRows(rows, 800, 1300);
const B = gaussian(D, M, 12);

function caseOf(spec: MethodSpec): Case {
  const c = CASES[spec.name];
  assert.ok(c !== undefined, `method ${spec.name} has no entry in conformance-cases.ts`);
  return c;
}

function skipped(name: string, what: string): string | false {
  return SKIPS[name]?.[what] ?? false;
}

function fitted(spec: MethodSpec, params: Record<string, unknown>, A: Matrix = trainA,
  b: Matrix = B): MatmulMethod {
  return spec.create(params).fit(A, b).prepare(b);
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof MaddnessError, `not a MaddnessError: ${String(error)}`);
    return error.code;
  }
  return 'no error';
}

test('every registered method has a conformance case', () => {
  for (const spec of methodSpecs()) caseOf(spec);
  const names = new Set(methodSpecs().map((s) => s.name));
  for (const name of Object.keys(CASES)) assert.ok(names.has(name), `${name} is not registered`);
});

for (const spec of methodSpecs()) {
  const c = CASES[spec.name];
  if (c === undefined) continue;
  describe(`conformance: ${spec.name}`, () => {
    const method = fitted(spec, c.params);

    test('output shape and type for N in {0, 1, 17, 1000}; D not a multiple of C', () => {
      for (const N of [0, 1, 17, 1000]) {
        const Y = method.multiply(gaussian(N, D, 100 + N));
        assert.ok(Y.data instanceof Float32Array);
        assert.equal(Y.rows, N);
        assert.equal(Y.cols, M);
        assert.equal(Y.data.length, N * M);
        assert.ok(Y.data.every(Number.isFinite), `N = ${N}: non-finite output`);
      }
    });

    test('M = 1', () => {
      const b1 = gaussian(D, 1, 13);
      const one = fitted(spec, c.params, trainA, b1);
      const A = gaussian(50, D, 14);
      const Y = one.multiply(A);
      assert.equal(Y.cols, 1);
      assert.ok(nmse(matmulF64(A, b1), Y) < Math.max(1, 4 * c.syntheticBound));
    });

    test('error on synthetic low-rank rows below the stated bound', () => {
      const e = nmse(matmulF64(testA, B), method.multiply(testA));
      assert.ok(e <= c.syntheticBound, `NMSE ${e} > bound ${c.syntheticBound}`);
    });

    test('the same seed gives the same output; a different seed a different one', {
      skip: spec.randomized ? false : `${spec.name} is deterministic (no seed parameter)`,
    }, () => {
      const A = gaussian(40, D, 15);
      const again = fitted(spec, c.params).multiply(A);
      assert.deepEqual(again.data, method.multiply(A).data);
      const other = fitted(spec, { ...c.params, seed: 7 }).multiply(A);
      assert.notDeepEqual(other.data, again.data);
    });

    test('more budget is not worse than less (mean over 5 seeds when randomized)', {
      skip: c.budget === null ? `${spec.name} has no budget parameter` : false,
    }, () => {
      const budget = c.budget as NonNullable<Case['budget']>;
      const exactY = matmulF64(testA, B);
      const mean = (extra: Params): number => {
        const seeds = spec.randomized ? [0, 1, 2, 3, 4] : [0];
        let sum = 0;
        for (const seed of seeds) {
          const p = { ...c.params, ...extra, ...(spec.randomized ? { seed } : {}) };
          sum += nmse(exactY, fitted(spec, p).multiply(testA)) / seeds.length;
        }
        return sum;
      };
      const low = mean(budget.low);
      const high = mean(budget.high);
      assert.ok(high <= low * 1.02, `NMSE ${high} with more budget > ${low} with less`);
    });

    test('deterministic methods repeat exactly', {
      skip: spec.randomized ? `${spec.name} is randomized (covered by the seed case)` : false,
    }, () => {
      const A = gaussian(40, D, 16);
      assert.deepEqual(fitted(spec, c.params).multiply(A).data, method.multiply(A).data);
    });

    test('a row holding NaN or Infinity gives a NaN row; other rows are unchanged', () => {
      const A = gaussian(20, D, 17);
      const clean = method.multiply(A);
      A.data[3 * D + 5] = NaN;
      A.data[11 * D + 36] = -Infinity;
      const Y = method.multiply(A);
      for (let i = 0; i < 20; i++) {
        const row = Array.from(Y.data.subarray(i * M, (i + 1) * M));
        if (i === 3 || i === 11) assert.ok(row.every(Number.isNaN), `row ${i}: ${row}`);
        else assert.deepEqual(row, Array.from(clean.data.subarray(i * M, (i + 1) * M)));
      }
    });

    test('bad input gives the common typed errors', () => {
      const fresh = spec.create(c.params);
      assert.equal(errorCode(() => fresh.multiply(gaussian(2, D, 1))), 'NOT_FITTED');
      assert.equal(errorCode(() => fresh.prepare(B)), 'NOT_FITTED');
      assert.equal(errorCode(() => fresh.cost()), 'NOT_FITTED');
      assert.equal(errorCode(() => fresh.fit(gaussian(0, D, 1), B)), 'INVALID_ARGUMENT');
      assert.equal(errorCode(() => fresh.fit({ rows: 2 } as unknown as Matrix, B)),
        'INVALID_ARGUMENT');
      const nanA = gaussian(100, D, 2);
      nanA.data[7] = NaN;
      assert.equal(errorCode(() => fresh.fit(nanA, B)), 'NON_FINITE');
      assert.equal(errorCode(() => fresh.fit(trainA, gaussian(D + 1, M, 3))), 'SHAPE_MISMATCH');
      const unprepared = spec.create(c.params).fit(trainA, B);
      assert.equal(errorCode(() => unprepared.multiply(gaussian(2, D, 1))), 'NOT_FITTED');
      const nanB = gaussian(D, M, 4);
      nanB.data[M + 1] = Infinity;
      assert.equal(errorCode(() => unprepared.prepare(nanB)), 'NON_FINITE');
      assert.equal(errorCode(() => unprepared.prepare(gaussian(D - 1, M, 5))), 'SHAPE_MISMATCH');
      assert.equal(errorCode(() => unprepared.prepare({ rows: D, cols: 0,
        data: new Float32Array(0) })), 'INVALID_ARGUMENT');
      assert.equal(errorCode(() => method.multiply(gaussian(3, D + 2, 6))), 'SHAPE_MISMATCH');
      assert.equal(errorCode(() => spec.create({ noSuchParameter: 1 })), 'INVALID_ARGUMENT');
    });

    test('fit without B', {
      skip: method.usesB ? `${spec.name} learns from the product and needs B at fit time`
        : false,
    }, () => {
      const Y = spec.create(c.params).fit(trainA).prepare(B).multiply(gaussian(9, D, 18));
      assert.equal(Y.rows, 9);
      assert.ok(Y.data.every(Number.isFinite));
    });

    test('methods that need B say so when fit without it', {
      skip: method.usesB ? false : `${spec.name} fits on A alone`,
    }, () => {
      assert.equal(errorCode(() => spec.create(c.params).fit(trainA)), 'INVALID_ARGUMENT');
    });

    test('the cost report is finite and counts work', () => {
      const cost = method.cost();
      for (const v of [cost.multiplies, cost.lookups, cost.encodedBytes]) {
        assert.ok(Number.isFinite(v) && v >= 0, JSON.stringify(cost));
      }
      assert.ok(cost.multiplies + cost.lookups > 0, JSON.stringify(cost));
      assert.ok(cost.encodedBytes > 0, JSON.stringify(cost));
    });

    test('save and load give identical outputs; a damaged file is refused', {
      skip: skipped(spec.name, 'save') || (method.saveable ? false
        : `${spec.name} cannot be saved`),
    }, () => {
      const bytes = encodeMethod(method);
      const loaded = decodeMethod(bytes, 'test');
      assert.equal(loaded.name, spec.name);
      assert.deepEqual(loaded.params, method.params);
      const A = gaussian(33, D, 19);
      assert.deepEqual(loaded.multiply(A).data, method.multiply(A).data);
      assert.deepEqual(encodeMethod(loaded), bytes);
      for (const cut of [0, 19, Math.floor(bytes.length / 2), bytes.length - 1]) {
        assert.equal(errorCode(() => decodeMethod(bytes.subarray(0, cut), 'cut')),
          'BAD_MODEL_FILE');
      }
      const flipped = bytes.slice();
      flipped[bytes.length - 9] ^= 0x10;
      assert.equal(errorCode(() => decodeMethod(flipped, 'flipped')), 'BAD_MODEL_FILE');
    });
  });
}

describe('conformance on real data (UCR SwedishLeaf: D = 128, M = 15 class means)', {
  skip: skipUnlessShared('ucr/SwedishLeaf'),
}, () => {
  const load = (): { train: Matrix; test: Matrix; B: Matrix; exact: Float64Array } => {
    const train = readUcr('SwedishLeaf', 'TRAIN');
    const testSplit = readUcr('SwedishLeaf', 'TEST');
    const b = classMeans(train.A, train.labels);
    return { train: train.A, test: testSplit.A, B: b, exact: matmulF64(testSplit.A, b) };
  };
  const data = skipUnlessShared('ucr/SwedishLeaf') ? null : load();
  /** Mean test NMSE over the seeds (one run for deterministic methods). */
  const meanNmse = (spec: MethodSpec, params: Record<string, unknown>): number => {
    const seeds = spec.randomized ? [0, 1, 2] : [0];
    let sum = 0;
    for (const seed of seeds) {
      const p = spec.randomized ? { ...params, seed } : params;
      const d = data as NonNullable<typeof data>;
      sum += nmse(d.exact, fitted(spec, p, d.train, d.B).multiply(d.test));
    }
    return sum / seeds.length;
  };

  for (const spec of methodSpecs()) {
    const c = CASES[spec.name];
    if (c === undefined) continue;
    test(`${spec.name}: test NMSE ${c.real.observed} observed, bound ${c.real.bound}`, () => {
      const e = meanNmse(spec, c.real.params);
      assert.ok(e <= c.real.bound, `NMSE ${e} > bound ${c.real.bound}`);
    });
    test(`${spec.name}: more budget is not worse than less`, {
      skip: c.budget === null ? `${spec.name} has no budget parameter`
        : skipped(spec.name, 'realBudget'),
    }, () => {
      const budget = c.budget as NonNullable<Case['budget']>;
      const low = meanNmse(spec, { ...c.real.params, ...budget.low });
      const high = meanNmse(spec, { ...c.real.params, ...budget.high });
      assert.ok(high <= low * 1.02, `NMSE ${high} with more budget > ${low} with less`);
    });
  }

  test('exact is exact: the float64 reference within float32 rounding', () => {
    const d = data as NonNullable<typeof data>;
    const spec = methodSpecs().find((s) => s.name === 'exact') as MethodSpec;
    const Y = fitted(spec, {}, d.train, d.B).multiply(d.test);
    const Dd = d.test.cols;
    for (let i = 0; i < d.test.rows; i++) {
      for (let m = 0; m < d.B.cols; m++) {
        let scale = 0;
        for (let k = 0; k < Dd; k++) {
          scale += Math.abs(d.test.data[i * Dd + k] * d.B.data[k * d.B.cols + m]);
        }
        const err = Math.abs(Y.data[i * d.B.cols + m] - d.exact[i * d.B.cols + m]);
        assert.ok(err <= 2 * Dd * 2 ** -24 * scale, `(${i}, ${m}): error ${err}`);
      }
    }
  });
});
