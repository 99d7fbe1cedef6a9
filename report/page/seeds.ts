/**
 * Cells that differ only in the seed of a randomized method are one setting measured over
 * several trials (the paper averages its random sketches over trials): the report draws their
 * mean. Metrics and times are averaged; the merged cell's params drop `seed` and gain
 * `seeds`, the number of trials.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';
import type { Timing } from '../../src/core/timing.js';
import { cellKey } from './labels.js';
import type { LoadedCell } from './cells.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function meanTiming(ts: readonly Timing[]): Timing {
  return { medianMs: mean(ts.map((t) => t.medianMs)), minMs: Math.min(...ts.map((t) => t.minMs)),
    maxMs: Math.max(...ts.map((t) => t.maxMs)), runs: ts.reduce((a, t) => a + t.runs, 0) };
}

function meanPeer(ts: readonly (Timing | null)[]): Timing | null {
  return ts.every((t): t is Timing => t !== null) ? meanTiming(ts) : null;
}

/** The mean of the trials of one setting (cells equal but for params.seed). */
function merge(cells: readonly Cell[]): Cell {
  const first = cells[0];
  const params = { ...first.params };
  delete params.seed;
  params.seeds = cells.length;
  const metrics: Record<string, number> = {};
  for (const name of Object.keys(first.metrics)) {
    if (cells.every((c) => typeof c.metrics[name] === 'number')) {
      metrics[name] = mean(cells.map((c) => c.metrics[name]));
    }
  }
  const timings = cells.map((c) => c.timing);
  const timing = timings.every((t) => t !== null) ? {
    fitMs: mean(timings.map((t) => t.fitMs)),
    prepareMs: mean(timings.map((t) => t.prepareMs)),
    query: meanTiming(timings.map((t) => t.query)),
    exact: meanTiming(timings.map((t) => t.exact)),
    speedup: mean(timings.map((t) => t.speedup)),
    peers: { onnxruntime: meanPeer(timings.map((t) => t.peers.onnxruntime)),
      tfjs: meanPeer(timings.map((t) => t.peers.tfjs)) },
  } : null;
  return { ...first, params, metrics, timing,
    metric: { ...first.metric, value: mean(cells.map((c) => c.metric.value)) },
    images: cells.flatMap((c) => c.images) };
}

/**
 * The key of the trials `cell` belongs to: its cell without the seed, and its sweep (a quick
 * cell, fitted and tested on fewer rows, shares a file name with the full one of its seed, so a
 * quick run into a full run's folder leaves one of each). A cell without a seed is no trial.
 */
function trialsKey(cell: Cell): string {
  if (cell.params.seed === undefined) return cellKey(cell);
  const params = { ...cell.params };
  delete params.seed;
  return JSON.stringify(['trials', cell.sweep ?? null, cellKey({ ...cell, params })]);
}

/**
 * The cells with every group of trials (same sweep, task, instance, method and params but the
 * seed) replaced by their mean; a seed that no other cell of its sweep shares stays as it is.
 */
export function averageSeeds(loaded: readonly LoadedCell[]): LoadedCell[] {
  const groups = new Map<string, LoadedCell[]>();
  for (const l of loaded) {
    const key = trialsKey(l.cell);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [l]);
    else group.push(l);
  }
  return [...groups.values()].map((group) => group.length === 1 ? group[0]
    : { cell: merge(group.map((g) => g.cell)), file: group[0].file });
}
