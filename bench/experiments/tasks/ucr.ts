/**
 * Time-series classification on the UCR archive: every data set found in DATA/ucr (the
 * archive's 2018 TSV format), series z-normalized and resampled to 320 points, k = 128
 * prototypes (fewer when the training split has fewer series) and the RBF rule. Metric:
 * accuracy relative to the exact product's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataNotFoundError } from '../../../src/core/errors.js';
import { matmulF64 } from '../../../src/core/metrics.js';
import {
  readUcrSplit, requireUcrSplit, resampleSeries, ucrSplitFile,
} from '../../../src/data/ucr.js';
import { errorMetrics } from '../sample.js';
import type { Group, GroupPlan, ProductTask, TaskOptions } from '../task.js';
import { fitRbf, predictRbf } from './rbf.js';

const LENGTH = 320;
const PROTOTYPES = 128;

/**
 * The archive's folder: DATA/ucr, or DATA/UCRArchive_2018 as the archive's zip unpacks (the
 * standard layout either way: NAME/NAME_TRAIN.tsv and NAME_TEST.tsv, gzip or not).
 */
function ucrDir(options: TaskOptions): string {
  const dirs = ['ucr', 'UCRArchive_2018'].map((d) => path.join(options.dataDir, d));
  const dir = dirs.find((d) => existsSync(d));
  if (dir === undefined) throw new DataNotFoundError('the UCR archive folder', dirs);
  return dir;
}

/**
 * Data sets: the sub-folders holding NAME_TRAIN.tsv(.gz) and NAME_TEST.tsv(.gz). A folder with
 * only one of the two is an error naming the missing file, not a data set quietly left out.
 */
function datasets(dir: string): string[] {
  const names: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const train = ucrSplitFile(dir, name, 'TRAIN') !== null;
    const test = ucrSplitFile(dir, name, 'TEST') !== null;
    if (train && test) names.push(name);
    else if (train || test) requireUcrSplit(dir, name, train ? 'TEST' : 'TRAIN');
  }
  if (names.length === 0) {
    throw new DataNotFoundError('UCR data sets (NAME/NAME_TRAIN.tsv[.gz] and NAME_TEST)', [dir]);
  }
  return names;
}

/** Series in a split file, without parsing them (for the plan's M). */
function countSeries(dir: string, name: string): number {
  const file = requireUcrSplit(dir, name, 'TRAIN');
  const bytes = file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file);
  return bytes.toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
}

export const ucrTask: ProductTask = {
  kind: 'product',
  name: 'ucr',
  summary: 'UCR time-series classification, series resampled to 320, 128 prototypes, RBF rule',
  plan: (options): GroupPlan[] => {
    const dir = ucrDir(options);
    return datasets(dir).map((name) => ({ name: `ucr/${name}`, D: LENGTH,
      M: Math.min(PROTOTYPES, countSeries(dir, name)), instances: [`ucr/${name}`] }));
  },
  load: (group, options): Group => {
    const dir = ucrDir(options);
    const name = group.slice('ucr/'.length);
    const trainSplit = readUcrSplit(dir, name, 'TRAIN');
    const testSplit = readUcrSplit(dir, name, 'TEST');
    const train = resampleSeries(trainSplit, LENGTH);
    const test = resampleSeries(testSplit, LENGTH);
    const rbf = fitRbf(train, trainSplit.labels, PROTOTYPES);
    const exact = matmulF64(test, rbf.B);
    const accuracyOf = (XP: ArrayLike<number>): number => {
      const predicted = predictRbf(rbf, XP, test.rows);
      return predicted.filter((y, i) => y === testSplit.labels[i]).length / test.rows;
    };
    const exactAccuracy = accuracyOf(exact);
    return { task: 'ucr', id: group, train, B: rbf.B,
      instances: [{ id: group, test, evaluate: (Y) => {
        const acc = accuracyOf(Y.data);
        const relative = exactAccuracy > 0 ? acc / exactAccuracy : 0;
        return { metric: { name: 'accuracy relative to exact', value: relative,
          higherIsBetter: true },
        metrics: { ...errorMetrics(exact, Y), accuracy: acc, exactAccuracy,
          relativeAccuracy: relative } };
      } }] };
  },
};
