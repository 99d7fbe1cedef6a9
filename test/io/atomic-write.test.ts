/** Tests of atomic file replacement. Each test works in its own fresh temporary folder. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { InvalidArgumentError, WriteFailedError } from '../../src/core/errors.js';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';

describe('writeFileAtomic', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'maddness-atomic-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('creates the file with exactly the given bytes and leaves nothing else', () => {
    const path = join(dir, 'out.bin');
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 0xff);
    writeFileAtomic(path, bytes);
    assert.deepEqual(new Uint8Array(readFileSync(path)), bytes);
    assert.deepEqual(readdirSync(dir), ['out.bin']);
  });

  test('writes a string as UTF-8', () => {
    const path = join(dir, 'out.txt');
    writeFileAtomic(path, 'héllo, wörld\n');
    assert.equal(readFileSync(path, 'utf8'), 'héllo, wörld\n');
  });

  test('writes an empty file and a subarray view exactly', () => {
    writeFileAtomic(join(dir, 'empty'), new Uint8Array(0));
    assert.equal(statSync(join(dir, 'empty')).size, 0);
    const view = Uint8Array.from([1, 2, 3, 4, 5]).subarray(1, 4);
    writeFileAtomic(join(dir, 'view'), view);
    assert.deepEqual(Array.from(readFileSync(join(dir, 'view'))), [2, 3, 4]);
  });

  test('replaces an existing target on success', () => {
    const path = join(dir, 'model.json');
    writeFileSync(path, 'old content that is longer than the new one');
    writeFileAtomic(path, 'new');
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir), ['model.json']);
  });

  test('works for a file name near the 255-byte limit', () => {
    const name = 'n'.repeat(250);
    writeFileAtomic(join(dir, name), 'x');
    assert.deepEqual(readdirSync(dir), [name]);
  });

  test('throws WRITE_FAILED naming the path when the folder does not exist, creating nothing',
    () => {
      const target = join(dir, 'missing', 'out.bin');
      assert.throws(() => writeFileAtomic(target, 'x'), (err: WriteFailedError) =>
        err.code === 'WRITE_FAILED' && err.message.includes(target) &&
        err.message.includes('ENOENT') && !err.message.includes('.tmp'));
    assert.deepEqual(readdirSync(dir), []);
  });

  test('throws when the target is an existing directory, leaving it and no temp file', () => {
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep me');
    assert.throws(() => writeFileAtomic(target, 'x'), (err: WriteFailedError) =>
      err instanceof WriteFailedError && err.message.includes(target));
    assert.deepEqual(readdirSync(dir), ['taken']);
    assert.ok(statSync(target).isDirectory());
    assert.deepEqual(readdirSync(target), ['inside.txt']);
    assert.equal(readFileSync(join(target, 'inside.txt'), 'utf8'), 'keep me');
  });

  test('leaves an existing target untouched when the write is refused', () => {
    const path = join(dir, 'keep.bin');
    writeFileSync(path, 'original');
    assert.throws(() => writeFileAtomic(path, 42 as unknown as string), InvalidArgumentError);
    assert.throws(() => writeFileAtomic('', 'x'), InvalidArgumentError);
    assert.equal(readFileSync(path, 'utf8'), 'original');
    assert.deepEqual(readdirSync(dir), ['keep.bin']);
  });

  test('writes through a symlink, keeping the link, and refuses a FIFO', () => {
    const real = join(dir, 'real.bin');
    const link = join(dir, 'link.bin');
    symlinkSync(real, link);
    writeFileAtomic(link, 'one');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'one');
    writeFileAtomic(link, 'two');
    assert.equal(readFileSync(real, 'utf8'), 'two');
    const fifo = join(dir, 'fifo');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo here: the symlink half still ran
    assert.throws(() => writeFileAtomic(fifo, 'x'), (err: WriteFailedError) =>
      err.code === 'WRITE_FAILED' && err.message.includes('not a regular file'));
    assert.ok(lstatSync(fifo).isFIFO());
    assert.deepEqual(readdirSync(dir).sort(), ['fifo', 'link.bin', 'real.bin']);
  });
});
