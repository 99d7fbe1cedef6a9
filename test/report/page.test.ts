/**
 * `maddness report` end to end: a synthetic folder of cells (every task, subfolders, a tiny
 * PNG, two files that are not cells) through bin/maddness.js, then the page in Debian's
 * headless chromium: every figure present, every image loaded, a screenshot that shows
 * something. The browser part is skipped where /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { TASKS } from '../../bench/experiments/cell.js';
import { projectRoot } from '../helpers/shared-data.js';
import { writeSyntheticFolder } from '../helpers/cells.js';

const BIN = join(projectRoot, 'bin', 'maddness.js');
const CHROMIUM = '/usr/bin/chromium';
const noBrowser = existsSync(CHROMIUM) ? false
  : `${CHROMIUM} is not installed (Debian package chromium; CI installs it)`;

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs headless chromium on `page` with a fresh profile; nothing but the file is loaded. */
function chromium(dir: string, page: string, extra: string[]): string {
  const profile = mkdtempSync(join(dir, 'profile-'));
  const r = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
    '--virtual-time-budget=5000', ...extra, pathToFileURL(page).href],
  { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `chromium failed: ${r.error ?? ''} ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

describe('maddness report', () => {
  let dir = '';
  let cells = 0;
  let result: ReturnType<typeof run>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'maddness-report-page-'));
    cells = writeSyntheticFolder(join(dir, 'in'));
    result = run(['report', '--in', join(dir, 'in'), '--out', join(dir, 'out')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('reads every cell, notes the two other .json files, and says what it wrote', () => {
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0], /^note: broken\/partial.json skipped: is not JSON/);
    assert.match(lines[1], /^note: manifest.json skipped: not a cell: 'schema' is nothing/);
    assert.equal(lines[2], `read ${cells} cells (${cells} settings once the seeds of ` +
      `randomized methods are averaged); wrote ${join(dir, 'out', 'index.html')} ` +
      `(${TASKS.length} figures, 2 images) and ${join(dir, 'out', 'best-speedups.md')}`);
  });

  test('writes a self-contained page: one inlined SVG per task, no outside resource', () => {
    const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    for (const task of TASKS) {
      assert.match(html, new RegExp(`<figure class="figure" data-task="${task}">\\n<svg `));
      assert.ok(existsSync(join(dir, 'out', 'figures', `${task}.png`)), task);
      assert.ok(existsSync(join(dir, 'out', 'figures', `${task}.svg`)), task);
    }
    assert.doesNotMatch(html, /<link|@import|<script [^>]*src=|(src|href)="(https?:)?\/\//);
    assert.match(html, /<img src="images\/images\/filter.png"/);
    assert.match(html, /Test CPU @ 2.0GHz/);
    assert.ok(existsSync(join(dir, 'out', 'images', 'images', 'filter.png')));
    const md = readFileSync(join(dir, 'out', 'best-speedups.md'), 'utf8');
    assert.match(md, /\| fashion-mnist \| 1 \| 12 \| 3 \|/);
  });

  test('renders in headless chromium with every figure and image', { skip: noBrowser },
    () => {
      const dom = chromium(dir, join(dir, 'out', 'index.html'), ['--dump-dom']);
      const body = /<body([^>]*)>/.exec(dom)?.[1] ?? '';
      assert.match(body, new RegExp(`data-figures="${TASKS.length}"`), body);
      assert.match(body, /data-images="2"/, body);
      assert.match(body, /data-images-loaded="true"/, body);
      assert.equal(dom.match(/<figure class="figure"/g)?.length, TASKS.length);
    });

  test('makes a screenshot in headless chromium that is not one flat colour',
    { skip: noBrowser }, () => {
      const shot = join(dir, 'shot.png');
      chromium(dir, join(dir, 'out', 'index.html'), [`--screenshot=${shot}`,
        '--window-size=1280,2000']);
      const png = PNG.sync.read(readFileSync(shot));
      assert.equal(png.width, 1280);
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
      // Observed: several hundred distinct colours in the sample (text, lines, points).
      assert.ok(colours.size > 20, `only ${colours.size} colours in the screenshot`);
    });
});

describe('maddness report: bad input', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'maddness-report-bad-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing option is a usage error (exit 2)', () => {
    const r = run(['report', '--out', join(dir, 'out')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'maddness report: usage error: missing required option --in ' +
      '(see maddness --help)\n');
  });

  test('a missing or empty --in folder exits 1 with one line naming it', () => {
    const missing = join(dir, 'missing');
    let r = run(['report', '--in', missing, '--out', join(dir, 'out')]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `maddness report: error BAD_INPUT_FILE: cannot read ${missing}: ` +
      'the folder does not exist\n');
    mkdirSync(join(dir, 'empty'));
    r = run(['report', '--in', join(dir, 'empty'), '--out', join(dir, 'out')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error BAD_INPUT_FILE: cannot read .*empty: the folder holds no .json/);
    assert.equal(existsSync(join(dir, 'out')), false);
  });
});
