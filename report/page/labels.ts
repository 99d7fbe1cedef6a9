/**
 * Names and keys shared by the figures, tables and page: how a setting is written, what a
 * metric is called on an axis, the order methods are listed in.
 * @module
 */
import type { Cell, TaskName } from '../../bench/experiments/cell.js';

/** The hyperparameters as `name=value, ...` in the cell's own order; '' when there are none. */
export function paramsLabel(params: Cell['params']): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** The hyperparameters in a form that is equal exactly when the settings are. */
export function paramsKey(params: Cell['params']): string {
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One key per (task, instance, method, setting): what makes two cells the same cell. */
export function cellKey(cell: Cell): string {
  return JSON.stringify([cell.task, cell.instance, cell.method, paramsKey(cell.params)]);
}

/** Speed-up over exact; the exact method is 1 by definition, whatever its own timing says. */
export function speedupOf(cell: Cell): number | null {
  return cell.method === 'exact' ? 1 : cell.timing?.speedup ?? null;
}

/** Exact first, MADDNESS next (the reference and the subject), then the rest by name. */
export function compareMethods(a: string, b: string): number {
  const rank = (m: string): number => (m === 'exact' ? 0 : m === 'maddness' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Names in reading order, numbers by value: 'gas/w4' before 'gas/w16'. */
export const compareNames = new Intl.Collator('en', { numeric: true }).compare;

const METRIC_TITLES: Record<string, string> = {
  nmse: 'NMSE', accuracy: 'accuracy', relativeAccuracy: 'accuracy relative to exact',
  oneMinusNmse: '1 − NMSE', recall1: 'recall@1', recall10: 'recall@10',
  trainNmse: 'train NMSE', testNmse: 'test NMSE',
  encodeCodesPerSecond: 'encoded codes per second', lutBuildMs: 'table build time (ms)',
  scanLookupsPerSecond: 'scan lookups per second', codeBytesPerRow: 'code bytes per row',
};

/** A metric's name as a reader knows it. */
export function metricTitle(name: string): string {
  return METRIC_TITLES[name] ?? name;
}

export const TASK_TITLES: Record<TaskName, string> = {
  softmax: 'Softmax classifier',
  filters: 'Image filters',
  ucr: 'UCR time-series classification',
  forecast: 'Forecasting',
  mips: 'Maximum inner-product search',
  generalization: 'Generalization: training rows and codebooks',
  components: 'Components: encoding, table build and scan',
};

/** A number for a table or caption: 3 significant digits, no exponent for everyday sizes. */
export function formatNumber(x: number): string {
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** `line` cut at spaces into pieces of at most `width` characters (a longer word stays whole). */
export function wrapText(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  return current === '' ? out : [...out, current];
}
