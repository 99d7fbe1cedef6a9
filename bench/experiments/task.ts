/**
 * What a task hands the runner: groups that share training rows and B, each with one or more
 * test instances. A method setting is fitted once per group and then queried on every
 * instance of it (the filter task tests one fit on several photographs).
 */
import type { Matrix } from '../../src/core/matrix.js';
import type { Params } from '../../src/methods/params.js';
import type { Cell, TaskName } from './cell.js';
import type { CellId } from './store.js';

/** The task's evaluation of one approximate product. */
export interface Scores {
  metric: Cell['metric'];
  metrics: Record<string, number>;
}

export interface Instance {
  /** The cell's instance name, e.g. 'sobel-3x3/chelsea'. */
  id: string;
  /** (N, D) f32: the rows whose product is timed and scored. */
  test: Matrix;
  /** Scores Y ≈ test · B (the exact method's own output included). */
  evaluate(Y: Matrix): Scores;
  /**
   * Writes pictures of Y for one chosen setting per method (the filtered images), returning
   * their paths relative to `out`; absent where the task has none.
   */
  pictures?(Y: Matrix, out: string, label: string): string[];
}

export interface Group {
  task: TaskName;
  /** For progress lines: 'sobel-3x3', 'ucr/ECG200', ... */
  id: string;
  /** (N_train, D) f32: what fit sees. */
  train: Matrix;
  /** (D, M) f32. */
  B: Matrix;
  instances: Instance[];
}

/** Options every task reads. */
export interface TaskOptions {
  quick: boolean;
  /** Where the real data sets are (../shared/data beside the checkout by default). */
  dataDir: string;
  /** Where the runner may keep derived data between runs (the network's activations). */
  cacheDir: string;
  /** Project root, for the Fashion-MNIST fallback locations. */
  root: string;
}

/** A group before its data is read. */
export interface GroupPlan {
  name: string;
  D: number;
  M: number;
  instances: string[];
  /**
   * Parameters added to every setting of a method on this group, by method name (MIPS: the
   * paper's reconstruction objective for MADDNESS, since the output objective would hold an
   * N × M target with M = 60000 database items).
   */
  extraParams?: Readonly<Record<string, Params>>;
}

/** A task's groups, loaded one at a time so that only one group's data is in memory. */
export interface ProductTask {
  kind: 'product';
  name: TaskName;
  /** One line for `maddness bench --help` and the report. */
  summary: string;
  /**
   * The groups with their shapes and instance names, known without loading the data (for the
   * settings and the progress bar's total).
   */
  plan(options: TaskOptions): GroupPlan[];
  load(name: string, options: TaskOptions): Group;
}

/** What a custom job measures: a cell without its identity and environment. */
export type CellBody = Pick<Cell, 'metric' | 'metrics' | 'shape' | 'timing' | 'cost' | 'images'>;

/** One cell of a task that is not a product sweep (generalization, components). */
export interface Job {
  id: CellId;
  run(): CellBody;
}

/** A task whose cells are measured one by one rather than as a sweep over methods. */
export interface CustomTask {
  kind: 'custom';
  name: TaskName;
  summary: string;
  /** The cells the task makes; `methods` is the --methods filter (null: every method). */
  jobs(options: TaskOptions, methods: readonly string[] | null): Job[];
}

export type Task = ProductTask | CustomTask;
