/**
 * One table over every timed task, for the README: per method and task, the median over the
 * task's instances of the best speed-up at kept quality, with how many instances any setting
 * of the method kept the quality on. An instance where none did counts as speed-up 0 in the
 * median, so a method that keeps quality on fewer than half the instances shows '—'.
 * @module
 */
import { compareMethods, formatNumber, TASK_TITLES } from './labels.js';
import type { BestTable } from './best.js';

function median(values: number[]): number {
  const v = values.slice().sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Markdown lines of the summary table; none when there is no timed task. */
export function summaryMarkdown(tables: readonly BestTable[]): string[] {
  if (tables.length === 0) return [];
  const methods = [...new Set(tables.flatMap((t) => t.methods))].sort(compareMethods);
  const column = (t: BestTable, method: string): string => {
    const m = t.methods.indexOf(method);
    if (m < 0) return '';
    const entries = t.rows.map((r) => r.entries[m]).filter((e) => e !== 'not run');
    if (entries.length === 0) return '';
    const speedups = entries.map((e) => (typeof e === 'string' ? 0 : e.speedup));
    const kept = speedups.filter((s) => s > 0).length;
    const mid = median(speedups);
    const count = entries.length > 1 ? ` (${kept}/${entries.length})` : '';
    return (mid > 0 ? formatNumber(mid) : '—') + count;
  };
  const head = ['method', ...tables.map((t) => `${TASK_TITLES[t.task]} (${t.rules.join('; ')})`)];
  return [
    '## Summary: median over instances of the best speed-up at kept quality',
    '',
    'In brackets: the instances on which some setting kept the quality, of those run.',
    '',
    `| ${head.join(' | ')} |`,
    `|${['---', ...tables.map(() => '---:')].join('|')}|`,
    ...methods.map((method) => `| ${[method, ...tables.map((t) => column(t, method))]
      .join(' | ')} |`),
    '',
  ];
}
