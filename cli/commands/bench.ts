/**
 * `maddness bench`: the paper's experiments on real data, one JSON file per cell under
 * OUT/cells, with a progress bar on stderr. Interrupted runs resume (finished cells are kept).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelBuild, kernels } from '../../src/kernels/wasm/loader.js';
import { methodNames } from '../../src/methods/registry.js';
import { TASKS, type TaskName } from '../../bench/experiments/cell.js';
import { runBench } from '../../bench/experiments/run.js';
import { progressBar } from '../progress.js';
import { parseFlags, UsageError } from '../usage.js';

export const benchUsage = 'maddness bench [--task NAME ...] [--methods NAME ...] [--quick] ' +
  '[--out DIR] [--data DIR] [--peers DIR]';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Values of a repeatable flag, each of which may also be a comma-separated list. */
function listFlag(values: unknown, name: string, known: readonly string[]): string[] | null {
  if (values === undefined) return null;
  const list = (values as string[]).flatMap((v) => v.split(',')).map((v) => v.trim())
    .filter((v) => v !== '');
  for (const v of list) {
    if (!known.includes(v)) {
      throw new UsageError(`option --${name} takes ${known.join(', ')}; received ` +
        JSON.stringify(v));
    }
  }
  return list;
}

export async function benchCommand(args: string[], print: (line: string) => void):
  Promise<void> {
  const flags = parseFlags(args, {
    task: { type: 'string', multiple: true }, methods: { type: 'string', multiple: true },
    quick: { type: 'boolean' }, out: { type: 'string' }, data: { type: 'string' },
    peers: { type: 'string' }, verbose: { type: 'boolean' },
  }) as Record<string, unknown>;
  const tasks = (listFlag(flags.task, 'task', TASKS) ?? [...TASKS]) as TaskName[];
  const methods = listFlag(flags.methods, 'methods', methodNames());
  const out = path.resolve(typeof flags.out === 'string' ? flags.out : 'bench-results');
  const dataDir = path.resolve(typeof flags.data === 'string' ? flags.data
    : path.join(root, '..', 'shared', 'data'));
  kernels();
  const build = kernelBuild() ?? 'simd';
  print(`maddness bench: ${tasks.join(', ')}; ${methods?.join(', ') ?? 'every method'}; ` +
    `${flags.quick === true ? 'quick' : 'full'} sweep; ${build} kernels, one thread`);
  print(`data: ${dataDir}; results: ${out}`);
  const progress = progressBar(process.stderr);
  let summary;
  try {
    summary = await runBench({ out, tasks, methods, quick: flags.quick === true, dataDir,
      cacheDir: path.join(out, 'cache'), root, kernels: build,
      peersDir: typeof flags.peers === 'string' ? path.resolve(flags.peers) : undefined,
      onEvent: progress.onEvent });
  } finally {
    // A run stopped by an error leaves the terminal's cursor shown and the line ended.
    progress.stop();
  }
  print(`${summary.written} cells written, ${summary.skipped} already done, ` +
    `${summary.failed.length} failed (listed in ${path.join(out, 'failures.json')})`);
}
