/**
 * `maddness bench`: the paper's experiments on real data, one JSON file per cell under
 * OUT/cells, with a progress bar on stderr. Interrupted runs resume (finished cells are kept).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { kernelBuild, kernels } from '../../src/kernels/wasm/loader.js';
import { methodNames } from '../../src/methods/registry.js';
import { TASKS, type TaskName } from '../../bench/experiments/cell.js';
import { runBench } from '../../bench/experiments/run.js';
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
  const bar = new cliProgress.SingleBar({
    format: '[{bar}] {value}/{total} cells | {duration_formatted} elapsed | ' +
      'eta {eta_formatted} | {what}',
    stream: process.stderr, hideCursor: true, etaBuffer: 40, fps: 2,
    // Without a terminal (CI logs, a pipe) a line every 10 s instead of a redrawn bar.
    noTTYOutput: true, notTTYSchedule: 10000,
  }, cliProgress.Presets.shades_classic);
  let value = 0;
  // Without a terminal the bar draws only on its timer, which a long synchronous cell blocks;
  // so each event draws a line itself, at most every 10 s.
  const tty = process.stderr.isTTY === true;
  let drawn = 0;
  const draw = (): void => {
    if (!tty && Date.now() - drawn >= 10000) {
      drawn = Date.now();
      bar.render();
    }
  };
  const summary = await runBench({ out, tasks, methods, quick: flags.quick === true, dataDir,
    cacheDir: path.join(out, 'cache'), root, kernels: build,
    peersDir: typeof flags.peers === 'string' ? path.resolve(flags.peers) : undefined,
    onEvent: (event) => {
      if (event.type === 'plan') {
        value = event.skipped;
        bar.start(event.total, value, { what: `${event.skipped} cells already done` });
      } else if (event.type === 'start') {
        bar.update(value, { what: event.what.slice(0, 60) });
        draw();
      } else if (event.type === 'cell') {
        bar.update(++value);
        draw();
      } else {
        value += event.cells;
        bar.update(value);
        process.stderr.write(`\nfailed: ${event.id.task} ${event.id.instance} ${event.id.method}` +
          ` ${JSON.stringify(event.id.params)}: ${event.error.split('\n')[0]}\n`);
      }
    } });
  bar.stop();
  print(`${summary.written} cells written, ${summary.skipped} already done, ` +
    `${summary.failed.length} failed (listed in ${path.join(out, 'failures.json')})`);
}
