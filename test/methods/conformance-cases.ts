/**
 * Per-method settings of the conformance suite. Each real-data bound sits beside the value
 * observed when it was set (mean over seeds 0..2 for randomized methods), from
 * `node --test dist/test/methods/conformance.test.js` on this project's machine; bounds
 * leave room for platform rounding, not for regressions.
 */
import type { Params } from '../../src/methods/params.js';

export interface Case {
  /** Parameters for the synthetic cases (D = 37, M = 5, low-rank rows). */
  readonly params: Params;
  /** NMSE bound on the synthetic low-rank test rows. */
  readonly syntheticBound: number;
  /** The real-data case: UCR SwedishLeaf, class means as B. */
  readonly real: { readonly params: Params; readonly bound: number; readonly observed: number };
  /** Two settings of the budget parameter, less and more. */
  readonly budget: { readonly low: Params; readonly high: Params } | null;
}

export const CASES: Readonly<Record<string, Case>> = {
  exact: {
    params: {}, syntheticBound: 1e-10,
    real: { params: {}, bound: 1e-10, observed: 0 },
    budget: null,
  },
  maddness: {
    params: { codebooks: 4 }, syntheticBound: 0.25,
    real: { params: { codebooks: 16 }, bound: 0.035, observed: 0.0232 },
    budget: { low: { codebooks: 4 }, high: { codebooks: 16 } },
  },
};

/** Cases a method does not support, with the reason the suite prints. */
export const SKIPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {};
