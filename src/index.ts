/**
 * maddness: approximate matrix multiplication by table lookups (Blalock & Guttag, "Multiplying
 * Matrices Without Multiplying", ICML 2021). Learn a hash-tree encoder and prototypes from a
 * sample of A, precompute lookup tables from B, then compute A·B with no multiply-adds.
 *
 * Every matrix is a compact row-major Float32Array: element (i, j) of a `Matrix` is
 * `data[i * cols + j]`.
 *
 * @example
 * import { MaddnessModel, matrix, saveModel, loadModel } from 'maddness';
 * const model = MaddnessModel.fit(Atrain, { codebooks: 16 }).setB(B);
 * const Y = model.multiply(Atest);          // ≈ Atest · B, (N, M) float32
 * saveModel(model, 'head.model');
 * const same = loadModel('head.model').multiply(Atest); // bit-identical to Y
 *
 * // Every method of the paper behind one interface (maddness methods lists them):
 * const pq = createMethod('pq', { codebooks: 16 }).fit(Atrain).prepare(B);
 * const Ypq = pq.multiply(Atest);
 * @module
 */
export {
  matrix, sharedMatrix, checkMatrix, transpose, sliceRows, takeRows,
} from './core/matrix.js';
export type { Matrix } from './core/matrix.js';
export * from './core/errors.js';
export { Rng } from './core/rng.js';
export { nmse, matmulF64 } from './core/metrics.js';
export {
  parseNpy, npyToMatrix, readNpyMatrix, encodeNpy, encodeNpyTyped, writeNpyMatrix, parseIdx,
  readIdx,
  writeFileAtomic,
} from './core/io/index.js';
export type { NpyArray, NpyDtype, IdxArray } from './core/io/index.js';
export { matmul } from './methods/exact/matmul.js';
export { MaddnessModel } from './methods/maddness/model.js';
export type { ModelInfo, MultiplyOptions } from './methods/maddness/model.js';
export type { MaddnessOptions } from './methods/maddness/options.js';
export {
  saveModel, loadModel, encodeModel, decodeModel, FORMAT_VERSION,
} from './methods/maddness/model-file.js';
export { MatmulMethod } from './methods/method.js';
export { DataFreeMaddness } from './methods/maddness/data-free-method.js';
export type { DataFreeOptions } from './methods/maddness/data-free-method.js';
export { readPng, im2col, filterBank } from './data/images.js';
export type { RgbImage, FilterBank } from './data/images.js';
export type { Cost, MethodSpec, MethodState, StateArray } from './methods/method.js';
export { resolveParams } from './methods/params.js';
export type { ParamSpec, ParamValue, Params } from './methods/params.js';
export { createMethod, methodNames, methodSpec, methodSpecs } from './methods/registry.js';
export { decodeMethod, encodeMethod, loadMethod, saveMethod } from './methods/method-file.js';
export { symmetricEigen, orthonormalizeColumns } from './core/eigen.js';
export { setBackend, getBackend } from './kernels/index.js';
export { closeThreadPool } from './kernels/threads/pool.js';
export type { Backend } from './kernels/index.js';
export {
  simdSupported, relaxedSimdSupported, loaderState, selectKernelBuild, kernelBuild,
} from './kernels/wasm/loader.js';
export type { KernelBuild } from './kernels/wasm/loader.js';
