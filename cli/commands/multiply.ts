/** `maddness multiply`: approximate A·B with a saved model, written as float32 .npy. */
import { readNpyMatrix, writeNpyMatrix } from '../../src/core/io/npy.js';
import { MaddnessMethod } from '../../src/methods/maddness/method.js';
import { loadMethod } from '../../src/methods/method-file.js';
import { integer, parseFlags, required, UsageError } from '../usage.js';

export const multiplyUsage = 'maddness multiply --model MODEL --a A.npy --out Y.npy ' +
  '[--exact-sum] [--threads N]';

export function multiplyCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, {
    model: { type: 'string' }, a: { type: 'string' }, out: { type: 'string' },
    'exact-sum': { type: 'boolean' }, threads: { type: 'string' }, verbose: { type: 'boolean' },
  });
  // Every required option first: a missing one is a usage error whatever the files hold.
  const [modelPath, aPath, out] = [required(flags, 'model'), required(flags, 'a'),
    required(flags, 'out')];
  // The library checks the range (1 to 64) and names `threads` when it is out of it.
  const threads = integer(flags, 'threads', 1);
  const method = loadMethod(modelPath);
  const A = readNpyMatrix(aPath, '--a');
  let Y;
  const exactSum = flags['exact-sum'] === true;
  if (exactSum || flags.threads !== undefined) {
    if (!(method instanceof MaddnessMethod) || method.model === null) {
      const flag = exactSum ? '--exact-sum' : '--threads';
      throw new UsageError(`${flag} applies to maddness models; this one is ${method.name}`);
    }
    // Without --exact-sum, the summation the method was saved with (as method.multiply does).
    Y = method.model.multiply(A, { exactSum: exactSum || method.params.exactSum === true,
      threads });
  } else {
    Y = method.multiply(A);
  }
  writeNpyMatrix(out, Y);
  print(`wrote ${out} (${Y.rows}×${Y.cols} float32)`);
}
