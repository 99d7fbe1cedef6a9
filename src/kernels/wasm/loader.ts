/**
 * Loads the WebAssembly kernels (one module, compiled synchronously on first use) and manages
 * their memory. The host owns the module's linear memory above `heapBase()`: each call lays its
 * buffers out from there with `Arena`, copies inputs in, runs, and copies outputs out. Calls are
 * synchronous, so one arena serves every call in turn.
 * @module
 */
import { MaddnessError, OutOfMemoryError } from '../../core/errors.js';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './binary.js';

/** The module's exports; every pointer is a byte offset into `memory`. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  gemm_f32(a: number, b: number, c: number, N: number, D: number, M: number, pack: number): void;
  packB_f32(b: number, D: number, M: number, pack: number): void;
  gemmPacked_f32(a: number, pack: number, c: number, N: number, D: number, M: number): void;
  encode_u4(cols: number, Npad: number, C: number, Cs: number, offsets: number, scales: number,
    thresholds: number, codes: number, flags: number): void;
  encodeRows_u4(a: number, N: number, D: number, dims: number, C: number, Cs: number,
    offsets: number, scales: number, thresholds: number, codes: number, flags: number,
    scratch: number): void;
  scanAvg_u8(codes: number, N: number, Cs: number, luts: number, M: number, invScale: number,
    shift: number, tmp: number, out: number): void;
  scanExact_u16(codes: number, N: number, Cs: number, luts: number, M: number, invScale: number,
    shift: number, tmp: number, out: number): void;
  dot_i8(a: number, b: number, out: number, N: number, M: number, D: number): void;
  quantizeRows_i8(a: number, N: number, D: number, q: number, params: number): void;
  nearest_u8(a: number, N: number, D: number, C: number, starts: number, K: number, ct: number,
    halves: number, codes: number, flags: number): void;
  scanFloat_f32(codes: number, N: number, C: number, K: number, T: number, M: number,
    Mp: number, out: number): void;
  sparseRows_f32(a: number, N: number, D: number, indptr: number, index: number, values: number,
    d: number, x: number, out: number, flags: number): void;
  fastJl_f32(a: number, N: number, D: number, Dp: number, masks: number, indptr: number,
    index: number, values: number, d: number, x: number, out: number, flags: number): void;
  lookupRate_u8(iterations: number, seed: number): number;
  cycleChain_i32(iterations: number, seed: number): number;
}

/** Loader state: `idle` until first use, then `ready` or `failed` for good. */
export type LoaderState = 'idle' | 'ready' | 'failed';

/** Which build of the kernels to load: relaxed SIMD where the runtime has it, or plain SIMD. */
export type KernelBuild = 'relaxed-simd' | 'simd';

let state: LoaderState = 'idle';
let build: KernelBuild | null = null;
let requested: 'auto' | KernelBuild = 'auto';
let instance: KernelExports | null = null;
let failure: unknown = null;

/** Whether this runtime validates a module that uses 128-bit SIMD. */
export function simdSupported(): boolean {
  // The smallest module with a v128 value: (func (result v128) v128.const i32x4 0 0 0 0).
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
  ]);
  return WebAssembly.validate(probe);
}

/**
 * Whether this runtime compiles the relaxed-SIMD build (Node 20 needs the V8 flag
 * --experimental-wasm-relaxed-simd before the first compile; newer runtimes have it on).
 */
export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(Buffer.from(KERNELS_RELAXED_WASM_BASE64, 'base64'));
}

/**
 * Chooses the build to load: 'auto' (the default) takes relaxed SIMD where supported. Only
 * before the kernels are first used; both builds give bit-identical results.
 * @throws MaddnessError UNSUPPORTED once the kernels are loaded, or for a build not available
 */
export function selectKernelBuild(choice: 'auto' | KernelBuild): void {
  if (instance !== null) {
    throw new MaddnessError('UNSUPPORTED',
      `the ${build} kernels are already loaded; choose the build before the first product`);
  }
  if (choice === 'relaxed-simd' && !relaxedSimdSupported()) {
    throw new MaddnessError('UNSUPPORTED', 'this runtime does not compile relaxed SIMD ' +
      '(Node 20: start it with --experimental-wasm-relaxed-simd)');
  }
  requested = choice;
}

/** The build in use, or null before the kernels are first used. */
export function kernelBuild(): KernelBuild | null {
  return build;
}

/** The loader's state, for diagnostics (`maddness info` and the benchmarks print it). */
export function loaderState(): LoaderState {
  return state;
}

/**
 * The instantiated kernels; compiles them on first call.
 * @throws MaddnessError WASM_UNAVAILABLE when the runtime cannot compile the module
 */
export function kernels(): KernelExports {
  if (instance !== null) return instance;
  if (state === 'failed') {
    throw new MaddnessError('WASM_UNAVAILABLE',
      `WebAssembly kernels failed to load earlier: ${String(failure)}`);
  }
  try {
    const relaxed = requested === 'relaxed-simd' ||
      (requested === 'auto' && relaxedSimdSupported());
    const bytes = Buffer.from(relaxed ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64,
      'base64');
    const module = new WebAssembly.Module(bytes);
    instance = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    build = relaxed ? 'relaxed-simd' : 'simd';
    state = 'ready';
    return instance;
  } catch (error) {
    state = 'failed';
    failure = error;
    throw new MaddnessError('WASM_UNAVAILABLE',
      `WebAssembly SIMD kernels could not be compiled (SIMD supported: ${simdSupported()}): ` +
        String(error));
  }
}

/**
 * Bump allocator over the module's memory for one kernel call. `alloc` returns 64-byte aligned
 * byte offsets; views must be taken after the last `alloc`, since growing memory detaches the
 * previous buffer.
 */
export class Arena {
  private next: number;
  private readonly k: KernelExports;

  constructor(k: KernelExports = kernels()) {
    this.k = k;
    this.next = align(k.heapBase(), 64);
  }

  /** Reserves `bytes` bytes and returns their offset. */
  alloc(bytes: number): number {
    const at = this.next;
    this.next = align(at + bytes, 64);
    const memory = this.k.memory;
    const need = this.next - memory.buffer.byteLength;
    if (need > 0) {
      try {
        memory.grow(Math.ceil(need / 65536));
      } catch {
        throw new OutOfMemoryError('kernel memory', this.next);
      }
    }
    return at;
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.k.memory.buffer, ptr, length);
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.k.memory.buffer, ptr, length);
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.k.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.k.memory.buffer, ptr, length);
  }

  i8(ptr: number, length: number): Int8Array {
    return new Int8Array(this.k.memory.buffer, ptr, length);
  }
}

function align(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}
