/**
 * The hyperparameter settings each method runs with on shapes (D, M). The full sweep is the
 * paper's grid of each method (MADDNESS at its default table fit, L = −1, for C in 2 .. 64;
 * the other L of its grid are left out to keep a full run within about an hour); --quick keeps
 * a few budgets per method so that each still draws a short curve.
 */
import type { MethodSpec } from '../../src/methods/method.js';
import type { Params } from '../../src/methods/params.js';

/** The budgets --quick keeps, where the method's grid has them. */
const QUICK_BUDGETS: Readonly<Record<string, readonly number[]>> = {
  codebooks: [8, 16, 32],
  d: [2, 8, 32],
};

/**
 * Seeds of the full sweep's random sketches (budget d): the paper averages them over trials,
 * and the report draws the mean of the cells that differ only in seed. The k-means methods
 * (PQ, OPQ, Bolt) run seed 0 alone, their fits taking minutes; --quick runs seed 0 alone.
 */
const TRIAL_SEEDS = [0, 1, 2];

/** Parameters that every setting of a method gets, beyond its grid. */
const FIXED: Readonly<Record<string, Params>> = {
  // The data-free fit told the training rows' mean and variance (issue 7's "known" case).
  'maddness-data-free': { statistics: 'train' },
};

export function settingsFor(spec: MethodSpec, D: number, M: number, quick: boolean): Params[] {
  let grid = spec.grid(D, M);
  if (spec.name === 'maddness') grid = grid.filter((p) => p.lutWork === -1);
  const budget = spec.budget;
  if (quick && budget !== null) {
    const keep = QUICK_BUDGETS[budget] ?? [];
    const picked = grid.filter((p) => keep.includes(p[budget] as number));
    // A grid with none of the quick budgets (d < 2 only, say) keeps its largest setting.
    grid = picked.length > 0 ? picked : grid.slice(-1);
  }
  // undefined: a deterministic method, whose settings carry no seed.
  const seeds: readonly (number | undefined)[] = !spec.randomized ? [undefined]
    : quick || budget !== 'd' ? [0] : TRIAL_SEEDS;
  return grid.flatMap((p) => seeds.map((seed) =>
    ({ ...p, ...FIXED[spec.name], ...(seed === undefined ? {} : { seed }) })));
}

/** The setting whose filtered image is drawn: the middle budget of the quick settings. */
export function isPictureSetting(spec: MethodSpec, params: Params, D: number,
  M: number): boolean {
  const quick = settingsFor(spec, D, M, true);
  const middle = quick[Math.floor((quick.length - 1) / 2)];
  return middle !== undefined && JSON.stringify(middle) === JSON.stringify(params);
}

/**
 * Training rows a method's fit sees: the k-means methods (PQ, OPQ, Bolt) learn from at most
 * 20000 rows, since their fit in TypeScript takes minutes on the full sets (OPQ: 200 s on
 * 60000 × 512). Under --quick, 2500: about 10 rows per centroid of PQ and OPQ, enough to check
 * the pipeline, not for their best accuracy; OPQ's fit on 5000 rows of 512 took 15 to 20 s a
 * setting, a minute of the quick sweep on each of softmax and MIPS. Every other method sees all
 * the task's training rows. Cells record the rows used.
 */
export function fitRows(spec: MethodSpec, quick: boolean): number {
  if (!['pq', 'opq', 'bolt'].includes(spec.name)) return Infinity;
  return quick ? 2500 : 20000;
}
