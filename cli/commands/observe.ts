/**
 * `maddness observe`: calibrates a data-free model on real rows and writes it back (or to
 * --out), atomically; --relearn then relearns its trees on the rows it has kept.
 */
import { readNpyMatrix } from '../../src/core/io/npy.js';
import { DataFreeMaddness } from '../../src/methods/maddness/data-free-method.js';
import { loadMethod, saveMethod } from '../../src/methods/method-file.js';
import { parseFlags, required, UsageError } from '../usage.js';

export const observeUsage =
  'maddness observe --model MODEL --a ROWS.npy [--relearn] [--out MODEL2]   ' +
  '(maddness-data-free models)';

export function observeCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, {
    model: { type: 'string' }, a: { type: 'string' }, out: { type: 'string' },
    relearn: { type: 'boolean' }, verbose: { type: 'boolean' },
  });
  const modelPath = required(flags, 'model');
  const aPath = required(flags, 'a');
  const out = flags.out === undefined ? modelPath : required(flags, 'out');
  const method = loadMethod(modelPath);
  if (!(method instanceof DataFreeMaddness)) {
    throw new UsageError('observe calibrates maddness-data-free models; this one is ' +
      method.name);
  }
  const rows = readNpyMatrix(aPath, '--a');
  method.observe(rows);
  if (flags.relearn === true) method.relearnTrees();
  saveMethod(method, out);
  print(`observed ${rows.rows} rows (${method.calibrationRows} since the encoder was made` +
    `${flags.relearn === true ? ', trees relearned' : ''}); wrote ${out}`);
}
