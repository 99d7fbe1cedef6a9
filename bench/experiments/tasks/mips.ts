/**
 * Maximum-inner-product search, the paper's failure case: for each test activation of the
 * Fashion-MNIST network, the training activation with the largest dot product. A = test rows,
 * B = the database (training activations) as columns, so M is the database size. Metrics:
 * recall@1 (the approximate top item is the true one) and recall@10 (the true top item is
 * among the approximate top 10), the true ranking from the float64 product.
 */
import type { Matrix } from '../../../src/core/matrix.js';
import { matmulF64 } from '../../../src/core/metrics.js';
import { checkFashionMnist, fashionMnistHead } from './softmax.js';
import { sampleRows } from '../sample.js';
import type { Group, GroupPlan, ProductTask, TaskOptions } from '../task.js';

/**
 * Queries and database items: 500 × 10000 under --quick, 1000 × 60000 otherwise (a seeded
 * sample of the 10000 test activations: every method's output is N × 60000 floats). The
 * exact product of the quick size still takes 0.2 s, and it is timed beside every query.
 */
const sizes = (quick: boolean): { queries: number; items: number } =>
  (quick ? { queries: 500, items: 10000 } : { queries: 1000, items: 60000 });

/** Index of the largest of row i's M values, and the indices of its `k` largest (any order). */
export function topK(values: ArrayLike<number>, i: number, M: number, k: number): Int32Array {
  const idx = new Int32Array(k).fill(-1);
  const val = new Float64Array(k).fill(-Infinity);
  for (let j = 0; j < M; j++) {
    const v = values[i * M + j];
    // NaN compares false, so a NaN row keeps its slots at -1 and recalls nothing.
    if (!(v > val[k - 1])) continue;
    let s = k - 1;
    while (s > 0 && v > val[s - 1]) {
      val[s] = val[s - 1];
      idx[s] = idx[s - 1];
      s--;
    }
    val[s] = v;
    idx[s] = j;
  }
  return idx;
}

/** The true top item of each query, from float64 products 100 query rows at a time. */
function trueTop(test: Matrix, B: Matrix): Int32Array {
  const out = new Int32Array(test.rows);
  for (let start = 0; start < test.rows; start += 100) {
    const rows = Math.min(100, test.rows - start);
    const part: Matrix = { rows, cols: test.cols,
      data: test.data.subarray(start * test.cols, (start + rows) * test.cols) };
    const exact = matmulF64(part, B);
    for (let i = 0; i < rows; i++) out[start + i] = topK(exact, i, B.cols, 1)[0];
  }
  return out;
}

export const mipsTask: ProductTask = {
  kind: 'product',
  name: 'mips',
  summary: 'inner-product search over Fashion-MNIST activations; recall@1 and recall@10',
  plan: (options): GroupPlan[] => {
    checkFashionMnist(options);
    return [{ name: 'fashion-mnist', D: 512, M: sizes(options.quick).items,
      instances: ['fashion-mnist'], extraParams: { maddness: { objective: 'reconstruct' } } }];
  },
  load: (_name, options: TaskOptions): Group => {
    const task = fashionMnistHead(options);
    const { queries, items } = sizes(options.quick);
    const database = sampleRows(task.train, items, 21);
    const B: Matrix = { rows: database.cols, cols: database.rows,
      data: new Float32Array(database.rows * database.cols) };
    for (let i = 0; i < database.rows; i++) {
      for (let j = 0; j < database.cols; j++) {
        B.data[j * database.rows + i] = database.data[i * database.cols + j];
      }
    }
    const test = sampleRows(task.test, queries, 22);
    const truth = trueTop(test, B);
    return { task: 'mips', id: 'fashion-mnist', train: database, B,
      instances: [{ id: 'fashion-mnist', test, evaluate: (Y) => {
        let hit1 = 0;
        let hit10 = 0;
        for (let i = 0; i < Y.rows; i++) {
          const top = topK(Y.data, i, Y.cols, 10);
          if (top[0] === truth[i]) hit1++;
          if (top.includes(truth[i])) hit10++;
        }
        const recall1 = hit1 / Y.rows;
        return { metric: { name: 'recall@10', value: hit10 / Y.rows, higherIsBetter: true },
          metrics: { recall1, recall10: hit10 / Y.rows } };
      } }] };
  },
};
