/**
 * The filtered-image pictures: for each filter of a bank, the exact output and a method's
 * output side by side (exact left), one filter per row of panels, as one grey PNG.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';
import type { Matrix } from '../../src/core/matrix.js';
import { encodeGreyPng } from '../../src/data/image-files.js';

/** Panels are shrunk by an integer factor (block means) to at most this width. */
const PANEL_WIDTH = 400;
const GAP = 8;

/** The grey range of one filter's exact output: its 0.5% and 99.5% quantiles. */
function range(exact: Float64Array, M: number, m: number): [number, number] {
  const values = Float64Array.from({ length: exact.length / M }, (_, i) => exact[i * M + m]);
  values.sort();
  const at = (q: number): number => values[Math.min(values.length - 1,
    Math.floor(q * values.length))];
  return [at(0.005), at(0.995)];
}

/**
 * Writes OUT/REL as a PNG of (M rows) × (exact, approx) panels of the (height, width) output
 * images, Y and exact both (height · width, M) row-major; returns REL.
 */
export function writeFilterPicture(exact: Float64Array, Y: Matrix, width: number, height: number,
  out: string, rel: string): string {
  const M = Y.cols;
  const f = Math.max(1, Math.ceil(width / PANEL_WIDTH));
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const W = 2 * w + GAP;
  const H = M * h + (M - 1) * GAP;
  // The canvas is (H, W) row-major in output units; the gaps take the lowest grey.
  const canvas = new Float32Array(W * H).fill(-1);
  for (let m = 0; m < M; m++) {
    const [lo, hi] = range(exact, M, m);
    const scale = hi > lo ? 1 / (hi - lo) : 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let e = 0;
        let a = 0;
        for (let dy = 0; dy < f; dy++) {
          for (let dx = 0; dx < f; dx++) {
            const p = ((y * f + dy) * width + x * f + dx) * M + m;
            e += exact[p];
            a += Y.data[p];
          }
        }
        const row = (m * (h + GAP) + y) * W;
        canvas[row + x] = (e / (f * f) - lo) * scale;
        canvas[row + w + GAP + x] = (a / (f * f) - lo) * scale;
      }
    }
  }
  mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
  writeFileAtomic(path.join(out, rel), encodeGreyPng(canvas, W, H, 0, 1));
  return rel;
}
