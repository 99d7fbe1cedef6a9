/**
 * What every figure spec shares: the frame (title, subtitle, look), the speed-up axis, the
 * method colours and the small-multiples layout.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';
import { envSubtitle } from './env.js';
import { compareNames, wrapText } from './labels.js';

/** Error metrics on a log axis need a floor: exact's float rounding would squash the rest. */
export const LOG_FLOOR = 1e-4;

/** Size of one panel, small enough for three side by side on a page. */
export const PANEL = { width: 260, height: 190 };

/** A panel's size when a figure has `count` of them: one or two alone get more room. */
function panelSize(count: number): { width: number; height: number } {
  if (count <= 1) return { width: 520, height: 340 };
  return count === 2 ? { width: 400, height: 280 } : PANEL;
}

/** Subtitle lines longer than this are wrapped: vega widens the figure to its subtitle. */
const SUBTITLE_CHARS = 90;

/** A vega-lite spec with the report's title block and look around `body`. */
export function frame(title: string, lines: string[], cells: readonly Cell[],
  body: object): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, anchor: 'start',
      subtitle: [...lines, envSubtitle(cells)].flatMap((l) => wrapText(l, SUBTITLE_CHARS)) },
    ...body,
    config: { font: 'DejaVu Sans', background: 'white',
      legend: { orient: 'bottom', labelLimit: 320, columns: 6 },
      title: { subtitleColor: '#444' } },
  };
}

/**
 * A log axis fitted to the data, a few pixels of room at each end: a 'nice' log domain rounds
 * out to powers of ten and can leave half of a panel empty.
 */
export const fittedLog = { type: 'log', nice: false, padding: 12 };

export const speedupAxis = { field: 'speedup', type: 'quantitative', scale: fittedLog,
  title: 'speed-up over exact (log scale)' };

/** Large counts in SI form (400M, not 400,000,000); small ones as they are. */
export const countAxis = { labelExpr:
  "datum.value >= 1e4 ? format(datum.value, '~s') : format(datum.value, '~g')" };

/**
 * Ten well-separated colours, then eight darker ones of other hues; exact is always the dark
 * grey. Nineteen methods share them, so each also gets a point shape (below): two methods of
 * like colour differ in shape.
 */
const PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2',
  '#ff9da6', '#9d755d', '#bab0ac', '#17becf', '#bcbd22', '#7b4173', '#393b79', '#8c6d31',
  '#843c39', '#637939', '#ce6dbd'];

const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down',
  'triangle-right', 'triangle-left'];

/** One colour per method, in the report's method order. */
export function methodColor(methods: string[]): object {
  return methodScale(methods, '#333333', PALETTE);
}

/**
 * One point shape per method, in the same order; with methodColor, one legend of coloured
 * shapes. Colours repeat every 18 methods and shapes every 8, so no two of the first 72 (their
 * least common multiple) share both.
 */
export function methodShape(methods: string[]): object {
  return methodScale(methods, 'circle', SHAPES);
}

/** A nominal scale over the methods: `forExact` for exact, the others through `cycle`. */
function methodScale(methods: string[], forExact: string, cycle: readonly string[]): object {
  const others = methods.filter((m) => m !== 'exact');
  const range = methods.map((m) => (m === 'exact' ? forExact
    : cycle[others.indexOf(m) % cycle.length]));
  return { field: 'method', type: 'nominal', title: 'method', sort: methods,
    scale: { domain: methods, range } };
}

/** A line through each series' points in `order`, its points drawn on it. */
export function lineMark(): object {
  return { type: 'line', strokeWidth: 1.5, point: { filled: true, size: 40 } };
}

/**
 * Small multiples: one panel per distinct `panel` value, three to a row, each with its own
 * axes since instances differ in scale.
 */
export function panels(values: { panel: string }[], spec: object): object {
  const names = [...new Set(values.map((v) => v.panel))].sort(compareNames);
  return {
    facet: { field: 'panel', type: 'nominal', title: null, sort: names },
    columns: Math.min(3, names.length),
    spec: { ...panelSize(names.length), ...spec },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
