/**
 * One table over every timed task, for the README: per method and task, the median over the
 * task's instances of the best speed-up at kept quality, with how many instances any setting
 * of the method kept the quality on. An instance where none did counts as speed-up 0 in the
 * median, so a method that keeps quality on fewer than half the instances shows '—'.
 * @module
 */
import { median } from '../../src/core/metrics.js';
import { compareMethods, formatNumber, TASK_TITLES, wrapText } from './labels.js';
import type { BestTable } from './best.js';

type Row = BestTable['rows'][number];
type Best = Exclude<BestTable['rows'][number]['entries'][number], string>;

/**
 * The cell of one method and task: the median over instances of `value` of the best entry
 * (0 where no setting kept the quality), with the instances kept in brackets; blank where
 * the method did not run or no instance has a value.
 */
function column(t: BestTable, method: string, value: (e: Best, row: Row) => number | null):
  string {
  const m = t.methods.indexOf(method);
  if (m < 0) return '';
  const values: number[] = [];
  for (const row of t.rows) {
    const e = row.entries[m];
    if (e === 'not run') continue;
    const v = e === 'below' ? 0 : value(e, row);
    if (v !== null) values.push(v);
  }
  if (values.length === 0) return '';
  const kept = values.filter((s) => s > 0).length;
  const mid = median(values);
  const count = values.length > 1 ? ` (${kept}/${values.length})` : '';
  return (mid > 0 ? formatNumber(mid) : '—') + count;
}

function summaryTable(tables: readonly BestTable[], title: string, note: string,
  value: (e: Best, row: Row) => number | null): string[] {
  const methods = [...new Set(tables.flatMap((t) => t.methods))].sort(compareMethods);
  const head = ['method', ...tables.map((t) => `${TASK_TITLES[t.task]} (${t.rules.join('; ')})`)];
  return [
    `## ${title}`,
    '',
    ...wrapText(note, 100),
    '',
    `| ${head.join(' | ')} |`,
    `|${['---', ...tables.map(() => '---:')].join('|')}|`,
    ...methods.map((method) => `| ${[method, ...tables.map((t) => column(t, method, value))]
      .join(' | ')} |`),
    '',
  ];
}

/**
 * Markdown lines of the summary tables: against the project's exact product, and, where the
 * exact cells hold onnxruntime-node's time, against that (its time on the instance over the
 * query time of the same best setting; the two were timed in one run, not side by side).
 * None when there is no timed task.
 */
export function summaryMarkdown(tables: readonly BestTable[]): string[] {
  if (tables.length === 0) return [];
  const lines = summaryTable(tables,
    'Summary: median over instances of the best speed-up at kept quality',
    'In brackets: the instances on which some setting kept the quality, of those run.',
    (e) => e.speedup);
  if (!tables.some((t) => t.rows.some((r) => r.onnxMs !== null))) return lines;
  return [...lines, ...summaryTable(tables,
    'The same settings against onnxruntime-node\'s exact product',
    "Median over instances of onnxruntime-node's time for the exact product over the query " +
    'time of the best setting above (both timed in the same run, not in alternating rounds).',
    (e, row) => (row.onnxMs === null ? null : row.onnxMs / e.queryMs))];
}
