/** `maddness multiply`: approximate A·B with a saved model, written as float32 .npy. */
import { readNpyMatrix, writeNpyMatrix } from '../../src/core/io/npy.js';
import { loadModel } from '../../src/methods/maddness/model-file.js';
import { parseFlags, required } from '../usage.js';

export const multiplyUsage = 'maddness multiply --model MODEL --a A.npy --out Y.npy [--exact-sum]';

export function multiplyCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, {
    model: { type: 'string' }, a: { type: 'string' }, out: { type: 'string' },
    'exact-sum': { type: 'boolean' }, verbose: { type: 'boolean' },
  });
  const model = loadModel(required(flags, 'model'));
  const A = readNpyMatrix(required(flags, 'a'), '--a');
  const out = required(flags, 'out');
  const Y = model.multiply(A, { exactSum: flags['exact-sum'] === true });
  writeNpyMatrix(out, Y);
  print(`wrote ${out} (${Y.rows}×${Y.cols} float32)`);
}
