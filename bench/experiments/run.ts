/**
 * The experiments runner: every (task instance, method, setting) cell of the chosen tasks,
 * timed as the paper times them (one thread, B prepared ahead, float outputs, the exact
 * product timed in the same run), one JSON file per cell. A cell whose file exists (from the
 * same sweep, quick or full) is skipped, so an interrupted run resumes where it stopped. The
 * runner prints nothing; it reports progress through `onEvent`.
 */
import path from 'node:path';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';
import { makeFolder } from '../../src/core/io/folder.js';
import { timeMedianAsync, type Timing } from '../../src/core/timing.js';
import type { MatmulMethod, MethodSpec } from '../../src/methods/method.js';
import type { Params } from '../../src/methods/params.js';
import { createMethod, methodSpecs } from '../../src/methods/registry.js';
import { peerProducts, type PeerProduct } from '../peers.js';
import { CELL_SCHEMA, type Cell, type Sweep, type TaskName } from './cell.js';
import { cellEnv } from './env.js';
import { timePaired } from './paired-timing.js';
import { sampleRows } from './sample.js';
import { fitRows, isPictureSetting, settingsFor } from './settings.js';
import { cellPath, paramsSlug, readCell, writeCell, type CellId } from './store.js';
import type { Group, GroupPlan, Instance, Job, Task, TaskOptions } from './task.js';
import { TASK_LIST } from './tasks/index.js';

export interface RunOptions extends TaskOptions {
  out: string;
  tasks: readonly TaskName[];
  /** Method names to run (null: every registered method). */
  methods: readonly string[] | null;
  /** A folder whose node_modules holds onnxruntime-node and tfjs (bench/peers.ts). */
  peersDir?: string;
  /** The peers already loaded from peersDir (the CLI lists them first); loaded here if not. */
  peers?: readonly PeerProduct[];
  /** The kernel build that runs, recorded in every cell. */
  kernels: string;
  onEvent?: (event: RunEvent) => void;
  /** The tasks to draw from (default: every task of the runner); tests pass their own. */
  taskList?: readonly Task[];
}

export type RunEvent =
  | { type: 'plan'; total: number; skipped: number }
  | { type: 'start'; what: string }
  | { type: 'cell'; id: CellId; file: string; skipped: boolean }
  | { type: 'failed'; id: CellId; cells: number; error: string };

/** One unit of work: a method setting on a product group (all its instances), or a job. */
type Unit =
  | { kind: 'product'; task: Task & { kind: 'product' }; plan: GroupPlan; spec: MethodSpec;
    params: Params; ids: CellId[] }
  | { kind: 'custom'; job: Job };

const unitIds = (u: Unit): CellId[] => (u.kind === 'product' ? u.ids : [u.job.id]);

function planUnits(options: RunOptions): Unit[] {
  const specs = methodSpecs().filter((s) => options.methods === null ||
    options.methods.includes(s.name));
  const units: Unit[] = [];
  const chosen = (options.taskList ?? TASK_LIST).filter((t) => options.tasks.includes(t.name));
  for (const task of chosen) {
    if (task.kind === 'custom') {
      for (const job of task.jobs(options, options.methods)) units.push({ kind: 'custom', job });
      continue;
    }
    for (const plan of task.plan(options)) {
      for (const spec of specs) {
        for (const setting of settingsFor(spec, plan.D, plan.M, options.quick)) {
          const params = { ...setting, ...plan.extraParams?.[spec.name] };
          units.push({ kind: 'product', task, plan, spec, params,
            ids: plan.instances.map((instance) => ({ task: task.name, instance,
              method: spec.name, params })) });
        }
      }
    }
  }
  return units;
}

/** The exact product by the peer libraries on one instance (null: not installed). */
interface PeerTimes {
  onnxruntime: Timing | null;
  tfjs: Timing | null;
}

export interface RunSummary {
  written: number;
  skipped: number;
  failed: { id: CellId; error: string }[];
}

export async function runBench(options: RunOptions): Promise<RunSummary> {
  const emit = options.onEvent ?? ((): void => undefined);
  const units = planUnits(options);
  // Before any cell is measured: a folder that cannot hold them would fail every cell.
  makeFolder(options.out);
  const sweep: Sweep = options.quick ? 'quick' : 'full';
  // A cell of the other sweep in the same folder is measured again and replaced.
  const done = (u: Unit): boolean => unitIds(u).every((id) =>
    readCell(options.out, id)?.sweep === sweep);
  const finished = new Set(units.filter(done));
  const cellsOf = (list: Iterable<Unit>): number => {
    let n = 0;
    for (const u of list) n += unitIds(u).length;
    return n;
  };
  const summary: RunSummary = { written: 0, skipped: cellsOf(finished), failed: [] };
  emit({ type: 'plan', total: cellsOf(units), skipped: summary.skipped });
  const repeat = options.quick ? { runs: 7, warmup: 1, warmupMs: 100 }
    : { runs: 9, warmup: 2, warmupMs: 200 };
  const peers = options.peers ??
    (options.peersDir === undefined ? [] : await peerProducts(options.peersDir));
  /** The loaded group, and its exact product by the project's GEMM, timed beside every query. */
  let loaded: { group: Group; gemm: MatmulMethod } | null = null;
  const peerTimes = new Map<string, PeerTimes>();

  /** The peers' exact products on one instance, once per run: they are not speed-up's base. */
  const timePeers = async (g: Group, inst: Instance): Promise<PeerTimes> => {
    const known = peerTimes.get(inst.id);
    if (known !== undefined) return known;
    const byName = async (name: string): Promise<Timing | null> => {
      const peer: PeerProduct | undefined = peers.find((p) => p.name === name && p.available);
      if (peer === undefined) return null;
      const run = await peer.prepare(g.B);
      return timeMedianAsync(() => run(inst.test), repeat.runs, repeat.warmup, repeat.warmupMs);
    };
    const times = { onnxruntime: await byName('onnxruntime-node'),
      tfjs: await byName('tfjs-backend-wasm') };
    peerTimes.set(inst.id, times);
    return times;
  };

  const productCells = async (u: Unit & { kind: 'product' }): Promise<Cell[]> => {
    if (loaded === null || loaded.group.task !== u.task.name ||
      loaded.group.id !== u.plan.name) {
      loaded = null;
      peerTimes.clear();
      emit({ type: 'start', what: `loading ${u.task.name} ${u.plan.name}` });
      const group = u.task.load(u.plan.name, options);
      loaded = { group, gemm: createMethod('exact').fit(group.train).prepare(group.B) };
    }
    const { group: g, gemm } = loaded;
    emit({ type: 'start', what: `${u.task.name} ${u.plan.name} ${u.spec.name} ` +
      paramsSlug(u.params).replace(/-[0-9a-f]{8}$/, '') });
    const train = sampleRows(g.train, fitRows(u.spec, options.quick), 9);
    const start = performance.now();
    const method = u.spec.create(u.params).fit(train, g.B);
    const fitMs = performance.now() - start;
    const prepStart = performance.now();
    method.prepare(g.B);
    const prepareMs = performance.now() - prepStart;
    const cells: Cell[] = [];
    for (const inst of g.instances) {
      const queryStart = performance.now();
      const Y = method.multiply(inst.test);
      const firstMs = performance.now() - queryStart;
      const scores = inst.evaluate(Y);
      const { query, exact: gemmTime } = timePaired(() => method.multiply(inst.test).data[0],
        () => gemm.multiply(inst.test).data[0], repeat, firstMs);
      const picture = inst.pictures !== undefined &&
        isPictureSetting(u.spec, u.params, g.B.rows, g.B.cols);
      const label = `${u.spec.name}--${paramsSlug(u.params)}`;
      cells.push({ schema: CELL_SCHEMA, sweep, task: u.task.name, instance: inst.id,
        method: u.spec.name, params: u.params, ...scores,
        shape: { N_train: train.rows, N: inst.test.rows, D: g.B.rows, M: g.B.cols },
        timing: { fitMs, prepareMs, query, exact: gemmTime,
          speedup: gemmTime.medianMs / query.medianMs, peers: await timePeers(g, inst) },
        cost: method.cost(),
        images: picture ? inst.pictures!(Y, options.out, label) : [],
        env: cellEnv(options.kernels) });
    }
    return cells;
  };

  const customCell = (job: Job): Cell => {
    emit({ type: 'start', what: `${job.id.task} ${job.id.instance} ${job.id.method} ` +
      paramsSlug(job.id.params).replace(/-[0-9a-f]{8}$/, '') });
    return { schema: CELL_SCHEMA, sweep, task: job.id.task as TaskName,
      instance: job.id.instance, method: job.id.method, params: job.id.params, ...job.run(),
      env: cellEnv(options.kernels) };
  };

  for (const u of units) {
    if (finished.has(u)) continue;
    // Another runner on the same folder (one per core, say) may have finished it meanwhile.
    if (done(u)) {
      summary.skipped += unitIds(u).length;
      for (const id of unitIds(u)) emit({ type: 'cell', id, file: cellPath(id), skipped: true });
      continue;
    }
    try {
      const cells = u.kind === 'product' ? await productCells(u) : [customCell(u.job)];
      for (const cell of cells) {
        emit({ type: 'cell', id: cell, file: writeCell(options.out, cell), skipped: false });
        summary.written++;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const id of unitIds(u)) summary.failed.push({ id, error: message });
      emit({ type: 'failed', id: unitIds(u)[0], cells: unitIds(u).length, error: message });
    }
  }
  writeFileAtomic(path.join(options.out, 'failures.json'), JSON.stringify(summary.failed.map(
    (f) => ({ ...f.id, file: cellPath(f.id), error: f.error })), null, 2) + '\n');
  return summary;
}
