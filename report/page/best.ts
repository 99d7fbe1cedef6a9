/**
 * The table of the best speed-up each method reaches while keeping its quality: per task
 * instance, the largest speed-up among the method's settings whose headline metric is at
 * least 0.95 (relative accuracy, 1 − NMSE, recall: higher is better) or at most 0.05 (NMSE:
 * lower is better).
 * @module
 */
import { TASKS, type Cell, type TaskName } from '../../bench/experiments/cell.js';
import { compareMethods, compareNames, metricTitle, paramsLabel, speedupOf } from './labels.js';

/** The tasks whose cells are timed against the exact product. */
export const SPEEDUP_TASKS: readonly TaskName[] = ['softmax', 'filters', 'ucr', 'forecast',
  'mips'];

/** Least quality kept, for metrics where higher is better; 1 minus it bounds NMSE. */
export const QUALITY = 0.95;

/** Whether a cell keeps the quality the table asks for. */
export function meetsQuality(cell: Cell): boolean {
  return cell.metric.higherIsBetter ? cell.metric.value >= QUALITY
    : cell.metric.value <= 1 - QUALITY;
}

/** The rule in words, for one metric. */
export function qualityRule(metricName: string, higherIsBetter: boolean): string {
  const name = metricTitle(metricName);
  // toFixed: 1 - 0.95 is 0.050000000000000044 in floating point.
  return higherIsBetter ? `${name} ≥ ${QUALITY}` : `${name} ≤ ${(1 - QUALITY).toFixed(2)}`;
}

/**
 * The best qualifying setting (its speed-up, label, metric and query time in ms), 'below'
 * when the method ran but none qualifies.
 */
export type BestEntry = { speedup: number; params: string; metric: number; queryMs: number } |
  'below' | 'not run';

export interface BestTable {
  readonly task: TaskName;
  /** The rule of each metric the task's cells use (one, normally). */
  readonly rules: string[];
  readonly methods: string[];
  /**
   * Per instance, the entries by method, and onnxruntime-node's time of the exact product on
   * that instance (from its exact cell; null where not measured).
   */
  readonly rows: { instance: string; entries: BestEntry[]; onnxMs: number | null }[];
}

function best(cells: Cell[]): BestEntry {
  if (cells.length === 0) return 'not run';
  let top: BestEntry = 'below';
  for (const cell of cells) {
    const speedup = speedupOf(cell);
    if (speedup === null || !meetsQuality(cell)) continue;
    if (top === 'below' || speedup > top.speedup) {
      top = { speedup, params: paramsLabel(cell.params), metric: cell.metric.value,
        queryMs: cell.timing?.query.medianMs ?? NaN };
    }
  }
  return top;
}

/** One table per timed task present in `cells`, in the runner's task order. */
export function bestSpeedups(cells: readonly Cell[]): BestTable[] {
  const tables: BestTable[] = [];
  for (const task of TASKS.filter((t) => SPEEDUP_TASKS.includes(t))) {
    const mine = cells.filter((c) => c.task === task);
    if (mine.length === 0) continue;
    const methods = [...new Set(mine.map((c) => c.method))].sort(compareMethods);
    const instances = [...new Set(mine.map((c) => c.instance))].sort(compareNames);
    const rules = [...new Set(mine.map((c) => qualityRule(c.metric.name,
      c.metric.higherIsBetter)))];
    const rows = instances.map((instance) => ({ instance,
      entries: methods.map((method) =>
        best(mine.filter((c) => c.instance === instance && c.method === method))),
      onnxMs: mine.find((c) => c.instance === instance && c.method === 'exact')?.timing?.peers
        .onnxruntime?.medianMs ?? null }));
    tables.push({ task, rules, methods, rows });
  }
  return tables;
}
