/** `maddness fit`: learn any registered method from training rows and prepare it for B. */
import { readNpyMatrix } from '../../src/core/io/npy.js';
import { saveMethod } from '../../src/methods/method-file.js';
import { methodNames, methodSpec } from '../../src/methods/registry.js';
import { paramOptions, paramValues } from '../method-flags.js';
import { parseFlags, required, UsageError } from '../usage.js';

export const fitUsage =
  'maddness fit [--method NAME] --a TRAIN.npy --b B.npy [method options, e.g. --codebooks C ' +
  '--lut-work L] --out MODEL   (maddness methods lists every method and its options)';

export function fitCommand(args: string[], print: (line: string) => void): void {
  const name = methodArgument(args);
  if (!methodNames().includes(name)) {
    throw new UsageError(`option --method takes one of ${methodNames().join(', ')}; received ` +
      JSON.stringify(name));
  }
  const spec = methodSpec(name);
  const flags = parseFlags(args, {
    method: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' },
    out: { type: 'string' }, verbose: { type: 'boolean' },
    ...paramOptions(spec.params),
    // --refine is the short form of MADDNESS's --refine-passes.
    ...(name === 'maddness' ? { refine: { type: 'string' } } : {}),
  });
  if (flags.refine !== undefined) {
    if (flags['refine-passes'] !== undefined) {
      throw new UsageError('give --refine or --refine-passes, not both');
    }
    flags['refine-passes'] = flags.refine;
  }
  const aPath = required(flags, 'a');
  const bPath = required(flags, 'b');
  const out = required(flags, 'out');
  const params = paramValues(spec.params, flags);
  const method = spec.create(params);

  const A = readNpyMatrix(aPath, '--a');
  const B = readNpyMatrix(bPath, '--b');
  const started = performance.now();
  // B is known here, so methods that learn from the product (MADDNESS's default objective,
  // Frequent and Co-occurring Directions) get it at fit time.
  method.fit(A, B).prepare(B);
  saveMethod(method, out);
  const shown = Object.entries(method.params).map(([k, v]) => `${k} = ${String(v)}`).join(', ');
  print(`fitted ${name} (${shown}) on ${A.rows}×${A.cols} in ` +
    `${((performance.now() - started) / 1000).toFixed(2)} s; wrote ${out}`);
}

/** The value of --method (default maddness), read before the flags of that method are known. */
function methodArgument(args: string[]): string {
  const given = args.filter((a) => a === '--method' || a.startsWith('--method=')).length;
  if (given > 1) throw new UsageError('option --method given more than once');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--method') {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) {
        throw new UsageError('option --method needs a name');
      }
      return v;
    }
    if (args[i].startsWith('--method=')) return args[i].slice('--method='.length);
  }
  return 'maddness';
}
