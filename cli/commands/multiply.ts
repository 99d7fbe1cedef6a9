/** `maddness multiply`: approximate A·B with a saved model, written as float32 .npy. */
import { readNpyMatrix, writeNpyMatrix } from '../../src/core/io/npy.js';
import { MaddnessMethod } from '../../src/methods/maddness/method.js';
import { loadMethod } from '../../src/methods/method-file.js';
import { parseFlags, required, UsageError } from '../usage.js';

export const multiplyUsage = 'maddness multiply --model MODEL --a A.npy --out Y.npy [--exact-sum]';

export function multiplyCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, {
    model: { type: 'string' }, a: { type: 'string' }, out: { type: 'string' },
    'exact-sum': { type: 'boolean' }, verbose: { type: 'boolean' },
  });
  // Every required option first: a missing one is a usage error whatever the files hold.
  const [modelPath, aPath, out] = [required(flags, 'model'), required(flags, 'a'),
    required(flags, 'out')];
  const method = loadMethod(modelPath);
  const A = readNpyMatrix(aPath, '--a');
  let Y;
  if (flags['exact-sum'] === true) {
    if (!(method instanceof MaddnessMethod) || method.model === null) {
      throw new UsageError(`--exact-sum applies to maddness models; this one is ${method.name}`);
    }
    Y = method.model.multiply(A, { exactSum: true });
  } else {
    Y = method.multiply(A);
  }
  writeNpyMatrix(out, Y);
  print(`wrote ${out} (${Y.rows}×${Y.cols} float32)`);
}
