/**
 * The report page: one self-contained HTML file (figures inlined as SVG, images copied beside
 * it, no external script, font or style sheet), a section per task, then the environments and
 * the notes on what was skipped.
 * @module
 */
import { TASKS, type Cell, type TaskName } from '../../bench/experiments/cell.js';
import type { BestTable } from './best.js';
import type { LoadedCell } from './cells.js';
import { environments } from './env.js';
import type { RenderedFigure } from './figures.js';
import { bestTableHtml, envTableHtml, esc, notesHtml } from './html-tables.js';
import type { PageImage } from './images.js';
import { compareMethods, formatNumber, TASK_TITLES } from './labels.js';
import { TASK_NOTES } from './task-notes.js';

export interface PageInput {
  /** The folder the cells were read from, as the user named it. */
  readonly inDir: string;
  /** The settings: cells with the trials of each seed averaged. */
  readonly cells: readonly LoadedCell[];
  /** The cells read before that (default: as many as the settings). */
  readonly cellsRead?: number;
  readonly figures: readonly RenderedFigure[];
  readonly tables: readonly BestTable[];
  readonly images: readonly PageImage[];
  readonly notes: readonly string[];
}

const STYLE = `
body { font-family: 'DejaVu Sans', Verdana, sans-serif; margin: 2em auto; max-width: 1240px;
  padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
figure { margin: 1em 0; } figure.figure svg { max-width: 100%; height: auto; }
figcaption, .legend, small { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; vertical-align: top; }
td { text-align: right; } td:first-child { text-align: left; } th { background: #f4f4f4; }
.wide { overflow-x: auto; }
.images { display: flex; flex-wrap: wrap; gap: 1em; }
.images figure { max-width: 600px; } .images img { max-width: 100%; image-rendering: pixelated; }
`;

/** Marks what a headless browser test reads: figures present and whether every image loaded. */
const SCRIPT = `
(() => {
  const body = document.body;
  body.dataset.figures = String(document.querySelectorAll('figure.figure > svg').length);
  const images = Array.from(document.images);
  body.dataset.images = String(images.length);
  const check = () => {
    const ok = images.filter((i) => i.complete && i.naturalWidth > 0).length;
    body.dataset.imagesOk = String(ok);
    if (ok === images.length) body.dataset.imagesLoaded = 'true';
  };
  images.forEach((i) => i.addEventListener('load', check));
  check();
})();
`;

/**
 * vega numbers its clip paths and gradients from 1 in each SVG, so two figures inlined in one
 * page would share ids and the second would clip by the first's shapes; a prefix per figure
 * keeps them apart.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  if (ids.size === 0) return svg;
  const ref = (whole: string, id: string, make: (id: string) => string): string =>
    ids.has(id) ? make(prefix + id) : whole;
  return svg.replace(/\bid="([^"]+)"/g, (w, id: string) => ref(w, id, (x) => `id="${x}"`))
    .replace(/url\(#([^)]+)\)/g, (w, id: string) => ref(w, id, (x) => `url(#${x})`))
    .replace(/href="#([^"]+)"/g, (w, id: string) => ref(w, id, (x) => `href="#${x}"`));
}

/** A relative path as a URL: each part escaped, so '#', '?' or spaces in names still work. */
function url(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function figureHtml(f: RenderedFigure): string {
  return [`<figure class="figure" data-task="${f.task}">`,
    scopeSvgIds(f.svg, `${f.task}-`),
    `<figcaption>Also as <a href="${url(f.file)}.svg">SVG</a> and ` +
      `<a href="${url(f.file)}.png">PNG</a>.</figcaption>`, '</figure>'].join('\n');
}

function imagesHtml(images: readonly PageImage[]): string {
  const items = images.map((im) => `<figure class="image"><img src="${url(im.src)}" ` +
    `alt="${esc(im.caption)}"><figcaption>${esc(im.instance)}: exact and ` +
    `${esc(im.caption)}, side by side</figcaption></figure>`);
  return `<h3>Images</h3>\n<div class="images">\n${items.join('\n')}\n</div>`;
}

/**
 * The exact product's time on each instance, by the project's GEMM and by the peer libraries
 * timed in the same run (from the exact method's cells); empty when no peer was timed.
 */
function exactTimesHtml(cells: readonly Cell[]): string {
  const exact = cells.filter((c) => c.method === 'exact' && c.timing !== null);
  if (!exact.some((c) => c.timing?.peers.onnxruntime || c.timing?.peers.tfjs)) return '';
  const ms = (t: { medianMs: number } | null | undefined): string =>
    t ? formatNumber(t.medianMs) : 'not installed';
  const rows = exact.map((c) => `<tr><td>${esc(c.instance)}</td><td>${ms(c.timing?.exact)}` +
    `</td><td>${ms(c.timing?.peers.onnxruntime)}</td><td>${ms(c.timing?.peers.tfjs)}</td></tr>`);
  return ['<h3>The exact product, ms (median, one thread)</h3>', '<table class="exact">',
    '<thead><tr><th>instance</th><th>own GEMM</th><th>onnxruntime-node</th>' +
      '<th>tfjs-backend-wasm</th></tr></thead>', `<tbody>${rows.join('\n')}</tbody>`,
    '</table>'].join('\n');
}

function section(task: TaskName, input: PageInput): string {
  const cells = input.cells.filter((c) => c.cell.task === task).map((c) => c.cell);
  const instances = new Set(cells.map((c) => c.instance)).size;
  const methods = [...new Set(cells.map((c) => c.method))].sort(compareMethods);
  const figure = input.figures.find((f) => f.task === task);
  const table = input.tables.find((t) => t.task === task);
  const images = input.images.filter((im) => im.task === task);
  return [
    `<section id="task-${task}">`, `<h2>${esc(TASK_TITLES[task])}</h2>`,
    `<p class="task">${esc(TASK_NOTES[task])}</p>`,
    `<p>${cells.length} cells, ${instances} instance${instances === 1 ? '' : 's'}; methods: ` +
      `${esc(methods.join(', '))}.</p>`,
    figure === undefined ? '<p>No figure: none of these cells has what it plots.</p>'
      : figureHtml(figure),
    table === undefined ? '' : `<h3>Best speed-up at kept quality</h3>\n${bestTableHtml(table)}`,
    exactTimesHtml(cells),
    images.length === 0 ? '' : imagesHtml(images),
    '</section>',
  ].filter((s) => s !== '').join('\n');
}

/** How many cells were read, and the settings they make when the seeds' trials merge. */
function readText(input: PageInput): string {
  const read = input.cellsRead ?? input.cells.length;
  return read === input.cells.length ? `${read} cells read from`
    : `${read} cells (${input.cells.length} settings once the seeds of randomized methods are ` +
      'averaged) read from';
}

/** The whole page. */
export function pageHtml(input: PageInput): string {
  const tasks = TASKS.filter((t) => input.cells.some((c) => c.cell.task === t));
  const nav = tasks.map((t) => `<a href="#task-${t}">${esc(TASK_TITLES[t])}</a>`).join(' · ');
  return [
    '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>maddness: experiments report</title>', `<style>${STYLE}</style>`, '</head>',
    '<body>', '<h1>maddness: experiments report</h1>',
    `<p>${readText(input)} <code>${esc(input.inDir)}</code>. ` +
      'The best-speed-up tables are also in <a href="best-speedups.md">best-speedups.md</a>.</p>',
    `<nav>${nav} · <a href="#environment">Environment</a> · <a href="#notes">Notes</a></nav>`,
    ...tasks.map((t) => section(t, input)),
    '<section id="environment">', '<h2>Environment</h2>',
    envTableHtml(environments(input.cells.map((c) => c.cell))), '</section>',
    '<section id="notes">', '<h2>Notes</h2>', notesHtml(input.notes), '</section>',
    `<script>${SCRIPT}</script>`, '</body>', '</html>', '',
  ].join('\n');
}
