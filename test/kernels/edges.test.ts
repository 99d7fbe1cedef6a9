/**
 * The loaded build of the encoder and scans against the scalar twins on edge inputs (see
 * test/helpers/kernel-edges.ts); relaxed.test.ts runs the same cases on the relaxed build.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kernelEdgeCases } from '../helpers/kernel-edges.js';

test('encoder and scans equal their scalar twins bit for bit on edge inputs', () => {
  const { cases, mismatches } = kernelEdgeCases();
  assert.ok(cases > 1000, `${cases} cases`);
  assert.deepEqual(mismatches, []);
});
