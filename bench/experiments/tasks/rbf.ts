/**
 * The UCR task's classifier: k class prototypes (k-means within each class, k shared out in
 * proportion to class sizes, at least one each) and the paper's RBF rule: the score of a class
 * is Σ exp(−γ‖x − p‖²) over its prototypes p, with
 * ‖x − p‖² = ‖x‖² − 2 x·p + ‖p‖²,
 * so that x·P is the product a method approximates. ‖x‖² is the same for every class of a
 * row, so it cancels from the argmax; γ = 1 / (mean squared distance of a training series to
 * its nearest prototype).
 */
import type { Matrix } from '../../../src/core/matrix.js';
import { kmeans } from '../../../src/methods/vq/kmeans.js';

export interface RbfClassifier {
  /** (D, k) f32: the prototypes as columns, the B of the product. */
  B: Matrix;
  /** (k) class index (into `classes`) of each prototype. */
  owner: Int32Array;
  /** (k) ‖p‖². */
  norms: Float64Array;
  gamma: number;
  /** The distinct labels, ascending. */
  classes: number[];
}

/** Prototypes per class: k shared in proportion to class size, at least 1, at most the size. */
function shares(sizes: number[], k: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const out = sizes.map((n) => Math.max(1, Math.min(n, Math.floor((k * n) / total))));
  // Hand out what rounding left, largest classes first, while they have series to spare.
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
  let left = k - out.reduce((a, b) => a + b, 0);
  for (let pass = 0; left > 0 && pass < k; pass++) {
    for (const i of order) {
      if (left > 0 && out[i] < sizes[i]) {
        out[i]++;
        left--;
      }
    }
  }
  return out;
}

export function fitRbf(A: Matrix, labels: readonly number[], k: number): RbfClassifier {
  const D = A.cols;
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const members = classes.map((c) => labels.flatMap((y, i) => (y === c ? [i] : [])));
  const per = shares(members.map((m) => m.length), Math.min(k, A.rows));
  const total = per.reduce((a, b) => a + b, 0);
  const B = new Float32Array(D * total);
  const owner = new Int32Array(total);
  let col = 0;
  members.forEach((rows, c) => {
    const X = new Float32Array(rows.length * D);
    rows.forEach((r, i) => X.set(A.data.subarray(r * D, (r + 1) * D), i * D));
    const { centroids } = kmeans(X, rows.length, D, { K: per[c], seed: c, iterations: 25 });
    for (let p = 0; p < per[c]; p++, col++) {
      owner[col] = c;
      for (let j = 0; j < D; j++) B[j * total + col] = centroids[p * D + j];
    }
  });
  const norms = new Float64Array(total);
  for (let j = 0; j < D; j++) {
    for (let p = 0; p < total; p++) norms[p] += B[j * total + p] ** 2;
  }
  let sum = 0;
  for (let i = 0; i < A.rows; i++) {
    let best = Infinity;
    for (let p = 0; p < total; p++) {
      let d = norms[p];
      for (let j = 0; j < D; j++) {
        const x = A.data[i * D + j];
        d += x * x - 2 * x * B[j * total + p];
      }
      best = Math.min(best, d);
    }
    sum += Math.max(best, 0);
  }
  const gamma = sum > 0 ? A.rows / sum : 1;
  return { B: { rows: D, cols: total, data: B }, owner, norms, gamma, classes };
}

/**
 * Predicted labels from the product XP = X·B ((N, k), row-major), by the RBF rule. Scores
 * are formed relative to each row's largest exponent so that no exp underflows to a tie.
 */
export function predictRbf(model: RbfClassifier, XP: ArrayLike<number>, N: number): number[] {
  const k = model.owner.length;
  const out: number[] = [];
  const exponent = new Float64Array(k);
  const score = new Float64Array(model.classes.length);
  for (let i = 0; i < N; i++) {
    let top = -Infinity;
    for (let p = 0; p < k; p++) {
      exponent[p] = -model.gamma * (model.norms[p] - 2 * XP[i * k + p]);
      top = Math.max(top, exponent[p]);
    }
    score.fill(0);
    for (let p = 0; p < k; p++) score[model.owner[p]] += Math.exp(exponent[p] - top);
    let best = 0;
    for (let c = 1; c < score.length; c++) if (score[c] > score[best]) best = c;
    // A NaN product row (a NaN query) scores NaN everywhere and is counted as wrong.
    out.push(Number.isNaN(top) ? Number.NaN : model.classes[best]);
  }
  return out;
}
