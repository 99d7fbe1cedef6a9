/**
 * `maddness report`: figures, tables and one HTML page from a folder of experiment cells (the
 * JSON files of the experiments runner). Reads results only; never reruns anything.
 */
import { parseFlags, required } from '../usage.js';

export const reportUsage = 'maddness report --in DIR --out DIR';

export async function reportCommand(args: string[],
  print: (line: string) => void): Promise<void> {
  const flags = parseFlags(args, { in: { type: 'string' }, out: { type: 'string' },
    verbose: { type: 'boolean' } });
  const inDir = required(flags, 'in');
  const outDir = required(flags, 'out');
  // Loaded here, not at the top: vega and resvg would slow the start of every other command.
  const { writeReport } = await import('../../report/page/report.js');
  const summary = await writeReport(inDir, outDir);
  for (const note of summary.notes) print(`note: ${note}`);
  print(`read ${summary.cells} cells (${summary.settings} settings once the seeds of ` +
    `randomized methods are averaged); wrote ${summary.page} (${summary.figures} figures, ` +
    `${summary.images} images) and ${summary.markdown}`);
}
