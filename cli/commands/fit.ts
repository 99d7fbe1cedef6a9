/** `maddness fit`: learn a model from training rows and precompute its tables for B. */
import { readNpyMatrix } from '../../src/core/io/npy.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { saveModel } from '../../src/methods/maddness/model-file.js';
import { integer, number, parseFlags, required, UsageError } from '../usage.js';

export const fitUsage =
  'maddness fit --a TRAIN.npy --b B.npy --codebooks C [--lut-work L] [--lambda X] [--seed S] ' +
  '[--objective output|reconstruct] [--refine P] --out MODEL';

export function fitCommand(args: string[], print: (line: string) => void): void {
  const flags = parseFlags(args, {
    a: { type: 'string' }, b: { type: 'string' }, codebooks: { type: 'string' },
    'lut-work': { type: 'string' }, lambda: { type: 'string' }, seed: { type: 'string' },
    objective: { type: 'string' }, refine: { type: 'string' }, out: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const aPath = required(flags, 'a');
  const bPath = required(flags, 'b');
  const out = required(flags, 'out');
  const codebooks = integer(flags, 'codebooks');
  const lutWork = integer(flags, 'lut-work', -1);
  const lambda = number(flags, 'lambda', 1);
  const seed = integer(flags, 'seed', 0);
  const objective = typeof flags.objective === 'string' ? flags.objective : 'output';
  if (objective !== 'output' && objective !== 'reconstruct') {
    throw new UsageError('option --objective takes output or reconstruct; received ' +
      JSON.stringify(objective));
  }

  const A = readNpyMatrix(aPath, '--a');
  const B = readNpyMatrix(bPath, '--b');
  const started = performance.now();
  const refinePasses = integer(flags, 'refine', 2);
  // B is known here, so by default the trees are fitted to the product (the output objective).
  const model = MaddnessModel.fit(A, { codebooks, lutWork, lambda, seed, b: B, objective,
    refinePasses });
  saveModel(model, out);
  print(`fitted C = ${codebooks} on ${A.rows}×${A.cols} in ` +
    `${((performance.now() - started) / 1000).toFixed(2)} s; wrote ${out}`);
}
