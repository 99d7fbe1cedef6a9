/**
 * Where the cells were measured: the machine, Node version, kernel build and thread count,
 * as a figure's subtitle and as the page's table.
 * @module
 */
import type { Cell } from '../../bench/experiments/cell.js';

export interface EnvRow {
  readonly machine: string;
  readonly cores: number;
  readonly node: string;
  readonly kernels: string;
  readonly threads: number;
  readonly cells: number;
  readonly first: string;
  readonly last: string;
}

/** The distinct environments of `cells`, with how many cells each measured and when. */
export function environments(cells: readonly Cell[]): EnvRow[] {
  const rows = new Map<string, EnvRow>();
  for (const { env } of cells) {
    const key = JSON.stringify([env.machine, env.cores, env.node, env.kernels, env.threads]);
    const row = rows.get(key);
    rows.set(key, row === undefined
      ? { machine: env.machine, cores: env.cores, node: env.node, kernels: env.kernels,
        threads: env.threads, cells: 1, first: env.date, last: env.date }
      : { ...row, cells: row.cells + 1, first: env.date < row.first ? env.date : row.first,
        last: env.date > row.last ? env.date : row.last });
  }
  return [...rows.values()];
}

function describe(row: EnvRow): string {
  const node = row.node.startsWith('v') ? row.node : `v${row.node}`;
  return `${row.machine} (${row.cores} cores), Node ${node}, ${row.kernels} kernels, ` +
    `${row.threads} thread${row.threads === 1 ? '' : 's'}`;
}

/**
 * A figure's subtitle line. Mixed environments are named each, up to two; more than that
 * would not fit under a figure, so the line points to the page's table instead.
 */
export function envSubtitle(cells: readonly Cell[]): string {
  const rows = environments(cells);
  if (rows.length <= 2) return `measured on ${rows.map(describe).join('; and on ')}`;
  return `measured in ${rows.length} environments (see the environment table)`;
}
