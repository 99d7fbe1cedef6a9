/**
 * The registry: every method by name, for the library, the CLI and the benchmarks.
 * @module
 */
import { InvalidArgumentError } from '../core/errors.js';
import { exactSpec } from './exact/method.js';
import { dataFreeSpec } from './maddness/data-free-method.js';
import { maddnessSpec } from './maddness/method.js';
import type { MatmulMethod, MethodSpec } from './method.js';
import { cdSpec } from './sketch/co-occurring.js';
import { hashJlSpec, osnapSpec } from './sketch/count-sketch.js';
import { fastJlSpec } from './sketch/fastjl.js';
import { fdSpec } from './sketch/frequent-directions.js';
import { pcaSpec } from './sketch/pca.js';
import {
  rpGaussSpec, rpHadamardSpec, rpOrthoSpec, rpRademacherSpec,
} from './sketch/random-projections.js';
import { rsvdSpec } from './sketch/rsvd.js';
import { sparsePcaSpec } from './sketch/sparse-pca.js';
import { boltSpec } from './vq/bolt.js';
import { opqSpec } from './vq/opq.js';
import { pqSpec } from './vq/pq.js';
import { scalarQuantizeSpec } from './vq/scalar-quantize.js';

const SPECS: readonly MethodSpec[] = [
  exactSpec,
  maddnessSpec,
  dataFreeSpec,
  scalarQuantizeSpec,
  pqSpec,
  opqSpec,
  boltSpec,
  rpGaussSpec,
  rpOrthoSpec,
  rpRademacherSpec,
  rpHadamardSpec,
  fastJlSpec,
  hashJlSpec,
  osnapSpec,
  pcaSpec,
  sparsePcaSpec,
  rsvdSpec,
  fdSpec,
  cdSpec,
];

const BY_NAME = new Map(SPECS.map((spec) => [spec.name, spec]));

/** Every registered method, in the order the docs and benchmarks list them. */
export function methodSpecs(): readonly MethodSpec[] {
  return SPECS;
}

/** The names of every registered method. */
export function methodNames(): string[] {
  return SPECS.map((spec) => spec.name);
}

/**
 * The registered method of this name.
 * @throws InvalidArgumentError listing the known names
 */
export function methodSpec(name: string): MethodSpec {
  const spec = BY_NAME.get(name);
  if (spec === undefined) {
    throw new InvalidArgumentError('method', `must be one of ${methodNames().join(', ')}`, name);
  }
  return spec;
}

/**
 * A new, unfitted instance of the named method.
 * @example
 * const pq = createMethod('pq', { codebooks: 16 }).fit(Atrain).prepare(B);
 * const Y = pq.multiply(Atest);
 */
export function createMethod(name: string, params?: Readonly<Record<string, unknown>>):
  MatmulMethod {
  return methodSpec(name).create(params);
}
