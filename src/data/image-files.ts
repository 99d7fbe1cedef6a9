/**
 * Image files other than PNG input: the raw bzip2-compressed RGB bytes of scipy's raccoon face,
 * any image by its extension, and grey PNG output for filtered images.
 * @module
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import seekBzip from 'seek-bzip';
import { BadInputFileError, DataNotFoundError, InvalidArgumentError } from '../core/errors.js';
import { readPng, type RgbImage } from './images.js';

/** The shape of scipy's `face.dat`: 768 rows of 1024 RGB pixels. */
export const FACE_SHAPE = { width: 1024, height: 768 } as const;

/**
 * Reads raw RGB bytes, (height, width, 3) u8 row-major, bzip2-compressed when the file starts
 * with bzip2's magic "BZh" (scipy's face.dat), as an RgbImage.
 * @throws DataNotFoundError when absent; BadInputFileError when the bytes do not decompress or
 *   are not width · height · 3 long
 */
export function readRawRgb(path: string, width: number = FACE_SHAPE.width,
  height: number = FACE_SHAPE.height): RgbImage {
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new InvalidArgumentError(name, 'must be an integer ≥ 1', v);
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DataNotFoundError(`image ${path}`, [path]);
  }
  if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) {
    try {
      bytes = seekBzip.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    } catch (error) {
      throw new BadInputFileError(path, `bzip2 data does not decompress (${String(error)})`);
    }
  }
  if (bytes.length !== width * height * 3) {
    throw new BadInputFileError(path, `holds ${bytes.length} bytes of RGB, not ` +
      `${width} × ${height} × 3 = ${width * height * 3}`);
  }
  return { width, height, data: Float32Array.from(bytes) };
}

/** Reads a photograph by extension: `.png` by readPng, anything else as raw (bzip2) RGB. */
export function readImage(path: string): RgbImage {
  return path.toLowerCase().endsWith('.png') ? readPng(path) : readRawRgb(path);
}

/**
 * PNG bytes of a grey image: values (height, width) f32 row-major, mapped linearly from
 * [lo, hi] to 0..255 and clipped; NaN is drawn black.
 */
export function encodeGreyPng(values: Float32Array, width: number, height: number, lo: number,
  hi: number): Buffer {
  if (values.length !== width * height) {
    throw new InvalidArgumentError('values', `must hold width · height = ${width * height} ` +
      'values', values.length);
  }
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8 });
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  // pngjs takes RGBA input whatever the colour type written; alpha stays opaque.
  for (let p = 0; p < width * height; p++) {
    const v = values[p];
    const g = Number.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round((v - lo) * scale)));
    png.data[4 * p] = g;
    png.data[4 * p + 1] = g;
    png.data[4 * p + 2] = g;
    png.data[4 * p + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 6 });
}
