/**
 * `maddness bench`: the paper's experiments on real data, one JSON file per cell under
 * OUT/cells, with a progress bar on stderr. Interrupted runs resume (finished cells are kept).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataNotFoundError } from '../../src/core/errors.js';
import { kernelBuild, kernels } from '../../src/kernels/wasm/loader.js';
import { methodNames } from '../../src/methods/registry.js';
import { TASKS, type TaskName } from '../../bench/experiments/cell.js';
import { runBench } from '../../bench/experiments/run.js';
import { peerProducts } from '../../bench/peers.js';
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
  const refuse = (received: string): UsageError =>
    new UsageError(`option --${name} takes ${known.join(', ')}; received ` +
      JSON.stringify(received));
  // An empty list would plan no cell at all: a run that measures nothing and says nothing.
  if (list.length === 0) throw refuse((values as string[]).join(','));
  const unknown = list.find((v) => !known.includes(v));
  if (unknown !== undefined) throw refuse(unknown);
  return list;
}

/** A folder flag resolved to an absolute path, or undefined when absent; '' is refused. */
function folderFlag(value: unknown, name: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  // path.resolve('') is the working folder: an empty value (an unset shell variable, say)
  // would read or write there.
  if (value === '') throw new UsageError(`option --${name} takes a folder; received ""`);
  return path.resolve(value);
}

/** Whether `dir` exists and is a folder. */
function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
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
  const out = folderFlag(flags.out, 'out') ?? path.resolve('bench-results');
  const dataDir = folderFlag(flags.data, 'data') ?? path.join(root, '..', 'shared', 'data');
  const peersDir = folderFlag(flags.peers, 'peers');
  if (peersDir !== undefined && !isFolder(peersDir)) {
    throw new DataNotFoundError('the --peers folder', [peersDir]);
  }
  kernels();
  const build = kernelBuild() ?? 'simd';
  print(`maddness bench: ${tasks.join(', ')}; ${methods?.join(', ') ?? 'every method'}; ` +
    `${flags.quick === true ? 'quick' : 'full'} sweep; ${build} kernels, one thread`);
  print(`data: ${dataDir}; results: ${out}`);
  // Asked for by name: a peer that is not found is said now, not only as nulls in the cells.
  const peers = peersDir === undefined ? [] : await peerProducts(peersDir);
  for (const p of peers) print(`peers: ${p.name} ${p.available ? `found (${p.note})` : p.note}`);
  const progress = progressBar(process.stderr);
  let summary;
  try {
    summary = await runBench({ out, tasks, methods, quick: flags.quick === true, dataDir,
      cacheDir: path.join(out, 'cache'), root, kernels: build,
      peersDir, peers, onEvent: progress.onEvent });
  } finally {
    // A run stopped by an error leaves the terminal's cursor shown and the line ended.
    progress.stop();
  }
  print(`${summary.written} cells written, ${summary.skipped} already done, ` +
    `${summary.failed.length} failed (listed in ${path.join(out, 'failures.json')})`);
}
