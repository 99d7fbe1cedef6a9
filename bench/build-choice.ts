/**
 * The kernel build a benchmark runs: relaxed SIMD where the runtime has it (switched on here,
 * as the CLI does, before the first compile), unless `--build simd` asks for plain SIMD.
 */
import v8 from 'node:v8';
import { kernelBuild, kernels, selectKernelBuild, type KernelBuild } from
  '../src/kernels/wasm/loader.js';

/** Loads the chosen build and returns its name. */
export function chooseBuild(choice: string | undefined): KernelBuild {
  if (choice !== undefined && choice !== 'simd' && choice !== 'relaxed-simd') {
    throw new Error(`--build takes simd or relaxed-simd; received ${JSON.stringify(choice)}`);
  }
  if (choice !== 'simd') v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  selectKernelBuild(choice ?? 'auto');
  kernels();
  return kernelBuild() ?? 'simd';
}
