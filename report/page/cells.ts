/**
 * Reads every cell under a folder (subfolders included). A .json file that is not a cell is
 * skipped with a note saying why, for the page; other files (the PNGs) are not cells at all.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell } from '../../bench/experiments/cell.js';
import { BadInputFileError } from '../../src/core/errors.js';
import { cellKey } from './labels.js';
import { checkCell } from './validate.js';

/** A cell and the file it came from, relative to the folder read, with '/' separators. */
export interface LoadedCell {
  readonly cell: Cell;
  readonly file: string;
}

export interface LoadedCells {
  readonly cells: LoadedCell[];
  /** One sentence per file skipped or cell dropped, naming the file. */
  readonly notes: string[];
}

/** What `maddness bench` writes at the top of its folder that is not a cell. */
const RUNNER_FILES = ['cache', 'failures.json'];

/**
 * .json files under `dir`, sorted so two runs on one folder read it in the same order; a
 * subfolder that cannot be listed is noted and passed over.
 */
function jsonFiles(dir: string, notes: string[], prefix = ''): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (prefix === '') throw new BadInputFileError(dir, `the folder cannot be listed (${code})`);
    notes.push(`${prefix}/ skipped: the folder cannot be listed (${code})`);
    return out;
  }
  for (const entry of entries) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    // The runner's own files beside its cells: derived data and its list of failed cells.
    if (prefix === '' && RUNNER_FILES.includes(entry.name)) continue;
    // Symbolic links to folders are not followed: a link back up would never end.
    if (entry.isDirectory()) out.push(...jsonFiles(dir, notes, rel));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) out.push(rel);
  }
  return out;
}

function readCell(dir: string, file: string): { cell: Cell } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code ? `cannot be read (${code})` : `is not JSON (${
      (error as Error).message})` };
  }
  return checkCell(value);
}

/**
 * The cells under `dir`. Two files holding the same (task, instance, method, params) are one
 * cell measured twice (a rerun); the later one by `env.date` is kept and the other noted.
 * @throws BadInputFileError when `dir` is missing, is not a folder, or holds no cell
 */
export function loadCells(dir: string): LoadedCells {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputFileError(dir, code === 'ENOENT' || code === 'ENOTDIR'
      ? 'the folder does not exist' : `the folder cannot be read (${code ?? String(error)})`);
  }
  if (!isFolder) throw new BadInputFileError(dir, 'it is a file, not a folder of cells');

  const notes: string[] = [];
  const files = jsonFiles(dir, notes);
  const byKey = new Map<string, LoadedCell>();
  for (const file of files) {
    const read = readCell(dir, file);
    if ('problem' in read) {
      notes.push(`${file} skipped: ${read.problem}`);
      continue;
    }
    const key = cellKey(read.cell);
    const earlier = byKey.get(key);
    if (earlier === undefined) {
      byKey.set(key, { cell: read.cell, file });
      continue;
    }
    const [kept, dropped] = read.cell.env.date > earlier.cell.env.date
      ? [{ cell: read.cell, file }, earlier] : [earlier, { cell: read.cell, file }];
    byKey.set(key, kept);
    notes.push(`${dropped.file} dropped: ${kept.file} holds the same cell, measured later`);
  }

  if (byKey.size === 0) {
    throw new BadInputFileError(dir, files.length === 0
      ? 'the folder holds no .json file; expected the cells of the experiments runner'
      : `none of its ${files.length} .json files is a cell: ${notes.slice(0, 3).join('; ')}` +
        (notes.length > 3 ? `; and ${notes.length - 3} more` : ''));
  }
  return { cells: [...byKey.values()], notes };
}
