/**
 * AMPds2 meter series (Makonin et al., 2016): minute readings in CSV (optionally gzip), a
 * header row, the first column unix time in seconds, then the meter's channels. A series is
 * one file as AMPds2 publishes it (NaturalGas_FRG.csv), or numbered chunks of it
 * (NaturalGas_FRG-1 … -11) joined in numeric order.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BadInputFileError, DataNotFoundError } from '../core/errors.js';

/** A meter's channels over time. */
export interface MeterSeries {
  /** Channel names from the header, without the time column. */
  readonly channels: string[];
  /** (T) f64 unix times in seconds. */
  readonly time: Float64Array;
  /** (T, channels) f64 row-major readings. */
  readonly values: Float64Array;
}

/**
 * The files of a series in `dir`: every chunk `PREFIX-<n>.csv[.gz]` in increasing n, or else
 * the whole series `PREFIX.csv[.gz]`; empty when there is neither.
 */
function seriesFiles(dir: string, prefix: string): string[] {
  if (!existsSync(dir)) return [];
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}-(\\d+)\\.csv(\\.gz)?$`);
  const names = readdirSync(dir);
  const chunks = names.filter((f) => pattern.test(f))
    .sort((a, b) => Number(pattern.exec(a)?.[1]) - Number(pattern.exec(b)?.[1]));
  if (chunks.length > 0) return chunks;
  // The plain file first, as Node reads it without unpacking.
  return [`${prefix}.csv`, `${prefix}.csv.gz`].filter((f) => names.includes(f)).slice(0, 1);
}

/**
 * Reads the series `PREFIX` in `dir`: its chunks `PREFIX-<n>.csv[.gz]` in increasing n, or
 * the single file `PREFIX.csv[.gz]`.
 * @throws DataNotFoundError when neither is there; BadInputFileError for a malformed file
 */
export function readMeter(dir: string, prefix: string): MeterSeries {
  const chunks = seriesFiles(dir, prefix);
  if (chunks.length === 0) {
    throw new DataNotFoundError(`AMPds2 series ${prefix}.csv(.gz) or its chunks ` +
      `${prefix}-<n>.csv(.gz)`, [dir]);
  }
  let channels: string[] | null = null;
  const times: number[] = [];
  const values: number[] = [];
  for (const file of chunks) {
    const where = path.join(dir, file);
    const raw = readFileSync(where);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    const lines = text.split('\n');
    const header = lines[0].trim().split(',');
    if (header.length < 2) throw new BadInputFileError(where, 'header has no channels');
    if (channels === null) channels = header.slice(1);
    else if (header.slice(1).join(',') !== channels.join(',')) {
      throw new BadInputFileError(where, `channels ${header.slice(1)} differ from ${channels}`);
    }
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      const fields = line.split(',');
      if (fields.length !== header.length) {
        throw new BadInputFileError(where, `line ${i + 1} has ${fields.length} fields, ` +
          `not ${header.length}`);
      }
      for (let k = 0; k < fields.length; k++) {
        const v = Number(fields[k]);
        if (fields[k] === '' || !Number.isFinite(v)) {
          throw new BadInputFileError(where, `line ${i + 1}, field ${k + 1} is not a number`);
        }
        if (k === 0) times.push(v);
        else values.push(v);
      }
    }
  }
  return { channels: channels as string[], time: Float64Array.from(times),
    values: Float64Array.from(values) };
}
