/**
 * The generalization figure: train and test NMSE against the training rows (one line per C)
 * and against C (one line per row count), so the train/test gap can be seen to close as the
 * rows grow. One panel per instance (and method, when there are several).
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

/** One row of a concatenated figure: a panel per instance, `x` on a log axis. */
function row(names: string[], x: object, color: object): object {
  return {
    facet: { field: 'panel', type: 'nominal', title: null, sort: names },
    columns: Math.min(3, names.length),
    spec: {
      ...PANEL,
      mark: { type: 'line', strokeWidth: 1.5, point: { filled: true, size: 30 } },
      encoding: {
        x,
        y: { field: 'nmse', type: 'quantitative', title: 'NMSE (log scale)', scale: fittedLog },
        color: { ...color, legend: { orient: 'right' } },
        // Named in the subtitle instead: with points on the lines vega draws this legend blank.
        strokeDash: { field: 'split', type: 'nominal', sort: ['train', 'test'], legend: null },
      },
    },
    resolve: { scale: { y: 'independent', color: 'independent' } },
  };
}

/** The figure of the generalization cells; null when there are none. */
export function generalizationSpec(cells: readonly Cell[]): object | null {
  const mine = cells.filter((c) => c.task === 'generalization');
  if (mine.length === 0) return null;
  const several = new Set(mine.map((c) => c.method)).size > 1;
  const values = mine.flatMap((c) => (['train', 'test'] as const).map((split) => ({
    panel: several ? `${c.instance} · ${c.method}` : c.instance,
    trainRows: trainRowsOf(c), codebooks: c.params.codebooks, split,
    nmse: Math.max(LOG_FLOOR, split === 'train' ? c.metrics.trainNmse : c.metrics.testNmse),
  })));
  const names = [...new Set(values.map((v) => v.panel))].sort(compareNames);
  const ticks = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);
  const rows = ticks(values.map((v) => v.trainRows));
  const cs = ticks(values.map((v) => v.codebooks as number));
  const lines = ['train (solid) and test (dashed) NMSE against the training rows, one line ' +
    'per C (top), and against C, one line per row count (bottom); ' +
    `values below ${LOG_FLOOR} drawn at ${LOG_FLOOR}`];
  return frame(TASK_TITLES.generalization, lines, mine, {
    data: { values },
    vconcat: [
      // Ticks at the settings measured: a log axis's own ticks would hide which they were.
      row(names, { field: 'trainRows', type: 'quantitative', scale: fittedLog,
        axis: { values: rows }, title: 'training rows (log scale)' },
      { field: 'codebooks', type: 'ordinal', title: 'C', scale: { scheme: 'viridis' } }),
      row(names, { field: 'codebooks', type: 'quantitative',
        scale: { ...fittedLog, base: 2 }, axis: { values: cs }, title: 'codebooks C (log scale)' },
      { field: 'trainRows', type: 'ordinal', title: 'training rows',
        scale: { scheme: 'plasma' } }),
    ],
    resolve: { scale: { color: 'independent' } },
  });
}
