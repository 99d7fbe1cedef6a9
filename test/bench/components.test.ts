/**
 * The components task's parts: encode then scan gives each method's own product, bit for bit,
 * and the table build rebuilds the same tables; so the separately timed parts are the query.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Matrix } from '../../src/core/matrix.js';
import { Rng } from '../../src/core/rng.js';
import { COMPONENT_METHODS, componentParts }
  from '../../bench/experiments/tasks/component-parts.js';
import { componentsTask } from '../../bench/experiments/tasks/components.js';

function rows(n: number, d: number, seed: number): Matrix {
  const rng = new Rng(seed);
  return { rows: n, cols: d, data: Float32Array.from({ length: n * d }, () => rng.normal()) };
}

for (const method of COMPONENT_METHODS) {
  test(`component parts of ${method}: scan(encode(A)) is the method's product`, () => {
    const train = rows(600, 32, 1);
    const A = rows(70, 32, 2);
    const B = rows(32, 5, 3);
    const parts = componentParts(method, 8, train, A, B);
    const Y = parts.query();
    const codes = parts.encode();
    assert.deepEqual(parts.scan(codes), Y.data);
    parts.build();
    assert.deepEqual(parts.scan(parts.encode()), Y.data);
    assert.equal(parts.codeBytesPerRow, method === 'maddness' || method === 'bolt' ? 4 : 8);
  });
}

test('components: one job per method and C, the --methods filter honoured', () => {
  const options = { quick: true, dataDir: '', cacheDir: '', root: '' };
  const all = componentsTask.jobs(options, null);
  assert.deepEqual([...new Set(all.map((j) => j.id.method))], [...COMPONENT_METHODS]);
  assert.equal(all.length, 3 * COMPONENT_METHODS.length);
  assert.deepEqual(componentsTask.jobs({ ...options, quick: false }, ['bolt', 'exact'])
    .map((j) => j.id.params), [8, 16, 32, 64].map((codebooks) => ({ codebooks })));
  assert.deepEqual(componentsTask.jobs(options, ['exact']), []);
});
