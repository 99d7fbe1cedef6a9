/**
 * The UCR summary figure: three panels, one per relative-accuracy threshold, each the fraction
 * of data sets a method's setting keeps above it against the setting's median speed-up.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';
import { compareMethods, TASK_TITLES } from './labels.js';
import {
  frame, lineMark, methodColor, methodShape, PANEL, speedupAxis,
} from './spec-common.js';
import { UCR_THRESHOLDS, ucrSummary } from './ucr.js';

/** The figure of the ucr cells; null when there are none. */
export function ucrSpec(cells: readonly Cell[]): object | null {
  const mine = cells.filter((c) => c.task === 'ucr');
  const { datasets, points } = ucrSummary(mine);
  if (points.length === 0) return null;
  const values = points.flatMap((p) => UCR_THRESHOLDS.map((threshold, i) => ({
    method: p.method, setting: p.params, speedup: p.medianSpeedup, threshold,
    fraction: p.fractions[i],
  })));
  const methods = [...new Set(points.map((p) => p.method))].sort(compareMethods);
  const lines = [`fraction of the ${datasets} data sets whose accuracy relative to exact is ` +
    'at least the threshold, against the median speed-up over them; one curve per method ' +
    'through its settings'];
  return frame(TASK_TITLES.ucr, lines, mine, {
    data: { values },
    facet: { field: 'threshold', type: 'ordinal',
      header: { title: 'relative accuracy at least', labelFontSize: 12 } },
    spec: {
      ...PANEL,
      mark: lineMark(),
      encoding: {
        x: { ...speedupAxis, title: 'median speed-up over exact (log scale)' },
        y: { field: 'fraction', type: 'quantitative', title: 'fraction of data sets',
          scale: { domain: [0, 1] } },
        color: methodColor(methods),
        shape: methodShape(methods),
        order: { field: 'speedup', type: 'quantitative' },
      },
    },
  });
}
