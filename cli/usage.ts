/**
 * Command-line parsing shared by the commands: a usage error (exit 2) is a problem with the
 * command line itself; anything else that goes wrong exits 1.
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A malformed command line: unknown or missing flags, a value of the wrong form. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Flags = Record<string, string | boolean | undefined>;

/** Parses `args` against `options`; every unknown flag or stray argument is a usage error. */
export function parseFlags(args: string[], options: ParseArgsConfig['options']): Flags {
  try {
    const { values } = parseArgs({ args: joinNegativeValues(args, options), options,
      strict: true, allowPositionals: false });
    return values as Flags;
  } catch (error) {
    // Node's parser messages can span lines; the CLI prints one line per error.
    throw new UsageError((error as Error).message.split('\n')[0].trim());
  }
}

/**
 * `--seed -3` as `--seed=-3`: Node's parser takes a value that starts with '-' for a flag,
 * while a negative number is a value here (the library then says whether it is allowed).
 */
function joinNegativeValues(args: string[], options: ParseArgsConfig['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') && !args[i].includes('=') ? args[i].slice(2) : null;
    const next = args[i + 1];
    if (name !== null && options?.[name]?.type === 'string' && next !== undefined &&
      /^-(\d|\.\d)/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else {
      out.push(args[i]);
    }
  }
  return out;
}

/** The string value of a required flag. */
export function required(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`missing required option --${name}`);
  return v;
}

/** An integer flag, or `fallback` when absent. */
export function integer(flags: Flags, name: string, fallback?: number): number {
  const v = flags[name];
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`missing required option --${name}`);
    return fallback;
  }
  if (typeof v !== 'string' || !/^[+-]?\d+$/.test(v.trim())) {
    throw new UsageError(`option --${name} takes an integer; received ${JSON.stringify(v)}`);
  }
  return Number(v);
}

/** A number flag, or `fallback` when absent. */
export function number(flags: Flags, name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (Number.isNaN(x)) {
    throw new UsageError(`option --${name} takes a number; received ${JSON.stringify(v)}`);
  }
  return x;
}
