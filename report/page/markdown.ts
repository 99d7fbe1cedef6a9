/**
 * The best-speed-up tables in Markdown (OUT/best-speedups.md), for the README.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';
import { type BestEntry, type BestTable } from './best.js';
import { envSubtitle } from './env.js';
import { formatNumber, TASK_TITLES, wrapText } from './labels.js';
import { summaryMarkdown } from './summary.js';

/** What a table cell shows: the speed-up, '—' when no setting qualifies, blank if not run. */
export function entryText(entry: BestEntry): string {
  if (entry === 'not run') return '';
  if (entry === 'below') return '—';
  return formatNumber(entry.speedup);
}

/** The explanation printed above the tables, on the page and in the Markdown. */
export const BEST_LEGEND = 'The largest speed-up over the exact product among each ' +
  "method's settings that keep the task's headline metric within the rule named with the " +
  'table, per task instance; — where no setting does, blank where the method did not run.';

function cellText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(t: BestTable): string[] {
  const head = ['instance', ...t.methods].map(cellText);
  return [
    `## ${TASK_TITLES[t.task]} (${t.rules.join('; ')})`,
    '',
    `| ${head.join(' | ')} |`,
    `|${['---', ...t.methods.map(() => '---:')].join('|')}|`,
    ...t.rows.map((r) => `| ${[cellText(r.instance), ...r.entries.map(entryText)]
      .join(' | ')} |`),
    '',
  ];
}

/** The whole Markdown file. */
export function bestMarkdown(tables: readonly BestTable[], cells: readonly Cell[]): string {
  const timed = cells.filter((c) => tables.some((t) => t.task === c.task));
  return [
    '# Best speed-up at kept quality',
    '',
    // Wrapped like the README around it, so the file can be pasted in as it is.
    ...wrapText(BEST_LEGEND + (timed.length > 0 ? ` Cells ${envSubtitle(timed)}.` : ''), 100),
    '',
    ...(tables.length === 0 ? ['No timed task among the cells.', '']
      : [...summaryMarkdown(tables), ...tables.flatMap(table)]),
  ].join('\n');
}
