/**
 * Atomic file replacement: write a temporary file next to the target, flush it to disk, then
 * rename it over the target. A rename within one directory is atomic, so a reader (or a
 * crash) sees either the old file or the complete new one, never a half-written file.
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync,
  unlinkSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, WriteFailedError } from '../errors.js';

/**
 * Part of the target's name kept in the temporary name: enough to tell which file it belongs
 * to, short enough that the whole temporary name stays under the usual 255-byte limit.
 */
const NAME_PREFIX_CHARS = 64;

/**
 * Writes a file atomically: the target is replaced only once the new content is complete and
 * flushed to disk.
 * @param path destination file path; its directory must exist
 * @param bytes the file content; a string is written as UTF-8
 * @throws InvalidArgumentError when `bytes` is neither a Uint8Array nor a string
 * @throws WriteFailedError naming `path` and the file-system error (ENOENT, EISDIR, EACCES,
 *   ENOSPC, ...) when any step fails; the temporary file is then removed and an existing
 *   target is left unchanged
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  if (typeof path !== 'string' || path === '') {
    throw new InvalidArgumentError('path', 'must be a non-empty string', path);
  }
  if (typeof bytes !== 'string' && !(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError('bytes', 'must be a Uint8Array or a string',
      bytes === null ? null : typeof bytes);
  }
  const target = regularTarget(path);
  const dir = dirname(target);
  // The same directory keeps the rename on one file system, where it is atomic. The pid and a
  // random suffix keep concurrent writers, even in other processes, from sharing a name; the
  // leading dot keeps the file out of casual listings while it exists.
  const temp = join(dir, `.${basename(target).slice(0, NAME_PREFIX_CHARS)}.${process.pid}.` +
    `${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx' fails rather than reuse a file that somehow already has this name.
    fd = openSync(temp, 'wx');
    writeFileSync(fd, bytes);
    // Without the flush a crash after the rename could leave the target empty or partial.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The original error matters more than a failed close.
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file may never have been created (e.g. a missing directory).
    }
    throw new WriteFailedError(path, describe(err));
  }
  syncDirectory(dir);
}

/**
 * Flushes the directory entry so the rename itself survives a crash. Best effort: the new
 * content is already in place, and some platforms (Windows) cannot open a directory at all.
 */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Durability of the rename is a bonus here, not a promise of this function.
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing useful to do; the write itself succeeded.
      }
    }
  }
}

/**
 * The file a write to `path` replaces: a symlink is followed (so the link stays and its file is
 * replaced), and an existing target that is not a regular file (a device, a FIFO, a socket) is
 * refused, since renaming over it would replace it rather than write to it.
 */
function regularTarget(path: string): string {
  let target = resolve(path);
  try {
    if (lstatSync(target).isSymbolicLink()) {
      // Follow the link, even one whose file does not exist yet.
      try {
        target = realpathSync(target);
      } catch {
        target = resolve(dirname(target), readlinkSync(target));
      }
    }
    const kind = statSync(target);
    if (!kind.isFile() && !kind.isDirectory()) {
      throw new WriteFailedError(path, 'it is not a regular file (a device, FIFO or socket)');
    }
  } catch (err) {
    if (err instanceof WriteFailedError) throw err;
    // A missing target (or a dangling link) is the normal case: the write creates it.
  }
  return target;
}

const REASONS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return `${code} (${REASONS[code] ?? 'file-system error'})`;
  return String(err);
}
