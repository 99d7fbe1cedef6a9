/**
 * Typed hyperparameters of the methods: each method declares its parameters once, and every
 * entry point (library, CLI, benchmarks, model files) checks values through `resolveParams`.
 * @module
 */
import { InvalidArgumentError } from '../core/errors.js';

/** A hyperparameter value. */
export type ParamValue = number | string | boolean;

/** Hyperparameters by name. */
export type Params = Readonly<Record<string, ParamValue>>;

/** One declared hyperparameter. */
export type ParamSpec =
  | {
    readonly name: string;
    readonly kind: 'int';
    readonly doc: string;
    readonly default: number;
    readonly min: number;
    readonly max: number;
    /** Integers in [min, max] that are not allowed (for example L = 0 of MADDNESS). */
    readonly exclude?: readonly number[];
  }
  | {
    readonly name: string;
    readonly kind: 'number';
    readonly doc: string;
    readonly default: number;
    readonly min: number;
    readonly max: number;
  }
  | {
    readonly name: string;
    readonly kind: 'enum';
    readonly doc: string;
    readonly default: string;
    readonly values: readonly string[];
  }
  | { readonly name: string; readonly kind: 'bool'; readonly doc: string;
    readonly default: boolean };

/**
 * Fills in defaults and checks every value against its spec.
 * @throws InvalidArgumentError naming an unknown parameter, or a value outside its rule
 */
export function resolveParams(method: string, specs: readonly ParamSpec[],
  given: Readonly<Record<string, unknown>> = {}): Params {
  const proto = given === null || typeof given !== 'object' ? undefined
    : Object.getPrototypeOf(given);
  if (proto !== Object.prototype && proto !== null) {
    throw new InvalidArgumentError('params', 'must be a plain object of name: value',
      given === null ? null : Array.isArray(given) ? 'an array' : typeof given);
  }
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      throw new InvalidArgumentError(name, `is not a parameter of ${method} (it takes ` +
        `${specs.map((s) => s.name).join(', ') || 'none'})`, given[name]);
    }
  }
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const own = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
    const value = own === undefined ? spec.default : own;
    out[spec.name] = checkValue(spec, value);
  }
  return out;
}

function checkValue(spec: ParamSpec, value: unknown): ParamValue {
  const { name } = spec;
  switch (spec.kind) {
    case 'int': {
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= spec.min &&
        value <= spec.max && !(spec.exclude ?? []).includes(value);
      if (!ok) {
        const except = spec.exclude?.length ? ` other than ${spec.exclude.join(', ')}` : '';
        throw new InvalidArgumentError(name,
          `must be an integer from ${spec.min} to ${spec.max}${except}`, value);
      }
      return value as number;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min ||
        value > spec.max) {
        throw new InvalidArgumentError(name,
          `must be a finite number from ${spec.min} to ${spec.max}`, value);
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw new InvalidArgumentError(name, `must be one of ${spec.values.join(', ')}`, value);
      }
      return value;
    case 'bool':
      if (typeof value !== 'boolean') {
        throw new InvalidArgumentError(name, 'must be true or false', value);
      }
      return value;
  }
}

/** The text forms of the numeric kinds: plain decimals (no hex, no "Infinity"). */
const TEXT_FORM = { int: /^[+-]?\d+$/, number: /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i };

/**
 * Reads a parameter's value from text (the CLI's flags), by its kind only: the range is left
 * to `resolveParams`, so that a malformed value and an out-of-range one can be told apart.
 * @throws InvalidArgumentError when the text is not of the parameter's kind
 */
export function parseParamText(spec: ParamSpec, text: string): ParamValue {
  switch (spec.kind) {
    case 'int':
    case 'number':
      if (!TEXT_FORM[spec.kind].test(text.trim())) {
        throw new InvalidArgumentError(spec.name, spec.kind === 'int' ? 'must be an integer'
          : 'must be a number', text);
      }
      return Number(text);
    case 'bool':
      if (text !== 'true' && text !== 'false') {
        throw new InvalidArgumentError(spec.name, 'must be true or false', text);
      }
      return text === 'true';
    case 'enum':
      if (!spec.values.includes(text)) {
        throw new InvalidArgumentError(spec.name, `must be one of ${spec.values.join(', ')}`,
          text);
      }
      return text;
  }
}
