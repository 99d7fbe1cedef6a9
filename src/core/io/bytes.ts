/**
 * Byte-level helpers shared by the file readers.
 * @module
 */
import { readFileSync } from 'node:fs';
import { BadInputFileError, InvalidArgumentError } from '../errors.js';

/** Throws InvalidArgumentError unless `bytes` is a Uint8Array (a Buffer is one). */
export function checkBytes(bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError('bytes', 'must be a Uint8Array (or Buffer)',
      bytes === null ? null : typeof bytes);
  }
}

/**
 * A path must be a non-empty string: a number would be read as a file descriptor.
 * @throws InvalidArgumentError naming `path`
 */
export function checkPath(path: unknown): asserts path is string {
  if (typeof path !== 'string' || path === '') {
    throw new InvalidArgumentError('path', 'must be a non-empty string',
      path === null ? null : typeof path === 'string' ? path : typeof path);
  }
}

/** The whole file, or BadInputFileError naming the path and why it cannot be read. */
export function readInputFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadInputFileError(path, code === 'ENOENT' ? 'no such file' :
      `the file cannot be read (${code ?? (err as Error).message})`);
  }
}

/** Reverses the bytes of each `itemSize`-byte element in place (big-endian to native). */
export function swapBytes(bytes: Uint8Array, itemSize: number): void {
  for (let base = 0; base < bytes.length; base += itemSize) {
    for (let i = base, j = base + itemSize - 1; i < j; i++, j--) {
      const t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
  }
}
