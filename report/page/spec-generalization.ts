/**
 * The generalization figure: train and test NMSE against the training rows at one C (top row)
 * and against C at one row count (bottom row), one panel per instance (and method, when there
 * are several), so the train/test gap can be seen to close as the rows grow.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';
import { compareNames, TASK_TITLES } from './labels.js';
import { fittedLog, frame, LOG_FLOOR, PANEL } from './spec-common.js';

/** Training rows of a cell: the runner's `trainRows` setting, else the rows fit was given. */
export function trainRowsOf(cell: Cell): number {
  const rows = cell.params.trainRows;
  return typeof rows === 'number' ? rows : cell.shape.N_train;
}

const codebooksOf = (cell: Cell): number => cell.params.codebooks as number;

/**
 * The cells of one sweep: those at the value of `fixed` under which `varied` takes the most
 * values (the runner sweeps the rows at C = 16 and C at the most rows; a cell of the other
 * sweep would be a lone point on this one's axis). Ties go to the larger fixed value.
 */
export function sweepCells(cells: readonly Cell[], fixed: (c: Cell) => number,
  varied: (c: Cell) => number): Cell[] {
  const by = new Map<number, Set<number>>();
  for (const c of cells) by.set(fixed(c), (by.get(fixed(c)) ?? new Set()).add(varied(c)));
  let best: number | null = null;
  let top = 0;
  for (const [value, seen] of by) {
    if (best === null || seen.size > top || (seen.size === top && value > best)) {
      best = value;
      top = seen.size;
    }
  }
  return cells.filter((c) => fixed(c) === best);
}

interface Point {
  panel: string;
  x: number;
  split: 'train' | 'test';
  nmse: number;
}

/** Points of one row: each panel's sweep, train and test NMSE. */
function points(cells: readonly Cell[], panelOf: (c: Cell) => string, fixed: (c: Cell) => number,
  varied: (c: Cell) => number, label: (value: number) => string): Point[] {
  const panels = [...new Set(cells.map(panelOf))];
  return panels.flatMap((panel) => {
    const sweep = sweepCells(cells.filter((c) => panelOf(c) === panel), fixed, varied);
    const name = `${panel} · ${label(fixed(sweep[0]))}`;
    return sweep.flatMap((c) => (['train', 'test'] as const).map((split) => ({
      panel: name, x: varied(c), split,
      nmse: Math.max(LOG_FLOOR, split === 'train' ? c.metrics.trainNmse : c.metrics.testNmse),
    })));
  });
}

/** One row of the figure: a panel per instance, `x` on a log axis at the values measured. */
function row(values: Point[], title: string, base: number): object {
  const names = [...new Set(values.map((v) => v.panel))].sort(compareNames);
  return {
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: names },
    columns: Math.min(3, names.length),
    spec: {
      ...PANEL,
      mark: { type: 'line', strokeWidth: 1.5, point: { filled: true, size: 30 } },
      encoding: {
        // Ticks at the settings measured: a log axis's own ticks would hide which they were.
        x: { field: 'x', type: 'quantitative', title, scale: { ...fittedLog, base },
          axis: { values: [...new Set(values.map((v) => v.x))].sort((a, b) => a - b) } },
        y: { field: 'nmse', type: 'quantitative', title: 'NMSE (log scale)', scale: fittedLog },
        color: { field: 'split', type: 'nominal', title: 'rows scored', sort: ['train', 'test'],
          scale: { domain: ['train', 'test'], range: ['#4c78a8', '#e45756'] },
          legend: { orient: 'right' } },
        strokeDash: { field: 'split', type: 'nominal', sort: ['train', 'test'] },
        order: { field: 'x', type: 'quantitative' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The figure of the generalization cells; null when there are none. */
export function generalizationSpec(cells: readonly Cell[]): object | null {
  const mine = cells.filter((c) => c.task === 'generalization');
  if (mine.length === 0) return null;
  const several = new Set(mine.map((c) => c.method)).size > 1;
  const panelOf = (c: Cell): string => (several ? `${c.instance} · ${c.method}` : c.instance);
  const byRows = points(mine, panelOf, codebooksOf, trainRowsOf, (C) => `C = ${C}`);
  const byC = points(mine, panelOf, trainRowsOf, codebooksOf, (n) => `${n} training rows`);
  const lines = ['NMSE on the training rows (solid) and on test rows (dashed) against the ' +
    'training rows at one C (top), and against C at the most rows (bottom); ' +
    `values below ${LOG_FLOOR} drawn at ${LOG_FLOOR}`];
  return frame(TASK_TITLES.generalization, lines, mine, {
    vconcat: [row(byRows, 'training rows (log scale)', 10),
      row(byC, 'codebooks C (log scale)', 2)],
  });
}
