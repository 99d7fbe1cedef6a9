/**
 * A method's hyperparameters as command-line flags: parameter `lutWork` is `--lut-work`, and
 * so on for every registered method, from the same specs the library checks.
 * @module
 */
import type { ParseArgsConfig } from 'node:util';
import { parseParamText, type ParamSpec, type ParamValue } from '../src/methods/params.js';
import { UsageError, type Flags } from './usage.js';

/** `lutWork` → `lut-work`. */
export function flagName(param: string): string {
  return param.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** parseArgs options for the method's parameters. */
export function paramOptions(specs: readonly ParamSpec[]): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of specs) {
    options[flagName(spec.name)] = { type: spec.kind === 'bool' ? 'boolean' : 'string' };
  }
  return options;
}

/**
 * The parameters given on the command line. A value of the wrong form (a word for a number,
 * a name that is not one of an enum's) is a usage error; a number out of range is left to
 * the library, which names the rule.
 */
export function paramValues(specs: readonly ParamSpec[], flags: Flags):
  Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const flag = flagName(spec.name);
    const v = flags[flag];
    if (v === undefined) continue;
    if (spec.kind === 'bool') {
      out[spec.name] = v === true;
      continue;
    }
    try {
      out[spec.name] = parseParamText(spec, String(v));
    } catch {
      const takes = spec.kind === 'enum' ? spec.values.join(' or ')
        : spec.kind === 'int' ? 'an integer' : 'a number';
      throw new UsageError(`option --${flag} takes ${takes}; received ${JSON.stringify(v)}`);
    }
  }
  return out;
}

/** One line per parameter for `maddness methods`. */
export function describeParam(spec: ParamSpec): string {
  const range = spec.kind === 'int' || spec.kind === 'number' ? ` [${spec.min}, ${spec.max}]`
    : spec.kind === 'enum' ? ` (${spec.values.join('|')})` : '';
  return `--${flagName(spec.name)}${range}, default ${String(spec.default)}: ${spec.doc}`;
}
