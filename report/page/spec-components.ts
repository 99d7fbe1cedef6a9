/**
 * The components figure: encoding throughput, table build time and scan throughput against
 * the code size per row (or C where a cell lacks it), one line per method, one panel each.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';
import { compareMethods, metricTitle, TASK_TITLES } from './labels.js';
import {
  countAxis, fittedLog, frame, lineMark, methodColor, methodShape, PANEL,
} from './spec-common.js';

const MEASURES = ['encodeCodesPerSecond', 'lutBuildMs', 'scanLookupsPerSecond'];

/** The figure of the components cells; null when none has an x value. */
export function componentsSpec(cells: readonly Cell[]): object | null {
  const all = cells.filter((c) => c.task === 'components');
  // One x axis for the figure: code bytes when every cell has them, else C.
  const bytes = all.every((c) => typeof c.metrics.codeBytesPerRow === 'number');
  const xOf = (c: Cell): unknown => (bytes ? c.metrics.codeBytesPerRow : c.params.codebooks);
  const mine = all.filter((c) => typeof xOf(c) === 'number' && (xOf(c) as number) > 0);
  if (mine.length === 0) return null;
  const several = new Set(mine.map((c) => c.instance)).size > 1;
  const values = mine.flatMap((c) => MEASURES.filter((m) => (c.metrics[m] ?? 0) > 0)
    .map((m) => ({ panel: metricTitle(m), x: xOf(c), y: c.metrics[m],
      method: several ? `${c.method} · ${c.instance}` : c.method })));
  const methods = [...new Set(values.map((v) => v.method))].sort(compareMethods);
  const xTitle = bytes ? 'code bytes per row (log scale)' : 'codebooks C (log scale)';
  const left = all.length - mine.length;
  const lines = [`each component's speed against ${bytes ? 'the code size' : 'C'}, one line ` +
    'per method (log scales)' + (left > 0 ? `; ${left} cells without C left out` : '')];
  return frame(TASK_TITLES.components, lines, mine, {
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: MEASURES.map(metricTitle) },
    spec: {
      ...PANEL,
      mark: lineMark(),
      encoding: {
        x: { field: 'x', type: 'quantitative', title: xTitle, scale: { ...fittedLog, base: 2 },
          axis: { values: [...new Set(values.map((v) => v.x as number))] } },
        y: { field: 'y', type: 'quantitative', title: null, scale: fittedLog, axis: countAxis },
        color: methodColor(methods),
        shape: methodShape(methods),
        order: { field: 'x', type: 'quantitative' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  });
}
