/**
 * Where cells live on disk and how a run resumes: one JSON file per cell under
 * OUT/cells/TASK/INSTANCE/METHOD--PARAMS.json, written atomically, so a file that exists is
 * a finished cell and an interrupted run redoes only the cells whose files are missing.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from '../../src/core/crc32.js';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';
import type { Params } from '../../src/methods/params.js';
import { CELL_SCHEMA, type Cell } from './cell.js';

/** What names a cell: a later run with the same identity finds the file and skips it. */
export interface CellId {
  task: string;
  instance: string;
  method: string;
  params: Params;
}

/** Parameters as a stable, file-name-safe text: keys sorted, `key=value` joined by commas. */
export function paramsSlug(params: Params): string {
  const text = Object.keys(params).sort()
    .map((k) => `${k}=${String(params[k])}`).join(',');
  const safe = text.replace(/[^A-Za-z0-9=,.+-]/g, '_');
  // Sanitizing can map two settings to one name; the checksum of the raw text keeps them apart.
  const sum = crc32(new TextEncoder().encode(text)).toString(16).padStart(8, '0');
  return `${safe === '' ? 'default' : safe}-${sum}`;
}

/** The cell's file, relative to the output folder. */
export function cellPath(id: CellId): string {
  const instance = id.instance.split('/').map((p) => p.replace(/[^A-Za-z0-9_.+-]/g, '_'));
  return path.join('cells', id.task, ...instance, `${id.method}--${paramsSlug(id.params)}.json`);
}

/** The finished cell at `id` in `out`, or null when there is none (or it is not a cell). */
export function readCell(out: string, id: CellId): Cell | null {
  const file = path.join(out, cellPath(id));
  if (!existsSync(file)) return null;
  try {
    const cell = JSON.parse(readFileSync(file, 'utf8')) as Cell;
    return cell.schema === CELL_SCHEMA ? cell : null;
  } catch {
    // A file that does not parse is not a finished cell: the run redoes it and overwrites it.
    return null;
  }
}

/** Writes the cell atomically; returns its path relative to `out`. */
export function writeCell(out: string, cell: Cell): string {
  const rel = cellPath(cell);
  mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
  writeFileAtomic(path.join(out, rel), JSON.stringify(cell, null, 2) + '\n');
  return rel;
}
