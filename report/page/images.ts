/**
 * The cells' PNG files (filtered images, exact and approximate side by side), copied into the
 * output folder so the page needs nothing outside it.
 * @module
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TaskName } from '../../bench/experiments/cell.js';
import { WriteFailedError } from '../../src/core/errors.js';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';
import type { LoadedCell } from './cells.js';
import { formatNumber, metricTitle, paramsLabel } from './labels.js';

export interface PageImage {
  readonly task: TaskName;
  readonly instance: string;
  /** The image's path in the output folder, relative to it, with '/' separators. */
  readonly src: string;
  /** Method, setting and metric value: which product made the right-hand image. */
  readonly caption: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function caption(entry: LoadedCell): string {
  const { cell } = entry;
  const setting = paramsLabel(cell.params);
  return `${cell.method}${setting === '' ? '' : ` (${setting})`}: ` +
    `${metricTitle(cell.metric.name)} ${formatNumber(cell.metric.value)}`;
}

/**
 * Copies every image the cells name from `inDir` to `outDir`/images (same relative path) and
 * returns them for the page; an image that is missing or not a PNG is left out with a note.
 * @throws WriteFailedError when a folder for the copies cannot be made or a copy written
 */
export function copyImages(cells: readonly LoadedCell[], inDir: string,
  outDir: string): { images: PageImage[]; notes: string[] } {
  const images: PageImage[] = [];
  const notes: string[] = [];
  const copied = new Set<string>();
  for (const entry of cells) {
    for (const rel of entry.cell.images) {
      const src = `images/${rel}`;
      // Two cells may name one file; it is copied once and shown with each caption.
      const problem = copied.has(src) ? null : copyOne(join(inDir, rel), join(outDir, src));
      if (problem !== null) {
        notes.push(`${entry.file}: image ${rel} left out: ${problem}`);
        continue;
      }
      copied.add(src);
      images.push({ task: entry.cell.task, instance: entry.cell.instance, src,
        caption: caption(entry) });
    }
  }
  return { images, notes };
}

/** Copies one PNG; returns why it cannot be used, or null once it is in place. */
function copyOne(source: string, target: string): string | null {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(source);
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  if (!isPng(bytes)) return 'it is not a PNG file';
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw new WriteFailedError(target, `its folder cannot be made (${
      (error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  writeFileAtomic(target, bytes);
  return null;
}
