/**
 * The bench command's progress bar on stderr: cells done, time elapsed, and an estimate of the
 * rest. The estimate is the run's own mean time per cell so far times the cells left: cells
 * differ by a thousandfold (a hash sketch against OPQ on 130,000 patches), so a rate over the
 * last few cells, as cli-progress keeps it, swings by minutes from one line to the next.
 */
import cliProgress from 'cli-progress';
import type { RunEvent } from '../bench/experiments/run.js';

/** A duration as 1h02m, 3m05s or 42s; '?' when there is nothing to base it on. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Time left: `elapsedMs` spent on `done` cells of this run, `left` cells to go. NaN before the
 * first cell of the run (no basis); 0 when nothing is left.
 */
export function restEstimate(elapsedMs: number, done: number, left: number): number {
  if (left <= 0) return 0;
  return done > 0 ? (elapsedMs / done) * left : Number.NaN;
}

export interface Progress {
  onEvent(event: RunEvent): void;
  stop(): void;
}

/** A bar on `stream`; without a terminal, a line at most every 10 s instead of a redraw. */
export function progressBar(stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar({
    format: '[{bar}] {value}/{total} cells | {elapsed} elapsed | about {rest} left | {what}',
    stream, hideCursor: true, fps: 2, noTTYOutput: true, notTTYSchedule: 10000,
  }, cliProgress.Presets.shades_classic);
  const tty = stream.isTTY === true;
  const start = Date.now();
  let total = 0;
  let value = 0;
  let skipped = 0;
  let drawn = 0;
  let what = '';
  let started = false;
  const payload = (): Record<string, string> => {
    const elapsed = Date.now() - start;
    return { what: what.slice(0, 60), elapsed: formatDuration(elapsed),
      rest: formatDuration(restEstimate(elapsed, value - skipped, total - value)) };
  };
  // Without a terminal the bar draws only on its timer, which a long synchronous cell blocks;
  // so each event draws a line itself, at most every 10 s.
  const draw = (): void => {
    bar.update(value, payload());
    if (!tty && Date.now() - drawn >= 10000) {
      drawn = Date.now();
      bar.render();
    }
  };
  return {
    onEvent: (event) => {
      if (event.type === 'plan') {
        total = event.total;
        value = skipped = event.skipped;
        what = `${event.skipped} cells already done`;
        bar.start(total, value, payload());
        started = true;
        return;
      }
      if (event.type === 'start') what = event.what;
      else if (event.type === 'cell') {
        value++;
        // Found done by another runner meanwhile: no time of this run went into it.
        if (event.skipped) skipped++;
      } else {
        value += event.cells;
        stream.write(`\nfailed: ${event.id.task} ${event.id.instance} ${event.id.method} ` +
          `${JSON.stringify(event.id.params)}: ${event.error.split('\n')[0]}\n`);
      }
      draw();
    },
    stop: () => {
      if (!started) return;
      bar.update(value, payload());
      bar.stop();
    },
  };
}
