/** The page's HTML and the figure specs, checked without rendering. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TASKS } from '../../bench/experiments/cell.js';
import { bestSpeedups } from '../../report/page/best.js';
import { figureSpecs } from '../../report/page/figures.js';
import { pageHtml, scopeSvgIds } from '../../report/page/html.js';
import { wrapText } from '../../report/page/labels.js';
import { makeCell, syntheticCells } from '../helpers/cells.js';

describe('report page', () => {
  test('prefixes the ids of an inlined SVG and every reference to them', () => {
    const svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)">' +
      '<use href="#clip1"/><a href="#elsewhere"/></g></svg>';
    assert.equal(scopeSvgIds(svg, 'ucr-'), '<svg><clipPath id="ucr-clip1"><rect/></clipPath>' +
      '<g clip-path="url(#ucr-clip1)"><use href="#ucr-clip1"/><a href="#elsewhere"/></g></svg>');
  });

  test('escapes text from the cells: a cell file is data, never markup', () => {
    const cell = makeCell('softmax', '<img src=x onerror=alert(1)>', 'pq"><b>',
      { note: '</td>' }, 0.99, 2);
    const html = pageHtml({ inDir: 'in&out', cells: [{ cell, file: 'a.json' }], figures: [],
      tables: bestSpeedups([cell]), images: [], notes: ['<script>x</script>.json skipped'] });
    assert.doesNotMatch(html, /<img src=x|<b>|<\/td>\.|<script>x/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /in&amp;out/);
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;.json skipped/);
  });

  test('has one figure spec per task present, in the runner order', () => {
    const cells = syntheticCells().map((c) => c.cell);
    assert.deepEqual(figureSpecs(cells).map((f) => f.task), [...TASKS]);
    assert.deepEqual(figureSpecs(cells.filter((c) => c.task === 'ucr')).map((f) => f.task),
      ['ucr']);
  });

  test('puts the environment in every subtitle and wraps long lines', () => {
    for (const { spec } of figureSpecs(syntheticCells().map((c) => c.cell))) {
      const subtitle = (spec as { title: { subtitle: string[] } }).title.subtitle;
      assert.ok(subtitle.every((line) => line.length <= 90), subtitle.join('\n'));
      assert.match(subtitle.join(' '), /Test CPU @ 2.0GHz \(2 cores\), Node v20.20.2, simd /);
    }
    assert.deepEqual(wrapText('a '.repeat(60).trim(), 90).map((l) => l.length), [89, 29]);
    assert.deepEqual(wrapText(`${'x'.repeat(95)} y`, 90), ['x'.repeat(95), 'y']);
  });
});
