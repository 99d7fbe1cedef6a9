/**
 * Exact float32 products by the libraries a Node user would pick instead: onnxruntime-node
 * and @tensorflow/tfjs-backend-wasm, each on one thread, timed with tensor creation and the
 * read-back of float outputs included. They are not dependencies of this project: they are
 * loaded from `dir` (a folder whose node_modules holds them) or from the project, and a peer
 * that is not found is reported as such.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Matrix } from '../src/core/matrix.js';
import { matmulModel } from './onnx-model.js';

/** One peer: whether it loaded, and a product for a fixed B. */
export interface PeerProduct {
  readonly name: string;
  readonly available: boolean;
  readonly note: string;
  /** Prepares B (untimed); the returned run computes A·B and resolves when Y is read back. */
  prepare(B: Matrix): Promise<(A: Matrix) => Promise<Float32Array>>;
}

type Loaded = Record<string, unknown>;

function loader(dir: string | undefined): (name: string) => Loaded | null {
  const require = createRequire(path.join(dir ?? process.cwd(), 'package.json'));
  return (name) => {
    try {
      return require(name) as Loaded;
    } catch {
      return null;
    }
  };
}

function missing(name: string, dir: string | undefined): PeerProduct {
  return { name, available: false,
    note: `not installed (looked in ${dir ?? 'the project'}; see bench/peers.ts)`,
    prepare: () => Promise.reject(new Error(`${name} is not installed`)) };
}

/** The peers found, in a fixed order. */
export async function peerProducts(dir?: string): Promise<PeerProduct[]> {
  const load = loader(dir);
  return [await onnxPeer(load, dir), await tfjsPeer(load, dir)];
}

async function onnxPeer(load: (n: string) => Loaded | null, dir?: string): Promise<PeerProduct> {
  const ort = load('onnxruntime-node') as {
    InferenceSession: { create(bytes: Uint8Array, options: object): Promise<{
      run(feeds: object): Promise<Record<string, { data: Float32Array }>> }> };
    Tensor: new (type: string, data: Float32Array, dims: number[]) => object;
  } | null;
  if (ort === null) return missing('onnxruntime-node', dir);
  return { name: 'onnxruntime-node', available: true, note: 'one intra-op thread',
    prepare: async (B) => {
      const session = await ort.InferenceSession.create(matmulModel(B.data, B.rows, B.cols),
        { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
      return async (A) => {
        const out = await session.run({ A: new ort.Tensor('float32', A.data, [A.rows, A.cols]) });
        return out.Y.data;
      };
    } };
}

async function tfjsPeer(load: (n: string) => Loaded | null, dir?: string): Promise<PeerProduct> {
  const tf = load('@tensorflow/tfjs-core') as {
    setBackend(name: string): Promise<boolean>;
    tensor2d(data: Float32Array, shape: [number, number]): { dispose(): void };
    matMul(a: object, b: object): { data(): Promise<Float32Array>; dispose(): void };
  } | null;
  const wasm = load('@tensorflow/tfjs-backend-wasm') as { setThreadsCount?(n: number): void }
    | null;
  if (tf === null || wasm === null) return missing('@tensorflow/tfjs-backend-wasm', dir);
  wasm.setThreadsCount?.(1);
  if (!(await tf.setBackend('wasm'))) {
    return { ...missing('@tensorflow/tfjs-backend-wasm', dir), note: 'wasm backend did not start' };
  }
  return { name: 'tfjs-backend-wasm', available: true, note: 'one thread',
    prepare: async (B) => {
      const b = tf.tensor2d(B.data, [B.rows, B.cols]);
      return async (A) => {
        const a = tf.tensor2d(A.data, [A.rows, A.cols]);
        const y = tf.matMul(a, b);
        const data = await y.data();
        a.dispose();
        y.dispose();
        return data;
      };
    } };
}
