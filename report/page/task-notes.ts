/**
 * What each task of the experiments runner measures, one paragraph for its section of the page:
 * a figure alone does not say what A and B were or what was left out (the forecasting task's
 * idle minutes).
 * @module
 */
import type { TaskName } from '../../bench/experiments/cell.js';

export const TASK_NOTES: Record<TaskName, string> = {
  softmax: 'The last layer of a 784 → 512 → 10 ReLU network trained on Fashion-MNIST: ' +
    'A = the hidden activations of the test images (512-d), B = the last layer (512 × 10). ' +
    "Metric: accuracy of argmax(Ŷ + bias) relative to the exact product's.",
  filters: 'Banks of two filters (Sobel vertical and horizontal; Gaussians of σ = 1 and 2), ' +
    '3×3 and 5×5, applied to every RGB patch of a photograph (im2col): fitted on patches of ' +
    'the training photographs (astronaut, coffee), tested on each other photograph, one ' +
    'panel each. Metric: 1 − NMSE against the exact filtered image. The pictures below show ' +
    "the exact output (left) and a method's (right) for both filters of the bank.",
  ucr: 'Each UCR data set: series z-normalized and resampled to 320 points, k = 128 class ' +
    'prototypes (fewer when the training split is smaller), classified by the RBF rule on ' +
    'squared distances formed from A·B and the norms. Metric: accuracy relative to the exact ' +
    "product's; the figure counts the data sets each setting keeps above 0.5, 0.75 and 0.95.",
  forecast: 'AMPds2 gas and water meters: first differences of the three channels; a window ' +
    'of the past w minutes (w in the panel name) predicts the next minute by least-squares ' +
    'weights fitted on the first half of the series and tested on the second. Windows whose ' +
    'inputs and target are all zero (the idle stretches, most of the minutes) are dropped ' +
    'from both halves, since any linear model predicts them exactly. Metric: NMSE against ' +
    "the exact product's forecasts.",
  mips: 'Inner-product search, the paper\'s failure case: for each query activation, the ' +
    'training activation with the largest dot product (B = the database as columns). ' +
    'Recall@1: the approximate top item is the true one; recall@10: the true top item is ' +
    'among the approximate top 10.',
  generalization: "MADDNESS's NMSE on its own training rows and on test rows, as the training " +
    'rows grow and as C grows (softmax: the test activations; gauss-5x5: held-out patches ' +
    'of the training photographs). The paper bounds the gap by a term that falls with the ' +
    'rows and grows with C.',
  components: 'The three parts of a table-lookup query on synthetic rows (N = 10000, D = 512, ' +
    'M = 100): encoding rows into codes, building the tables from B (done ahead, once per B) ' +
    'and scanning codes through the tables, against the bytes of one row\'s codes.',
};
