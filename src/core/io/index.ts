/**
 * File input and output: NumPy .npy arrays, IDX (MNIST) files, and atomic file replacement.
 * @module
 */
export {
  encodeNpy, encodeNpyTyped, npyToMatrix, parseNpy, readNpyMatrix, writeNpyMatrix,
} from './npy.js';
export type { NpyArray, NpyData, NpyDtype } from './npy.js';
export { parseIdx, readIdx } from './idx.js';
export type { IdxArray, IdxData } from './idx.js';
export { writeFileAtomic } from './atomic-write.js';
