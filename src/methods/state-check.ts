/**
 * Checks of a saved method's arrays, shared by every method's `restore`: right type, right
 * length, finite values. Failures are BadModelFileError naming the array.
 * @module
 */
import { BadModelFileError } from '../core/errors.js';
import type { MethodState, StateArray } from './method.js';

type ArrayType<T extends StateArray> = { new(length: number): T; readonly name: string };

/** The named array, checked for type, length and (for floats) finiteness. */
export function checkStateArray<T extends StateArray>(state: MethodState, name: string,
  type: ArrayType<T>, length: number, source: string): T {
  const value = state.arrays[name];
  if (value === undefined) throw new BadModelFileError(source, `array ${name} is missing`);
  if (!(value instanceof type)) {
    throw new BadModelFileError(source, `array ${name} is not ${type.name}`);
  }
  if (value.length !== length) {
    throw new BadModelFileError(source,
      `array ${name} has ${value.length} values; the shapes imply ${length}`);
  }
  if (value instanceof Float32Array || value instanceof Float64Array) {
    for (let i = 0; i < value.length; i++) {
      if (!Number.isFinite(value[i])) {
        throw new BadModelFileError(source, `array ${name} holds a non-finite value at ${i}`);
      }
    }
  }
  return value;
}

/** Checks that every integer of `values` lies in [lo, hi). */
export function checkIndexRange(values: ArrayLike<number>, lo: number, hi: number, name: string,
  source: string): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo || values[i] >= hi) {
      throw new BadModelFileError(source,
        `array ${name} entry ${i} = ${values[i]} is outside [${lo}, ${hi})`);
    }
  }
}
