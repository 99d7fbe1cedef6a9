/** Reading a folder of cells: what counts as a cell, and the message for what does not. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Cell } from '../../bench/experiments/cell.js';
import { BadInputFileError } from '../../src/core/errors.js';
import { loadCells } from '../../report/page/cells.js';
import { sweepNotes } from '../../report/page/report.js';
import { checkCell } from '../../report/page/validate.js';
import { makeCell } from '../helpers/cells.js';

/** The problem checkCell reports for `cell` changed by `edit`. */
function problemOf(edit: (c: Record<string, any>) => void, base?: Cell): string {
  const cell = structuredClone(base ?? makeCell('softmax', 'fashion-mnist', 'pq',
    { codebooks: 8 }, 0.97, 3)) as Record<string, any>;
  edit(cell);
  const result = checkCell(cell);
  assert.ok('problem' in result, 'expected the cell to be refused');
  return result.problem;
}

describe('checkCell', () => {
  test('accepts a cell of each task made by the test helper', () => {
    for (const cell of [makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1),
      makeCell('forecast', 'gas/w4', 'maddness', { codebooks: 4 }, 0.1, 3),
      makeCell('mips', 'fashion-mnist', 'pq', {}, 0.9, 2, { metrics: { recall1: 0.5 } }),
      makeCell('generalization', 'softmax', 'maddness', { codebooks: 8 }, 0.1, null,
        { metrics: { trainNmse: 0.05 } })]) {
      assert.deepEqual(checkCell(cell), { cell });
    }
  });

  test('names the field and the value received for each kind of bad field', () => {
    assert.match(problemOf((c) => { c.schema = 'other/2'; }),
      /not a cell: 'schema' is "other\/2", expected "maddness.bench.cell\/1"/);
    assert.match(problemOf((c) => { c.task = 'speech'; }),
      /'cell.task' must be one of softmax, .*; received "speech"/);
    assert.match(problemOf((c) => { delete c.instance; }),
      /'cell.instance' must be a non-empty string; received nothing \(the field is missing\)/);
    assert.match(problemOf((c) => { c.metric.value = '0.9'; }),
      /'cell.metric.value' must be a finite number; received "0.9"/);
    assert.match(problemOf((c) => { c.metrics.nmse = null; }),
      /'cell.metrics.nmse' must be a finite number; received null/);
    assert.match(problemOf((c) => { c.params.codebooks = [8]; }),
      /'cell.params.codebooks' must be a number, string or boolean; received \[8\]/);
    assert.match(problemOf((c) => { c.timing.speedup = 0; }),
      /'cell.timing.speedup' must be above 0; received 0/);
    // The page reads the peers' times, and the mean over trials reads every trial's.
    assert.match(problemOf((c) => { delete c.timing.peers; }),
      /'cell.timing.peers' must be an object; received nothing/);
    assert.match(problemOf((c) => { c.timing.peers.tfjs = 3; }),
      /'cell.timing.peers.tfjs' must be null \(not installed\) or a timing; received 3/);
    assert.match(problemOf((c) => { c.timing.peers.onnxruntime = { medianMs: -1 }; }),
      /'cell.timing.peers.onnxruntime.medianMs' must be above 0; received -1/);
    assert.match(problemOf((c) => { c.env.threads = 1.5; }),
      /'cell.env.threads' must be whole; received 1.5/);
    assert.match(problemOf((c) => { c.shape.N = -1; }),
      /'cell.shape.N' must be a whole number; received -1/);
  });

  test('refuses image paths outside the folder and files that are not PNG', () => {
    assert.match(problemOf((c) => { c.images = ['../secret.png']; }),
      /'cell.images\[0\]' must be a path inside the cells' folder, without '..'/);
    assert.match(problemOf((c) => { c.images = ['ok.png', '/etc/x.png']; }),
      /'cell.images\[1\]' must be a path inside/);
    assert.match(problemOf((c) => { c.images = ['a.jpg']; }),
      /'cell.images\[0\]' must name a .png file; received "a.jpg"/);
  });

  test("refuses a cell without what its task's figure reads", () => {
    assert.match(problemOf((c) => { c.timing = null; }),
      /a softmax cell of method pq needs 'cell.timing' \(its speed-up is the x axis\)/);
    const mips = makeCell('mips', 'fashion-mnist', 'pq', {}, 0.9, 2);
    assert.match(problemOf(() => {}, mips), /a mips cell needs 'cell.metrics.recall1'/);
    const gen = makeCell('generalization', 'softmax', 'maddness', {}, 0.1, null,
      { metrics: { trainNmse: 0.1 } });
    assert.match(problemOf(() => {}, gen),
      /a generalization cell needs a number 'cell.params.codebooks'/);
    const ucr = makeCell('ucr', 'ucr/ECG200', 'pq', {}, 0.9, 2);
    assert.match(problemOf((c) => { c.metric.higherIsBetter = false; }, ucr),
      /a ucr cell's metric must be relative accuracy/);
  });

  test('takes an exact cell without timing: its speed-up is 1 by definition', () => {
    const cell = makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, null);
    assert.deepEqual(checkCell(cell), { cell });
  });
});

describe('loadCells', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'maddness-report-cells-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (file: string, content: unknown): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), typeof content === 'string' ? content
      : JSON.stringify(content));
  };

  test('refuses a missing folder, a file, and a folder without cells, naming the path', () => {
    assert.throws(() => loadCells(join(dir, 'nope')), (e: unknown) =>
      e instanceof BadInputFileError && e.message.includes(join(dir, 'nope')) &&
      e.message.includes('the folder does not exist'));
    put('a.json', '{}');
    assert.throws(() => loadCells(join(dir, 'a.json')), /it is a file, not a folder of cells/);
    mkdirSync(join(dir, 'empty'));
    assert.throws(() => loadCells(join(dir, 'empty')),
      /holds no .json file; expected the cells of the experiments runner/);
    assert.throws(() => loadCells(dir), /none of its 1 .json files is a cell: a.json skipped/);
  });

  test('reads cells in subfolders and notes each file it skips, with the reason', () => {
    put('x/y/one.json', makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1));
    put('x/two.json', makeCell('softmax', 'fashion-mnist', 'pq', { codebooks: 8 }, 0.9, 3));
    put('x/image.png', 'not read: only .json files are candidate cells');
    put('bad.json', '[1, 2');
    put('other.json', { schema: 'something/1' });
    const { cells, notes } = loadCells(dir);
    assert.deepEqual(cells.map((c) => c.file), ['x/two.json', 'x/y/one.json']);
    assert.equal(notes.length, 2);
    assert.match(notes[0], /^bad.json skipped: is not JSON \(/);
    assert.match(notes[1], /^other.json skipped: not a cell: 'schema' is "something\/1"/);
  });

  test('keeps the later of two files holding the same cell and notes the other', () => {
    const early = makeCell('softmax', 'fashion-mnist', 'pq', { seed: 0, codebooks: 8 }, 0.9, 3);
    const late = structuredClone(early) as Cell;
    (late.env as { date: string }).date = '2026-01-01T00:00:00.000Z';
    // Same setting written in another key order: still the same cell.
    (late as { params: Cell['params'] }).params = { codebooks: 8, seed: 0 };
    put('b.json', early);
    put('a.json', late);
    const { cells, notes } = loadCells(dir);
    assert.deepEqual(cells.map((c) => c.file), ['a.json']);
    assert.deepEqual(notes, ['b.json dropped: a.json holds the same cell, measured later']);
  });
});

test('a note when the cells mix sweeps, none when they are of one', () => {
  const quick: Cell = { ...makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1),
    sweep: 'quick' };
  const full = makeCell('softmax', 'fashion-mnist', 'maddness', { codebooks: 8 }, 0.9, 3);
  assert.deepEqual(sweepNotes([full, full]), []);
  assert.deepEqual(sweepNotes([quick, full, full]),
    ['the cells come from more than one sweep (2 full, 1 quick); the figures mix them']);
});
