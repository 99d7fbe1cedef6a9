/**
 * The optimized hash-tree search (sorted columns reused across levels, radix sort, gathered
 * buckets, blocked candidate scoring) against the direct search it replaced: same split dims
 * and bit-identical float64 thresholds, for the paper's objective and for output targets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import { learnTree, type HashTree, type TreeTarget } from '../../src/methods/maddness/hash-tree.js';
import { referenceTree } from '../helpers/reference-tree.js';

type Kind = 'normal' | 'relu' | 'ties' | 'signed-zeros' | 'f64';

/** (N, d) f64 values of one kind: the shapes of data that exercise ties and sort keys. */
function values(kind: Kind, N: number, d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const X = new Float64Array(N * d);
  for (let i = 0; i < X.length; i++) {
    const z = rng.normal();
    X[i] = kind === 'normal' ? Math.fround(z)
      : kind === 'relu' ? Math.fround(Math.max(0, z)) // half the entries exactly 0
      : kind === 'ties' ? rng.int(4)
      : kind === 'signed-zeros' ? (rng.int(3) === 0 ? -0 : rng.int(3) === 0 ? 0 : z)
      : z * (1 + 2 ** -40); // distinct float64 values that can share a float32 sort key
  }
  return X;
}

function sameTree(got: HashTree, want: HashTree, what: string): void {
  assert.deepEqual([...got.dims], [...want.dims], `${what}: dims`);
  for (let i = 0; i < want.thresholds.length; i++) {
    assert.ok(Object.is(got.thresholds[i], want.thresholds[i]),
      `${what}: threshold ${i} is ${got.thresholds[i]}, the direct search gives ` +
      `${want.thresholds[i]}`);
  }
}

describe('hash-tree search matches the direct search bit for bit', () => {
  it('on random shapes, kinds of values and targets', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 700 }), // N: above 256 rows a bucket spans several blocks
      fc.integer({ min: 1, max: 20 }), // d
      fc.integer({ min: 0, max: 11 }), // target width; 0: the block itself
      fc.constantFrom<Kind>('normal', 'relu', 'ties', 'signed-zeros', 'f64'),
      fc.integer({ min: 0, max: 1000 }), // seed
      (N, d, width, kind, seed) => {
        const X = values(kind, N, d, seed);
        const target: TreeTarget | undefined = width === 0 ? undefined
          : { Y: values(kind === 'ties' ? 'ties' : 'normal', N, width, seed + 1), width };
        sameTree(learnTree(X, N, d, 3, target), referenceTree(X, N, d, 3, target),
          `N ${N}, d ${d}, width ${width}, ${kind}, seed ${seed}`);
      }), { numRuns: 60, seed: 5 });
  });

  it('on small integer data, where cuts and dims tie exactly (first cut, lower dim win)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 16 }), fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 }),
      (N, d, width, seed) => {
        const X = values('ties', N, d, seed);
        const Y = values('ties', N, Math.max(1, width), seed + 1);
        const target = width === 0 ? undefined : { Y, width };
        sameTree(learnTree(X, N, d, 0, target), referenceTree(X, N, d, 0, target),
          `N ${N}, d ${d}, width ${width}, seed ${seed}`);
      }), { numRuns: 300, seed: 7 });
    // x = 0, 1, 1, 2 centred is -1, 0, 0, 1: the cuts at 0.5 and at 1.5 both gain 1 + 1/3.
    const X = Float64Array.from([0, 1, 1, 2]);
    const tree = learnTree(X, 4, 1, 0);
    assert.equal(tree.thresholds[0], 0.5);
    sameTree(tree, referenceTree(X, 4, 1, 0), 'two equal cuts');
  });

  it('on ReLU-like activations at a realistic block size (d = 32, M = 10)', () => {
    const N = 5000;
    const X = values('relu', N, 32, 9);
    const Y = values('normal', N, 10, 10);
    sameTree(learnTree(X, N, 32, 0), referenceTree(X, N, 32, 0), 'paper objective');
    sameTree(learnTree(X, N, 32, 0, { Y, width: 10 }),
      referenceTree(X, N, 32, 0, { Y, width: 10 }), 'output target');
  });
});
