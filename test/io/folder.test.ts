/** Output folders made before any work: the error names the path and why it cannot hold files. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WriteFailedError } from '../../src/core/errors.js';
import { makeFolder } from '../../src/core/io/folder.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'maddness-folder-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const refused = (path: string, reason: string) => (e: unknown): boolean =>
  e instanceof WriteFailedError && e.code === 'WRITE_FAILED' &&
  e.message === `cannot write ${path}: ${reason}; any existing file there is unchanged`;

test('makes a folder and the folders above it, and takes one that exists', () => {
  const deep = join(dir, 'a', 'b', 'c');
  makeFolder(deep);
  makeFolder(deep);
  assert.ok(statSync(deep).isDirectory());
});

test('refuses a path that is a file or lies below one', () => {
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  for (const path of [file, join(file, 'below')]) {
    assert.throws(() => makeFolder(path), refused(path, 'it, or a folder above it, is a file'));
  }
});

// Root writes into a read-only folder, so the refusal can only be seen as another user.
const asRoot = process.getuid?.() === 0 ? 'run as root, which may write into any folder' : false;

test('refuses a folder it cannot write to', { skip: asRoot }, () => {
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  try {
    assert.throws(() => makeFolder(locked),
      refused(locked, 'the folder cannot be written to (EACCES)'));
  } finally {
    chmodSync(locked, 0o755);
  }
});
