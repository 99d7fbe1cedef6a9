/**
 * The page's tables as HTML: best speed-ups, environments, and the notes on skipped files.
 * Every text that comes from a cell is escaped: a cell file is data, never markup.
 * @module
 */
import type { BestTable } from './best.js';
import type { EnvRow } from './env.js';
import { formatNumber } from './labels.js';
import { BEST_LEGEND, entryText } from './markdown.js';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function row(cells: string[], tag = 'td'): string {
  return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
}

/** A task's best speed-ups; each number carries the setting that reached it. */
export function bestTableHtml(t: BestTable): string {
  const body = t.rows.map((r) => row([esc(r.instance), ...r.entries.map((e) =>
    typeof e === 'string' ? entryText(e)
      : `${entryText(e)}<br><small>${esc(e.params)}${e.params === '' ? '' : ', '}metric ` +
        `${formatNumber(e.metric)}</small>`)]));
  return [
    `<p class="legend">${esc(BEST_LEGEND)} Rule: ${esc(t.rules.join('; '))}.</p>`,
    // Nineteen methods make the table wider than the page: it scrolls, the page does not.
    '<div class="wide"><table class="best">',
    `<thead>${row(['instance', ...t.methods].map(esc), 'th')}</thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}

export function envTableHtml(rows: readonly EnvRow[]): string {
  const head = ['machine', 'cores', 'Node', 'kernels', 'threads', 'cells', 'measured'];
  const body = rows.map((r) => row([esc(r.machine), String(r.cores), esc(r.node),
    esc(r.kernels), String(r.threads), String(r.cells),
    esc(r.first === r.last ? r.first : `${r.first} to ${r.last}`)]));
  return ['<table class="env">', `<thead>${row(head, 'th')}</thead>`,
    `<tbody>${body.join('\n')}</tbody>`, '</table>'].join('\n');
}

export function notesHtml(notes: readonly string[]): string {
  if (notes.length === 0) return '<p>Every .json file under the folder was read as a cell.</p>';
  return `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('\n')}</ul>`;
}
