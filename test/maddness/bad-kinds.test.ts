/** Public entry points given the wrong kind of value answer with typed errors, not TypeErrors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MaddnessError } from '../../src/core/errors.js';
import { parseIdx } from '../../src/core/io/idx.js';
import { npyToMatrix, parseNpy } from '../../src/core/io/npy.js';
import { matrix, sliceRows, takeRows, transpose } from '../../src/core/matrix.js';
import type { Matrix } from '../../src/core/matrix.js';
import { matmulF64, nmse } from '../../src/core/metrics.js';
import { setBackend } from '../../src/kernels/index.js';
import { decodeModel, encodeModel } from '../../src/methods/maddness/model-file.js';
import { MaddnessModel } from '../../src/methods/maddness/model.js';
import { gaussian } from '../helpers/random.js';

const A = gaussian(40, 4, 1);
const fitted = (): MaddnessModel => MaddnessModel.fit(A, { codebooks: 2 }).setB(gaussian(4, 2, 2));
const bad = null as unknown as Matrix;
const cases: [string, string, () => unknown][] = [
  ['fit with onProgress not a function', 'INVALID_ARGUMENT',
    () => MaddnessModel.fit(A, { codebooks: 2, onProgress: 5 as unknown as () => void })],
  ['fit with lutWork above 256', 'INVALID_ARGUMENT',
    () => MaddnessModel.fit(A, { codebooks: 2, lutWork: 5_000_000 })],
  ['multiply with null options', 'INVALID_ARGUMENT',
    () => fitted().multiply(A, null as unknown as object)],
  ['multiply with a non-boolean exactSum', 'INVALID_ARGUMENT',
    () => fitted().multiply(A, { exactSum: 'yes' as unknown as boolean })],
  ['setB with entries too large for float32 tables', 'INVALID_ARGUMENT',
    () => MaddnessModel.fit(A, { codebooks: 2 }).setB(matrix(4, 2,
      Float32Array.from({ length: 8 }, (_, i) => 3e38 * Math.cos(i))))],
  ['decodeModel(null)', 'INVALID_ARGUMENT', () => decodeModel(null as unknown as Uint8Array)],
  ['encodeModel of a plain object', 'INVALID_ARGUMENT',
    () => encodeModel({} as unknown as MaddnessModel)],
  ['parseNpy(null)', 'INVALID_ARGUMENT', () => parseNpy(null as unknown as Uint8Array)],
  ['parseIdx(null)', 'INVALID_ARGUMENT', () => parseIdx(null as unknown as Uint8Array)],
  ['npyToMatrix(null)', 'INVALID_ARGUMENT',
    () => npyToMatrix(null as unknown as ReturnType<typeof parseNpy>, 'x')],
  ['matrix with null data', 'INVALID_ARGUMENT', () => matrix(1, 2, null as unknown as number[])],
  ['matrix with BigInt data', 'INVALID_ARGUMENT',
    () => matrix(1, 1, [1n] as unknown as number[])],
  ['matrix too large to allocate', 'OUT_OF_MEMORY', () => matrix(1e8, 1e8)],
  ['sliceRows with NaN', 'INVALID_ARGUMENT', () => sliceRows(A, NaN, 3)],
  ['takeRows past the last row', 'INVALID_ARGUMENT', () => takeRows(A, [40])],
  ['transpose(null)', 'INVALID_ARGUMENT', () => transpose(bad)],
  ['nmse with a malformed matrix', 'SHAPE_MISMATCH',
    () => nmse(A, { rows: 2, cols: 2, data: new Float32Array(1) })],
  ['matmulF64 with a malformed matrix', 'SHAPE_MISMATCH',
    () => matmulF64({ rows: 2, cols: 2, data: new Float32Array(1) }, matrix(2, 2))],
  ['setBackend with an unknown name', 'INVALID_ARGUMENT',
    () => setBackend('gpu' as unknown as 'wasm')],
];

describe('wrong kinds of values', () => {
  for (const [name, code, run] of cases) {
    it(`${name}: ${code}`, () => {
      assert.throws(run, (error: unknown) =>
        error instanceof MaddnessError && error.code === code);
    });
  }
  it('saves and reloads every model fit and setB accept at the limits (L = 256, C = D)', () => {
    const model = MaddnessModel.fit(gaussian(60, 8, 3), { codebooks: 8, lutWork: 256 })
      .setB(gaussian(8, 3, 4));
    assert.deepEqual(decodeModel(encodeModel(model)).info(), model.info());
  });
});
