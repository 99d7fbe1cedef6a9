/** The best-speed-up table and the UCR summary on hand-made cells with known answers. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bestSpeedups, meetsQuality } from '../../report/page/best.js';
import { bestMarkdown } from '../../report/page/markdown.js';
import { ucrSummary } from '../../report/page/ucr.js';
import { makeCell } from '../helpers/cells.js';

describe('bestSpeedups', () => {
  const cells = [
    makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1),
    // 20× keeps only 0.9 of the accuracy; 12× keeps 0.96, the best that qualifies.
    makeCell('softmax', 'fashion-mnist', 'maddness', { codebooks: 8 }, 0.9, 20),
    makeCell('softmax', 'fashion-mnist', 'maddness', { codebooks: 16 }, 0.96, 12),
    makeCell('softmax', 'fashion-mnist', 'maddness', { codebooks: 32 }, 0.99, 6),
    makeCell('softmax', 'fashion-mnist', 'pq', { codebooks: 8 }, 0.94, 3),
    makeCell('forecast', 'gas/w4', 'maddness', { codebooks: 4 }, 0.08, 6),
    makeCell('forecast', 'gas/w4', 'maddness', { codebooks: 8 }, 0.05, 3),
    makeCell('forecast', 'gas/w16', 'pq', { codebooks: 8 }, 0.01, 1.5),
    makeCell('generalization', 'softmax', 'maddness', { codebooks: 8 }, 0.1, null,
      { metrics: { trainNmse: 0.1 } }),
  ];

  test('takes the largest speed-up whose metric keeps 0.95, per instance and method', () => {
    const [softmax] = bestSpeedups(cells);
    assert.equal(softmax.task, 'softmax');
    assert.deepEqual(softmax.methods, ['exact', 'maddness', 'pq']);
    assert.deepEqual(softmax.rules, ['accuracy relative to exact ≥ 0.95']);
    assert.deepEqual(softmax.rows, [{ instance: 'fashion-mnist', onnxMs: null, entries: [
      { speedup: 1, params: '', metric: 1, queryMs: 2 },
      { speedup: 12, params: 'codebooks=16', metric: 0.96, queryMs: 2 / 12 },
      'below',
    ] }]);
  });

  test('reads NMSE as lower is better, 0.05 included, and marks a method not run', () => {
    const forecast = bestSpeedups(cells)[1];
    assert.equal(forecast.task, 'forecast');
    assert.deepEqual(forecast.rules, ['NMSE ≤ 0.05']);
    // Instances sort by number within the name: w4 before w16.
    assert.deepEqual(forecast.rows.map((r) => r.instance), ['gas/w4', 'gas/w16']);
    assert.deepEqual(forecast.rows[0].entries,
      [{ speedup: 3, params: 'codebooks=8', metric: 0.05, queryMs: 2 / 3 }, 'not run']);
    assert.deepEqual(forecast.rows[1].entries,
      ['not run', { speedup: 1.5, params: 'codebooks=8', metric: 0.01, queryMs: 2 / 1.5 }]);
  });

  test('leaves out tasks that are not timed against exact', () => {
    assert.deepEqual(bestSpeedups(cells).map((t) => t.task), ['softmax', 'forecast']);
    assert.equal(meetsQuality(makeCell('filters', 'f', 'pq', {}, 0.95, 2)), true);
    assert.equal(meetsQuality(makeCell('filters', 'f', 'pq', {}, 0.9499, 2)), false);
  });

  test('writes the same table in Markdown', () => {
    const md = bestMarkdown(bestSpeedups(cells.slice(0, 5)), cells.slice(0, 5));
    assert.ok(md.includes([
      '## Softmax classifier (accuracy relative to exact ≥ 0.95)',
      '',
      '| instance | exact | maddness | pq |',
      '|---|---:|---:|---:|',
      '| fashion-mnist | 1 | 12 | — |',
    ].join('\n')), md);
    assert.match(md.replace(/\s+/g, ' '),
      /measured on Test CPU @ 2.0GHz \(2 cores\), Node v20.20.2, simd kernels, 1 thread/);
    assert.ok(md.split('\n').every((line) => line.length <= 100), md);
    assert.ok(!md.includes('onnxruntime'), 'no peer summary without peer times');
  });

  test('summarizes against onnxruntime-node where the exact cell holds its time', () => {
    const exact = makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1);
    const withPeer = { ...exact, timing: exact.timing === null ? null : { ...exact.timing,
      peers: { onnxruntime: { medianMs: 0.5, minMs: 0.5, maxMs: 0.5, runs: 5 }, tfjs: null } } };
    const some = [withPeer, ...cells.slice(1, 5)];
    const tables = bestSpeedups(some);
    assert.equal(tables[0].rows[0].onnxMs, 0.5);
    const md = bestMarkdown(tables, some);
    // maddness's best setting (12×) answers in 2/12 ms: 0.5 / (1/6) = 3 against onnxruntime.
    assert.ok(md.includes("## The same settings against onnxruntime-node's exact product"), md);
    assert.match(md, /\| maddness \| 3 \|/);
    assert.match(md, /\| exact \| 0\.25 \|/);
  });
});

describe('ucrSummary', () => {
  const sets = ['ucr/A', 'ucr/B', 'ucr/C', 'ucr/D'];
  const cells = [
    ...sets.map((s, i) => makeCell('ucr', s, 'maddness', { codebooks: 8 },
      [0.4, 0.6, 0.8, 0.97][i], [2, 4, 10, 30][i])),
    // pq ran on three of the four sets: the fourth counts as below every threshold.
    ...sets.slice(0, 3).map((s, i) => makeCell('ucr', s, 'pq', { codebooks: 8 },
      [0.95, 0.99, 0.75][i], [1.5, 2.5, 2][i])),
  ];

  test('counts the data sets at or above 0.5, 0.75 and 0.95 over all data sets', () => {
    const { datasets, points } = ucrSummary(cells);
    assert.equal(datasets, 4);
    assert.deepEqual(points, [
      { method: 'maddness', params: 'codebooks=8', medianSpeedup: 7,
        fractions: [0.75, 0.5, 0.25], datasets: 4 },
      { method: 'pq', params: 'codebooks=8', medianSpeedup: 2, fractions: [0.75, 0.75, 0.5],
        datasets: 3 },
    ]);
  });

  test('keeps each setting of a method apart', () => {
    const more = [...cells, makeCell('ucr', 'ucr/A', 'maddness', { codebooks: 16 }, 1, 3)];
    const points = ucrSummary(more).points;
    assert.deepEqual(points.map((p) => [p.method, p.params, p.fractions]), [
      ['maddness', 'codebooks=8', [0.75, 0.5, 0.25]],
      ['pq', 'codebooks=8', [0.75, 0.75, 0.5]],
      ['maddness', 'codebooks=16', [0.25, 0.25, 0.25]],
    ]);
  });
});
