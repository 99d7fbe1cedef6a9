/**
 * The paper's summary of the UCR task: for each method and setting, across the data sets, the
 * fraction of data sets whose relative accuracy is at least 0.5, 0.75 and 0.95, against the
 * median speed-up.
 * @module
 */
import { median } from '../../src/core/metrics.js';
import type { Cell } from '../../bench/experiments/cell.js';
import { paramsKey, paramsLabel, speedupOf } from './labels.js';

export const UCR_THRESHOLDS = [0.5, 0.75, 0.95] as const;

export interface UcrPoint {
  readonly method: string;
  readonly params: string;
  readonly medianSpeedup: number;
  /** Data sets at or above each of UCR_THRESHOLDS, over every data set of the task. */
  readonly fractions: number[];
  /** Data sets this setting has a cell for. */
  readonly datasets: number;
}

/**
 * One point per (method, setting) of the ucr cells. A data set the setting has no cell for
 * counts as not reaching any threshold: a method that failed there must not look better for
 * it, so every fraction has the same denominator, the data sets of the whole task.
 */
export function ucrSummary(cells: readonly Cell[]): { datasets: number; points: UcrPoint[] } {
  const ucr = cells.filter((c) => c.task === 'ucr');
  const datasets = new Set(ucr.map((c) => c.instance)).size;
  const groups = new Map<string, Cell[]>();
  for (const cell of ucr) {
    const key = JSON.stringify([cell.method, paramsKey(cell.params)]);
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const points: UcrPoint[] = [];
  for (const group of groups.values()) {
    const speedups = group.map(speedupOf).filter((s): s is number => s !== null);
    if (speedups.length === 0) continue;
    points.push({
      method: group[0].method, params: paramsLabel(group[0].params),
      medianSpeedup: median(speedups),
      fractions: UCR_THRESHOLDS.map((t) =>
        group.filter((c) => c.metric.value >= t).length / datasets),
      datasets: group.length,
    });
  }
  return { datasets, points };
}
