/** Rendering the report's figures: files written, SVG returned, vega-lite warnings kept. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { renderFigures } from '../../report/page/figures.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'maddness-report-render-'));
  mkdirSync(join(dir, 'figures'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('writes SVG and PNG, returns the SVG, and hands warnings back as notes', async () => {
  // A shape channel on bars is dropped by vega-lite, with a warning.
  const spec = { data: { values: [{ a: 1, b: 'x' }] }, mark: 'bar',
    encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b' } } };
  const { figures, notes } = await renderFigures([{ task: 'softmax', spec }], dir);
  assert.equal(figures.length, 1);
  assert.equal(figures[0].file, 'figures/softmax');
  assert.match(figures[0].svg, /^<svg /);
  assert.ok(existsSync(join(dir, 'figures', 'softmax.svg')));
  assert.ok(existsSync(join(dir, 'figures', 'softmax.png')));
  assert.deepEqual(notes, ['figure softmax: shape dropped as it is incompatible with "bar".']);
});
