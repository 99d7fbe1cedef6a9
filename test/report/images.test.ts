/** Copying the cells' images into the report folder, and the notes for those left out. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { copyImages } from '../../report/page/images.js';
import { makeCell, tinyPng } from '../helpers/cells.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'maddness-report-images-'));
  mkdirSync(join(dir, 'in', 'png'), { recursive: true });
  writeFileSync(join(dir, 'in', 'png', 'a.png'), tinyPng());
  writeFileSync(join(dir, 'in', 'png', 'fake.png'), 'text, not an image');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('copies each image once, captions it per cell, and notes the ones left out', () => {
  const one = makeCell('filters', 'sobel-3x3/chelsea', 'maddness', { codebooks: 8 }, 0.93, 4,
    { images: ['png/a.png', 'png/missing.png'] });
  const two = makeCell('filters', 'sobel-3x3/chelsea', 'pq', {}, 0.9, 2,
    { images: ['png/a.png', 'png/fake.png'] });
  const { images, notes } = copyImages([{ cell: one, file: 'one.json' },
    { cell: two, file: 'two.json' }], join(dir, 'in'), join(dir, 'out'));
  assert.deepEqual(images.map((im) => [im.src, im.caption]), [
    ['images/png/a.png', 'maddness (codebooks=8): 1 − NMSE 0.93'],
    ['images/png/a.png', 'pq: 1 − NMSE 0.9'],
  ]);
  assert.deepEqual(notes, [
    'one.json: image png/missing.png left out: cannot be read (ENOENT)',
    'two.json: image png/fake.png left out: it is not a PNG file',
  ]);
  assert.deepEqual(readFileSync(join(dir, 'out', 'images', 'png', 'a.png')), tinyPng());
  assert.equal(existsSync(join(dir, 'out', 'images', 'png', 'fake.png')), false);
});
