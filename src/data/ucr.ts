/**
 * UCR Time Series Archive files (2018 format): one series a line, tab-separated, the class
 * label first, gzip-compressed or not. Series are z-normalized per row, as is usual for the
 * archive; trailing NaN padding of variable-length series is dropped before normalizing and
 * the row is zero-filled past its length.
 * @module
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BadInputFileError, DataNotFoundError, InvalidArgumentError } from '../core/errors.js';
import { readInputFile } from '../core/io/bytes.js';
import type { Matrix } from '../core/matrix.js';

/** One split of a UCR data set. */
export interface UcrSplit {
  /** (N, length) z-normalized series. */
  readonly A: Matrix;
  /** (N) class labels as written in the file. */
  readonly labels: number[];
  /** (N) each series' own length before zero-filling (all equal for fixed-length sets). */
  readonly lengths: number[];
}

/** The file of one split, `<dir>/<name>/<name>_<split>.tsv.gz` or `.tsv`; null if neither. */
export function ucrSplitFile(dir: string, name: string, split: 'TRAIN' | 'TEST'): string | null {
  const base = path.join(dir, name, `${name}_${split}.tsv`);
  return [`${base}.gz`, base].find((f) => existsSync(f)) ?? null;
}

/**
 * ucrSplitFile, required.
 * @throws DataNotFoundError naming the split and the folder when neither file is there
 */
export function requireUcrSplit(dir: string, name: string, split: 'TRAIN' | 'TEST'): string {
  const file = ucrSplitFile(dir, name, split);
  if (file === null) {
    throw new DataNotFoundError(`UCR split ${name}_${split}.tsv(.gz)`, [path.join(dir, name)]);
  }
  return file;
}

/**
 * Reads `<dir>/<name>/<name>_<split>.tsv.gz` (or without `.gz`, as the archive unpacks).
 * @throws DataNotFoundError when neither file is there; BadInputFileError when the file cannot
 *   be read, does not decompress, or is not in the archive's format
 */
export function readUcrSplit(dir: string, name: string, split: 'TRAIN' | 'TEST'): UcrSplit {
  const file = requireUcrSplit(dir, name, split);
  let bytes = readInputFile(file);
  if (file.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new BadInputFileError(file, `does not decompress (${String(error)})`);
    }
  }
  const lines = new TextDecoder().decode(bytes).split('\n').filter((l) => l.trim() !== '');
  const rows = lines.map((l) => l.split(/[\t,]/).map(Number));
  if (rows.length === 0) throw new BadInputFileError(file, 'holds no series');
  const D = Math.max(...rows.map((r) => r.length - 1));
  const data = new Float32Array(rows.length * D);
  const lengths: number[] = [];
  rows.forEach((r, i) => {
    let v = r.slice(1);
    while (v.length > 0 && Number.isNaN(v[v.length - 1])) v = v.slice(0, -1);
    if (v.length === 0 || v.some((x) => !Number.isFinite(x))) {
      throw new BadInputFileError(file, `series ${i} is empty or holds a value that is not a ` +
        'number');
    }
    lengths.push(v.length);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) + 1e-8;
    v.forEach((x, j) => (data[i * D + j] = (x - mean) / sd));
  });
  return { A: { rows: rows.length, cols: D, data }, labels: rows.map((r) => r[0]), lengths };
}

/** (D, classes) matrix whose column m is the mean of the rows of the m-th smallest label. */
export function classMeans(A: Matrix, labels: readonly number[]): Matrix {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const M = classes.length;
  const D = A.cols;
  const data = new Float32Array(D * M);
  classes.forEach((c, m) => {
    let n = 0;
    labels.forEach((y, i) => {
      if (y !== c) return;
      n++;
      for (let j = 0; j < D; j++) data[j * M + m] += A.data[i * D + j];
    });
    for (let j = 0; j < D; j++) data[j * M + m] /= n;
  });
  return { rows: D, cols: M, data };
}

/**
 * Every series resampled to `length` points by linear interpolation over its own length (the
 * paper's preprocessing: 320), then z-normalized again, since interpolation changes the
 * variance slightly.
 * @returns (N, length) f32
 */
export function resampleSeries(split: UcrSplit, length: number): Matrix {
  if (!Number.isInteger(length) || length < 2) {
    throw new InvalidArgumentError('length', 'must be an integer ≥ 2', length);
  }
  const { A, lengths } = split;
  const out = new Float32Array(A.rows * length);
  const v = new Float64Array(length);
  for (let i = 0; i < A.rows; i++) {
    const n = lengths[i];
    const row = A.data.subarray(i * A.cols, i * A.cols + n);
    for (let t = 0; t < length; t++) {
      const x = n === 1 ? 0 : (t * (n - 1)) / (length - 1);
      const lo = Math.floor(x);
      const hi = Math.min(n - 1, lo + 1);
      v[t] = row[lo] + (x - lo) * (row[hi] - row[lo]);
    }
    let mean = 0;
    for (let t = 0; t < length; t++) mean += v[t] / length;
    let variance = 0;
    for (let t = 0; t < length; t++) variance += (v[t] - mean) ** 2 / length;
    const sd = Math.sqrt(variance) + 1e-8;
    for (let t = 0; t < length; t++) out[i * length + t] = (v[t] - mean) / sd;
  }
  return { rows: A.rows, cols: length, data: out };
}
