/**
 * The softmax classifier: the demo's Fashion-MNIST network (784 → 512 → 10, ReLU) trained with
 * seed 0; A = its 512-d hidden activations, B = its last layer (512, 10). Metric: test
 * accuracy of the approximate logits relative to the exact ones.
 */
import path from 'node:path';
import type { Matrix } from '../../../src/core/matrix.js';
import { matmulF64 } from '../../../src/core/metrics.js';
import { accuracy, addBias } from '../../../src/demo/index.js';
import { checkSoftmaxData, loadSoftmaxTask } from '../../tasks.js';
import { errorMetrics, sampleRows } from '../sample.js';
import type { Group, ProductTask, TaskOptions } from '../task.js';

/** The network's data, as the runner's options place it (DATA/fashion-mnist). */
export function checkFashionMnist(options: TaskOptions): void {
  checkSoftmaxData(options.root, options.cacheDir, path.join(options.dataDir, 'fashion-mnist'));
}

/** The trained network's activations and last layer (cached under the run's folder). */
export function fashionMnistHead(options: TaskOptions): ReturnType<typeof loadSoftmaxTask> {
  return loadSoftmaxTask(options.root, options.cacheDir,
    path.join(options.dataDir, 'fashion-mnist'));
}

/** Training rows fit sees: all 60000, or a seeded 20000 of them under --quick. */
export const trainRowsFor = (quick: boolean): number => (quick ? 20000 : 60000);

export const softmaxTask: ProductTask = {
  kind: 'product',
  name: 'softmax',
  summary: 'Fashion-MNIST network head: A (10000, 512) activations, B (512, 10); accuracy',
  plan: (options) => {
    checkFashionMnist(options);
    return [{ name: 'fashion-mnist', D: 512, M: 10, instances: ['fashion-mnist'] }];
  },
  load: (_name: string, options: TaskOptions): Group => {
    const task = fashionMnistHead(options);
    const exact = matmulF64(task.test, task.B);
    const logits = (Y: Matrix): Matrix => addBias({ ...Y, data: Y.data.slice() }, task.bias);
    const exactAccuracy = accuracy(logits({ rows: task.test.rows, cols: task.B.cols,
      data: Float32Array.from(exact) }), task.labels);
    return { task: 'softmax', id: 'fashion-mnist', B: task.B,
      train: sampleRows(task.train, trainRowsFor(options.quick), 11),
      instances: [{ id: 'fashion-mnist', test: task.test, evaluate: (Y) => {
        const acc = accuracy(logits(Y), task.labels);
        const relative = acc / exactAccuracy;
        return { metric: { name: 'accuracy relative to exact', value: relative,
          higherIsBetter: true },
        metrics: { ...errorMetrics(exact, Y), accuracy: acc, exactAccuracy,
          relativeAccuracy: relative } };
      } }] };
  },
};
