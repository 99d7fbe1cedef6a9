/**
 * The paper's trade-off figure of a timed task: the task's metric against speed-up over exact,
 * one curve per method through its settings in order of speed-up, one panel per instance
 * (mips: one per recall, recall@1 and recall@10).
 * @module
 */
import type { Cell, TaskName } from '../../bench/experiments/cell.js';
import { compareMethods, metricTitle, paramsLabel, speedupOf, TASK_TITLES } from './labels.js';
import {
  fittedLog, frame, LOG_FLOOR, lineMark, methodColor, methodShape, panels, speedupAxis,
} from './spec-common.js';

interface Point {
  panel: string;
  method: string;
  setting: string;
  speedup: number;
  y: number;
}

/** The measures drawn for one cell: its headline metric, or for mips both recalls. */
function measures(cell: Cell): [string, number][] {
  if (cell.task === 'mips') {
    return [['recall@1', cell.metrics.recall1], ['recall@10', cell.metrics.recall10]];
  }
  return [[metricTitle(cell.metric.name), cell.metric.value]];
}

/** The figure of `task`, from its cells; null when none of them is timed. */
export function tradeoffSpec(task: TaskName, cells: readonly Cell[]): object | null {
  const mine = cells.filter((c) => c.task === task && speedupOf(c) !== null);
  if (mine.length === 0) return null;
  const instances = new Set(mine.map((c) => c.instance));
  // NMSE-like metrics span decades, and their interesting end is near 0: a log axis.
  const log = task !== 'mips' && mine.every((c) => !c.metric.higherIsBetter);
  // A score-like metric (accuracy, 1 − NMSE, recall) is drawn on [0, 1], as the paper does: a
  // sketch whose 1 − NMSE is −1500 would otherwise flatten every other curve into one line.
  const clip = !log;
  const points: Point[] = mine.flatMap((c) => measures(c).map(([name, value]) => ({
    panel: task !== 'mips' ? c.instance
      : instances.size > 1 ? `${c.instance} · ${name}` : name,
    method: c.method, setting: paramsLabel(c.params), speedup: speedupOf(c) as number,
    y: log ? Math.max(LOG_FLOOR, value) : clip ? Math.max(0, value) : value,
  })));

  const names = [...new Set(mine.map((c) => metricTitle(c.metric.name)))];
  const yTitle = task === 'mips' ? 'recall' : names.join(' / ') + (log ? ' (log scale)' : '');
  const methods = [...new Set(mine.map((c) => c.method))].sort(compareMethods);
  const lines = [`${yTitle} against speed-up over the exact product; one curve per method ` +
    'through its settings in order of speed-up; exact at 1' +
    (log ? `; values below ${LOG_FLOOR} drawn at ${LOG_FLOOR}` : '; values below 0 drawn at 0')];
  return frame(TASK_TITLES[task], lines, mine, {
    data: { values: points },
    ...panels(points, {
      mark: lineMark(),
      encoding: {
        x: speedupAxis,
        y: { field: 'y', type: 'quantitative', title: yTitle,
          scale: log ? fittedLog : { domain: [0, 1.05], clamp: true } },
        color: methodColor(methods),
        shape: methodShape(methods),
        order: { field: 'speedup', type: 'quantitative' },
      },
    }),
  });
}
