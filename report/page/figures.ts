/**
 * One figure per task present in the cells, as vega-lite specs, and their rendering into the
 * output folder (SVG for the page, PNG for the README).
 * @module
 */
import { join } from 'node:path';
import { TASKS, type Cell, type TaskName } from '../../bench/experiments/cell.js';
import { renderFigure } from '../plots/render.js';
import { SPEEDUP_TASKS } from './best.js';
import { componentsSpec } from './spec-components.js';
import { generalizationSpec } from './spec-generalization.js';
import { tradeoffSpec } from './spec-tradeoff.js';
import { ucrSpec } from './spec-ucr.js';

export interface FigureSpec {
  readonly task: TaskName;
  readonly spec: object;
}

export interface RenderedFigure extends FigureSpec {
  readonly svg: string;
  /** Paths of the files written, relative to the output folder, without extension. */
  readonly file: string;
}

function specOf(task: TaskName, cells: readonly Cell[]): object | null {
  if (task === 'ucr') return ucrSpec(cells);
  if (task === 'generalization') return generalizationSpec(cells);
  if (task === 'components') return componentsSpec(cells);
  if (SPEEDUP_TASKS.includes(task)) return tradeoffSpec(task, cells);
  return null;
}

/** The specs of every task that has cells to draw, in the runner's task order. */
export function figureSpecs(cells: readonly Cell[]): FigureSpec[] {
  const out: FigureSpec[] = [];
  for (const task of TASKS) {
    const spec = specOf(task, cells);
    if (spec !== null) out.push({ task, spec });
  }
  return out;
}

/**
 * Renders each spec to OUT/figures/TASK.svg and .png (`figures` must exist under `outDir`);
 * vega-lite's warnings come back as notes naming the figure.
 */
export async function renderFigures(specs: readonly FigureSpec[],
  outDir: string): Promise<{ figures: RenderedFigure[]; notes: string[] }> {
  const figures: RenderedFigure[] = [];
  const notes: string[] = [];
  // One at a time: each render holds a vega view and a raster image in memory.
  for (const figure of specs) {
    const file = `figures/${figure.task}`;
    const warnings: string[] = [];
    const svg = await renderFigure(figure.spec, join(outDir, file), warnings);
    figures.push({ ...figure, file, svg });
    notes.push(...warnings.map((w) => `figure ${figure.task}: ${w}`));
  }
  return { figures, notes };
}
