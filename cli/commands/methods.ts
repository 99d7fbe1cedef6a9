/** `maddness methods`: every registered method, its summary and its options. */
import { methodSpecs } from '../../src/methods/registry.js';
import { describeParam } from '../method-flags.js';
import { parseFlags } from '../usage.js';

export const methodsUsage = 'maddness methods';

export function methodsCommand(args: string[], print: (line: string) => void): void {
  parseFlags(args, { verbose: { type: 'boolean' } });
  for (const spec of methodSpecs()) {
    const saved = spec.restore === undefined ? ', cannot be saved' : '';
    print(`${spec.name}: ${spec.summary}${spec.randomized ? ' (randomized)' : ''}${saved}`);
    for (const param of spec.params) print(`    ${describeParam(param)}`);
  }
}
