// Export list of the WebAssembly module. Every kernel takes byte pointers into this module's
// memory (which the TypeScript side manages: see src/kernels/wasm/loader.ts) and element
// counts; none allocates. Each has a plain TypeScript twin in src/kernels/scalar/.
export { gemm_f32, gemmPacked_f32, packB_f32 } from './gemm';
export { encode_u4, encodeRows_u4 } from './encode';
export { scanAvg_u8, scanExact_u16 } from './scan';
export { dot_i8 } from './dot';
export { quantizeRows_i8 } from './quantize';
export { nearest_u8 } from './nearest';
export { scanFloat_f32 } from './float-scan';

/** First byte the host may use: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
export { sparseRows_f32 } from './sparse-rows';
export { fastJl_f32 } from './fwht';
export { cycleChain_i32, lookupRate_u8 } from './probe';
