/**
 * One cell of the experiments runner: a (task instance, method, hyperparameters) result, one
 * JSON file each. The runner writes cells, the report reads them; this file is their contract.
 */
import type { Timing } from '../../src/core/timing.js';
import type { Cost } from '../../src/methods/method.js';
import type { Params } from '../../src/methods/params.js';

export const CELL_SCHEMA = 'maddness.bench.cell/1';

/** The tasks `maddness bench --task` accepts, in the order the runner takes them. */
export const TASKS = ['softmax', 'filters', 'ucr', 'forecast', 'mips', 'generalization',
  'components'] as const;
export type TaskName = (typeof TASKS)[number];

/** Where and how a cell was measured. */
export interface CellEnv {
  machine: string;
  cores: number;
  node: string;
  /** Threads the timed query used: 1 everywhere, as in the paper. */
  threads: number;
  /** 'simd' or 'relaxed-simd': the kernel build that ran. */
  kernels: string;
  /** ISO time the cell finished. */
  date: string;
}

/**
 * The sweep a cell belongs to: `--quick` cells fit on fewer rows and test on smaller sets, so
 * a cell of one sweep never stands in for the same cell of the other.
 */
export type Sweep = 'quick' | 'full';

export interface Cell {
  schema: typeof CELL_SCHEMA;
  /** Absent in cells written before sweeps were recorded: such cells are redone on resume. */
  sweep?: Sweep;
  task: TaskName;
  /**
   * The task instance: 'fashion-mnist'; 'sobel-3x3/chelsea' (filter, kernel size, test image);
   * 'ucr/ECG200'; 'gas/w4' (meter, window); 'fashion-mnist' for mips; 'softmax' or
   * 'gauss-5x5' for generalization; 'kernels' for components.
   */
  instance: string;
  method: string;
  /** The method's hyperparameters as given to createMethod (seed included when randomized). */
  params: Params;
  /** The task's headline metric: the y axis of its figure. */
  metric: { name: string; value: number; higherIsBetter: boolean };
  /**
   * Every metric measured, by name: nmse, accuracy, relativeAccuracy, oneMinusNmse, recall1,
   * recall10, trainNmse, testNmse, and for components encodeCodesPerSecond, lutBuildMs,
   * scanLookupsPerSecond, codeBytesPerRow.
   */
  metrics: Record<string, number>;
  /** Shapes: N_train training rows used by fit, N query rows timed, A (N, D), B (D, M). */
  shape: { N_train: number; N: number; D: number; M: number };
  timing: {
    fitMs: number;
    /** Work on B alone (tables, sketches of B): done ahead, never part of the query. */
    prepareMs: number;
    /** The query: multiply(A_test) with B prepared; median of repeats. */
    query: Timing;
    /** The exact float32 product by the project's GEMM, timed in the same run. */
    exact: Timing;
    /** exact.medianMs / query.medianMs. */
    speedup: number;
    /** Exact products by peer libraries in the same run; null where not installed. */
    peers: { onnxruntime: Timing | null; tfjs: Timing | null };
  } | null;
  cost: Cost | null;
  /** PNG files this cell wrote, relative to the output folder (filtered images). */
  images: string[];
  env: CellEnv;
}
