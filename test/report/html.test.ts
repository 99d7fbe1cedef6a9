/** The page's HTML and the figure specs, checked without rendering. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TASKS } from '../../bench/experiments/cell.js';
import { bestSpeedups } from '../../report/page/best.js';
import { figureSpecs } from '../../report/page/figures.js';
import { pageHtml, scopeSvgIds } from '../../report/page/html.js';
import { esc } from '../../report/page/html-tables.js';
import { wrapText } from '../../report/page/labels.js';
import { methodColor, methodShape } from '../../report/page/spec-common.js';
import { sweepCells, trainRowsOf } from '../../report/page/spec-generalization.js';
import { TASK_NOTES } from '../../report/page/task-notes.js';
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

describe('report figures', () => {
  test('methods differ in colour or shape, even where the palette repeats', () => {
    const methods = ['exact', ...Array.from({ length: 40 }, (_, i) => `m${i}`)];
    const colour = methodColor(methods) as { scale: { range: string[] } };
    const shape = methodShape(methods) as { scale: { range: string[] } };
    const pairs = methods.map((_, i) => `${colour.scale.range[i]} ${shape.scale.range[i]}`);
    assert.equal(new Set(pairs).size, methods.length);
    assert.equal(new Set(colour.scale.range.slice(1, 19)).size, 18);
  });

  test('generalization: each row draws its own sweep, not the other one\'s lone points', () => {
    const cell = (C: number, rows: number) => makeCell('generalization', 'softmax', 'maddness',
      { codebooks: C, trainRows: rows }, 0.1, null, { metrics: { trainNmse: 0.05 } });
    const cells = [1000, 4000, 16000].map((n) => cell(16, n))
      .concat([4, 8, 32].map((C) => cell(C, 16000)));
    assert.deepEqual(sweepCells(cells, (c) => c.params.codebooks as number, trainRowsOf)
      .map((c) => c.params.trainRows), [1000, 4000, 16000]);
    assert.deepEqual(sweepCells(cells, trainRowsOf, (c) => c.params.codebooks as number)
      .map((c) => c.params.codebooks), [16, 4, 8, 32]);
  });

  test('every task section says what the task measures', () => {
    const cells = syntheticCells().map((c) => ({ cell: c.cell, file: c.file }));
    const html = pageHtml({ inDir: 'in', cells, figures: [], tables: [], images: [],
      notes: [] });
    for (const task of TASKS) {
      const section = html.split(`<section id="task-${task}">`)[1].split('</section>')[0];
      assert.ok(section.includes(esc(TASK_NOTES[task])), task);
    }
    assert.match(html, /idle stretches/);
  });
});
