/**
 * Output folders: made (with the folders above them) before anything is written into them, so
 * that a path that cannot hold files is named at once, not after the work whose output it is.
 * @module
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { WriteFailedError } from '../errors.js';

/**
 * Makes the folder `path` (and its parents) unless it exists.
 * @throws WriteFailedError naming `path` when it, or a folder above it, is a file, when it
 *   cannot be made, or when it cannot be written to
 */
export function makeFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WriteFailedError(path, code === 'EEXIST' || code === 'ENOTDIR'
      ? 'it, or a folder above it, is a file' : `the folder cannot be made (${code})`);
  }
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw new WriteFailedError(path, 'the folder cannot be written to ' +
      `(${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
