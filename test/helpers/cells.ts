/**
 * Hand-made cells of the experiments runner for the report's tests, and a small folder of them
 * spanning every task, with one tiny PNG and two files that are not cells.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { CELL_SCHEMA, type Cell, type TaskName } from '../../bench/experiments/cell.js';

const ENV: Cell['env'] = { machine: 'Test CPU @ 2.0GHz', cores: 2, node: 'v20.20.2', threads: 1,
  kernels: 'simd', date: '2025-01-02T03:04:05.000Z' };

const METRICS: Partial<Record<TaskName, { name: string; higherIsBetter: boolean }>> = {
  softmax: { name: 'relativeAccuracy', higherIsBetter: true },
  filters: { name: 'oneMinusNmse', higherIsBetter: true },
  ucr: { name: 'relativeAccuracy', higherIsBetter: true },
  forecast: { name: 'nmse', higherIsBetter: false },
  mips: { name: 'recall10', higherIsBetter: true },
  generalization: { name: 'testNmse', higherIsBetter: false },
  components: { name: 'scanLookupsPerSecond', higherIsBetter: true },
};

/** A valid cell; `speedup` null gives a cell without timing. */
export function makeCell(task: TaskName, instance: string, method: string,
  params: Cell['params'], value: number, speedup: number | null,
  more: { metrics?: Record<string, number>; images?: string[] } = {}): Cell {
  const metric = { ...(METRICS[task] ?? { name: 'nmse', higherIsBetter: false }), value };
  const ms = (medianMs: number) => ({ medianMs, minMs: medianMs, maxMs: medianMs, runs: 5 });
  return {
    schema: CELL_SCHEMA, sweep: 'full', task, instance, method, params, metric,
    metrics: { [metric.name]: value, ...more.metrics },
    shape: { N_train: 1000, N: 500, D: 64, M: 10 },
    timing: speedup === null ? null : { fitMs: 10, prepareMs: 1, query: ms(2 / speedup),
      exact: ms(2), speedup, peers: { onnxruntime: null, tfjs: null } },
    cost: null, images: more.images ?? [], env: ENV,
  };
}

/** A PNG of `width` × 4 pixels: a dark left half and a light right half. */
export function tinyPng(width = 8): Buffer {
  const png = new PNG({ width, height: 4 });
  for (let i = 0; i < width * 4; i++) {
    const v = i % width < width / 2 ? 40 : 220;
    png.data.set([v, v, 255 - v, 255], 4 * i);
  }
  return PNG.sync.write(png);
}

function write(dir: string, file: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), content);
}

/** Cells of every task, in subfolders, plus an image and two .json files that are not cells. */
export function syntheticCells(): { file: string; cell: Cell }[] {
  const out: { file: string; cell: Cell }[] = [];
  const add = (cell: Cell): void => {
    const name = `${cell.method}-${Object.values(cell.params).join('-') || 'default'}`;
    out.push({ file: `${cell.task}/${cell.instance.replace(/\//g, '_')}/${name}.json`, cell });
  };
  add(makeCell('softmax', 'fashion-mnist', 'exact', {}, 1, 1));
  [[8, 20, 0.9], [16, 12, 0.96], [32, 6, 0.99]].forEach(([C, s, v]) =>
    add(makeCell('softmax', 'fashion-mnist', 'maddness', { codebooks: C }, v, s)));
  [[8, 3, 0.97], [16, 2, 0.99]].forEach(([C, s, v]) =>
    add(makeCell('softmax', 'fashion-mnist', 'pq', { codebooks: C, seed: 0 }, v, s)));
  for (const instance of ['sobel-3x3/chelsea', 'gauss-5x5/astronaut']) {
    add(makeCell('filters', instance, 'exact', {}, 1, 1));
    add(makeCell('filters', instance, 'maddness', { codebooks: 8 }, 0.93, 4,
      { images: ['images/filter.png'] }));
    add(makeCell('filters', instance, 'maddness', { codebooks: 16 }, 0.97, 2.5));
  }
  for (const [i, instance] of ['ucr/ECG200', 'ucr/Wafer', 'ucr/Yoga'].entries()) {
    add(makeCell('ucr', instance, 'exact', {}, 1, 1));
    add(makeCell('ucr', instance, 'maddness', { codebooks: 8 }, 0.6 + 0.15 * i, 10 + i));
    add(makeCell('ucr', instance, 'pq', { codebooks: 8 }, 0.99, 2));
  }
  add(makeCell('forecast', 'gas/w4', 'exact', {}, 0, 1));
  add(makeCell('forecast', 'gas/w4', 'maddness', { codebooks: 4 }, 0.08, 6));
  add(makeCell('forecast', 'gas/w4', 'maddness', { codebooks: 8 }, 0.03, 3));
  for (const [C, s, r1, r10] of [[8, 9, 0.5, 0.8], [16, 5, 0.8, 0.97]]) {
    add(makeCell('mips', 'fashion-mnist', 'maddness', { codebooks: C }, r10, s,
      { metrics: { recall1: r1 } }));
  }
  for (const C of [8, 16]) {
    for (const rows of [1000, 4000, 16000]) {
      const test = 0.05 + 20 / rows + 0.5 / C;
      add(makeCell('generalization', 'softmax', 'maddness', { codebooks: C, trainRows: rows },
        test, null, { metrics: { trainNmse: test - 15 / rows } }));
    }
  }
  for (const [method, bytes, speed] of [['maddness', 0.5, 4], ['bolt', 0.5, 2], ['pq', 1, 1]] as
    const) {
    for (const C of [8, 16, 32]) {
      add(makeCell('components', 'kernels', method, { codebooks: C }, speed * 1e9 / C, null,
        { metrics: { encodeCodesPerSecond: speed * 1e8, lutBuildMs: C / (8 * speed),
          codeBytesPerRow: bytes * C } }));
    }
  }
  return out;
}

/** Writes syntheticCells() and the extras under `dir`; returns how many cells it wrote. */
export function writeSyntheticFolder(dir: string): number {
  const cells = syntheticCells();
  for (const { file, cell } of cells) write(dir, file, JSON.stringify(cell, null, 2));
  write(dir, 'images/filter.png', tinyPng());
  write(dir, 'manifest.json', JSON.stringify({ runner: 'maddness bench', cells: cells.length }));
  write(dir, 'broken/partial.json', '{"schema": "maddness.bench.cell/1", "task": ');
  return cells.length;
}
