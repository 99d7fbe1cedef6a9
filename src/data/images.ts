/**
 * The image-filter task of the paper: a photograph cut into all its k × k RGB patches (im2col),
 * so that a bank of linear filters is a product A·B with A (patches, 3·k²) and B (3·k², M).
 * @module
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { BadInputFileError, DataNotFoundError, InvalidArgumentError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';

/** An RGB image: (height, width, 3) f32 row-major, values 0..255. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/**
 * Reads a PNG (grey, grey+alpha, RGB or RGBA, any bit depth pngjs decodes) as RGB 0..255.
 * Grey images get three equal channels; alpha is dropped.
 * @throws DataNotFoundError when the file is absent; BadInputFileError when it is not a PNG
 */
export function readPng(path: string): RgbImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DataNotFoundError(`image ${path}`, [path]);
  }
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw new BadInputFileError(path, `not a readable PNG (${(error as Error).message})`);
  }
  const { width, height } = png;
  const data = new Float32Array(width * height * 3);
  // pngjs always hands back 8-bit RGBA, whatever the file's colour type.
  for (let p = 0; p < width * height; p++) {
    data[3 * p] = png.data[4 * p];
    data[3 * p + 1] = png.data[4 * p + 1];
    data[3 * p + 2] = png.data[4 * p + 2];
  }
  return { width, height, data };
}

/**
 * All k × k patches of the image (valid positions only, row by row), flattened in (dy, dx,
 * channel) order: A ((height − k + 1)·(width − k + 1), 3·k²), row-major.
 * @param stride take every stride-th position in each direction (1: all)
 */
export function im2col(image: RgbImage, k: number, stride = 1): Matrix {
  if (!Number.isInteger(k) || k < 1 || k > Math.min(image.width, image.height)) {
    throw new InvalidArgumentError('k', 'must be an integer from 1 to the image size', k);
  }
  if (!Number.isInteger(stride) || stride < 1) {
    throw new InvalidArgumentError('stride', 'must be an integer ≥ 1', stride);
  }
  const rowsOut = Math.floor((image.height - k) / stride) + 1;
  const colsOut = Math.floor((image.width - k) / stride) + 1;
  const D = 3 * k * k;
  const out = new Float32Array(rowsOut * colsOut * D);
  let at = 0;
  for (let y = 0; y < rowsOut; y++) {
    for (let x = 0; x < colsOut; x++) {
      for (let dy = 0; dy < k; dy++) {
        const src = ((y * stride + dy) * image.width + x * stride) * 3;
        // One patch row is 3·k contiguous values of the image row.
        out.set(image.data.subarray(src, src + 3 * k), at);
        at += 3 * k;
      }
    }
  }
  return { rows: rowsOut * colsOut, cols: D, data: out };
}

/** The filter banks of the paper's image task, as B (3·k², 2) in im2col's (dy, dx, c) order. */
export type FilterBank = 'sobel' | 'gaussian';

/** Binomial smoothing and central-difference rows of the Sobel kernels, by kernel size. */
const SOBEL_ROWS: Readonly<Record<number, { smooth: number[]; diff: number[] }>> = {
  3: { smooth: [1, 2, 1], diff: [-1, 0, 1] },
  5: { smooth: [1, 4, 6, 4, 1], diff: [-1, -2, 0, 2, 1] },
};

/**
 * B for a filter bank of k × k kernels, k = 3 or 5: 'sobel' (default k = 3) gives the vertical
 * and horizontal Sobel kernels (5 × 5: the binomial extension), 'gaussian' (default k = 5) the
 * Gaussians of σ = 1 and σ = 2 cut to k × k and each normalized to sum 1. Each kernel is
 * applied to the channel mean, so B's entries are the kernel's divided by 3.
 */
export function filterBank(bank: FilterBank, size?: number): { k: number; B: Matrix } {
  if (bank !== 'sobel' && bank !== 'gaussian') {
    throw new InvalidArgumentError('bank', "must be 'sobel' or 'gaussian'", bank);
  }
  const k = size ?? (bank === 'sobel' ? 3 : 5);
  if (k !== 3 && k !== 5) throw new InvalidArgumentError('size', 'must be 3 or 5', size);
  const kernels: number[][] = [];
  if (bank === 'sobel') {
    const { smooth, diff } = SOBEL_ROWS[k];
    kernels.push(outer(diff, smooth), outer(smooth, diff));
  } else {
    const h = (k - 1) / 2;
    for (const sigma of [1, 2]) {
      const g = Array.from({ length: k }, (_, i) => Math.exp(-((i - h) ** 2) / (2 * sigma ** 2)));
      const kernel = outer(g, g);
      const total = kernel.reduce((a, b) => a + b, 0);
      kernels.push(kernel.map((v) => v / total));
    }
  }
  const D = 3 * k * k;
  const B = new Float32Array(D * 2);
  for (let m = 0; m < 2; m++) {
    for (let p = 0; p < k * k; p++) {
      for (let c = 0; c < 3; c++) B[(p * 3 + c) * 2 + m] = kernels[m][p] / 3;
    }
  }
  return { k, B: { rows: D, cols: 2, data: B } };
}

/** (a.length, b.length) outer product, flattened row-major: entry (dy, dx) = a[dy]·b[dx]. */
function outer(a: number[], b: number[]): number[] {
  return a.flatMap((x) => b.map((y) => x * y));
}
