import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MaddnessError } from '../../src/core/errors.js';
import { readMeter } from '../../src/data/ampds2.js';
import { sharedData, skipUnlessShared } from '../helpers/shared-data.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof MaddnessError, String(e));
    return e.code;
  }
  return 'none';
}

test('readMeter joins the chunks in numeric order, gzip or not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-ampds-'));
  try {
    const header = 'unix_ts,counter,avg_rate\n';
    // Chunk 10 sorts before 2 as text; the reader must order them as numbers.
    writeFileSync(join(dir, 'M-1.csv'), header + '60,1.5,0\n120,2.5,1\n');
    writeFileSync(join(dir, 'M-2.csv.gz'), gzipSync(header + '180,3,0\n'));
    writeFileSync(join(dir, 'M-10.csv'), header + '240,7,2\n');
    writeFileSync(join(dir, 'Other-1.csv'), header + '0,9,9\n');
    const s = readMeter(dir, 'M');
    assert.deepEqual(s.channels, ['counter', 'avg_rate']);
    assert.deepEqual(Array.from(s.time), [60, 120, 180, 240]);
    assert.deepEqual(Array.from(s.values), [1.5, 0, 2.5, 1, 3, 0, 7, 2]);
    writeFileSync(join(dir, 'B-1.csv'), header + '60,x,0\n');
    assert.equal(code(() => readMeter(dir, 'B')), 'BAD_INPUT_FILE');
    writeFileSync(join(dir, 'C-1.csv'), header + '60,1\n');
    assert.equal(code(() => readMeter(dir, 'C')), 'BAD_INPUT_FILE');
    writeFileSync(join(dir, 'E-1.csv'), header + '60,1,2\n');
    writeFileSync(join(dir, 'E-2.csv'), 'unix_ts,other\n60,1\n');
    assert.equal(code(() => readMeter(dir, 'E')), 'BAD_INPUT_FILE');
    assert.equal(code(() => readMeter(dir, 'Nothing')), 'DATA_NOT_FOUND');
    assert.equal(code(() => readMeter(join(dir, 'absent'), 'M')), 'DATA_NOT_FOUND');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readMeter reads a whole series as AMPds2 publishes it, one file, gzip or not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maddness-ampds-'));
  try {
    const header = 'unix_ts,counter,avg_rate\n';
    writeFileSync(join(dir, 'Water_WHW.csv.gz'), gzipSync(header + '60,1,0\n120,4,3\n'));
    const s = readMeter(dir, 'Water_WHW');
    assert.deepEqual(Array.from(s.time), [60, 120]);
    assert.deepEqual(Array.from(s.values), [1, 0, 4, 3]);
    // Chunks, where both are present, are what the reader joins.
    writeFileSync(join(dir, 'Water_WHW-1.csv'), header + '60,9,9\n');
    assert.deepEqual(Array.from(readMeter(dir, 'Water_WHW').values), [9, 9]);
    try {
      readMeter(dir, 'NaturalGas_FRG');
      assert.fail('expected DATA_NOT_FOUND');
    } catch (e) {
      assert.ok(e instanceof MaddnessError && e.code === 'DATA_NOT_FOUND', String(e));
      assert.equal(e.message, 'AMPds2 series NaturalGas_FRG.csv(.gz) or its chunks ' +
        `NaturalGas_FRG-<n>.csv(.gz) not found; looked in: ${dir}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the AMPds2 gas meter beside the checkout joins to 1,051,200 minutes',
  { skip: skipUnlessShared('ampds2') }, () => {
    const s = readMeter(join(sharedData, 'ampds2'), 'NaturalGas_FRG');
    assert.equal(s.time.length, 1051200);
    assert.deepEqual(s.channels, ['counter', 'avg_rate', 'inst_rate']);
    for (let t = 1; t < s.time.length; t += 9973) assert.ok(s.time[t] > s.time[t - 1]);
  });
