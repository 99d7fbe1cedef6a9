/**
 * `maddness report`: a folder of cells in, a folder out holding index.html (figures, tables,
 * images, environment), best-speedups.md, figures/TASK.svg and .png, and images/.
 * Reads results only; never reruns anything.
 * @module
 */
import { join } from 'node:path';
import type { Cell } from '../../bench/experiments/cell.js';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';
import { makeFolder } from '../../src/core/io/folder.js';
import { bestSpeedups } from './best.js';
import { loadCells } from './cells.js';
import { averageSeeds } from './seeds.js';
import { figureSpecs, renderFigures } from './figures.js';
import { pageHtml } from './html.js';
import { copyImages } from './images.js';
import { bestMarkdown } from './markdown.js';

export interface ReportSummary {
  /** Cells read, and the settings they make once the trials of each seed are averaged. */
  readonly cells: number;
  readonly settings: number;
  readonly figures: number;
  readonly images: number;
  /** Files skipped, cells dropped, figure warnings, images left out: one sentence each. */
  readonly notes: string[];
  /** The page and the Markdown table, as paths under the output folder. */
  readonly page: string;
  readonly markdown: string;
}

/**
 * A note when the cells come from more than one sweep (a full run into a folder a quick run
 * filled, stopped half way): their figures then mix fits on fewer rows with the others.
 */
export function sweepNotes(cells: readonly Cell[]): string[] {
  const counts = new Map<string, number>();
  for (const c of cells) {
    const sweep = c.sweep ?? 'unrecorded';
    counts.set(sweep, (counts.get(sweep) ?? 0) + 1);
  }
  if (counts.size < 2) return [];
  const list = [...counts].sort().map(([sweep, n]) => `${n} ${sweep}`).join(', ');
  return [`the cells come from more than one sweep (${list}); the figures mix them`];
}

/**
 * Writes the report of the cells under `inDir` into `outDir` (made if missing).
 * @throws BadInputFileError when `inDir` is missing, not a folder, or holds no cell
 * @throws WriteFailedError when a file or folder of the output cannot be written
 */
export async function writeReport(inDir: string, outDir: string): Promise<ReportSummary> {
  const loaded = loadCells(inDir);
  const settings = averageSeeds(loaded.cells);
  const cells = settings.map((c) => c.cell);
  makeFolder(join(outDir, 'figures'));

  const { figures, notes: figureNotes } = await renderFigures(figureSpecs(cells), outDir);
  const tables = bestSpeedups(cells);
  // Each image shows one trial's product: its caption is that trial's, not the setting's mean.
  const { images, notes: imageNotes } = copyImages(loaded.cells, inDir, outDir);
  const notes = [...loaded.notes, ...sweepNotes(loaded.cells.map((c) => c.cell)), ...figureNotes,
    ...imageNotes];

  const page = join(outDir, 'index.html');
  const markdown = join(outDir, 'best-speedups.md');
  writeFileAtomic(markdown, bestMarkdown(tables, cells));
  writeFileAtomic(page, pageHtml({ inDir, cells: settings, cellsRead: loaded.cells.length,
    figures, tables, images, notes }));
  return { cells: loaded.cells.length, settings: cells.length, figures: figures.length,
    images: images.length, notes, page, markdown };
}
