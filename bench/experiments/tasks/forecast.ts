/**
 * Autoregressive forecasting on the AMPds2 gas and water meters: first differences of every
 * channel, windows of the past w minutes over all channels (w = 4, 8, 16, 32; quick: 4 and 16),
 * least-squares weights fit on the first half and tested on the second. Idle windows (inputs and
 * target all zero; most of these series) are dropped from both halves, see loadForecastTask.
 * Metric: NMSE of the forecasts against the exact product's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DataNotFoundError } from '../../../src/core/errors.js';
import { matmulF64 } from '../../../src/core/metrics.js';
import { loadForecastTask } from '../../tasks.js';
import { errorMetrics } from '../sample.js';
import type { Group, GroupPlan, ProductTask, TaskOptions } from '../task.js';

const METERS = [{ name: 'gas', prefix: 'NaturalGas_FRG' }, { name: 'water', prefix: 'Water_WHW' }];
const WINDOWS = [4, 8, 16, 32];
const QUICK_WINDOWS = [4, 16];
/** Channels per minute of each meter's CSV after the time column (AMPds2's layout). */
const CHANNELS = 3;

function meterDir(options: TaskOptions): string {
  const dir = path.join(options.dataDir, 'ampds2');
  if (!existsSync(dir)) throw new DataNotFoundError('the AMPds2 folder', [dir]);
  return dir;
}

export const forecastTask: ProductTask = {
  kind: 'product',
  name: 'forecast',
  summary: 'AMPds2 gas and water: AR forecasts from windows of first differences; NMSE',
  plan: (options): GroupPlan[] => {
    meterDir(options);
    return METERS.flatMap((m) => (options.quick ? QUICK_WINDOWS : WINDOWS).map((w) => ({
      name: `${m.name}/w${w}`, D: w * CHANNELS, M: CHANNELS, instances: [`${m.name}/w${w}`] })));
  },
  load: (group, options): Group => {
    const [meter, w] = group.split('/');
    const prefix = METERS.find((m) => m.name === meter)?.prefix;
    if (prefix === undefined) throw new Error(`no meter named ${meter}`);
    const task = loadForecastTask(meterDir(options), prefix, Number(w.slice(1)));
    if (task.B.cols !== CHANNELS) {
      throw new Error(`${prefix} has ${task.B.cols} channels, the plan assumed ${CHANNELS}`);
    }
    const exact = matmulF64(task.test, task.B);
    return { task: 'forecast', id: group, train: task.train, B: task.B,
      instances: [{ id: group, test: task.test, evaluate: (Y) => {
        const metrics: Record<string, number> = { ...errorMetrics(exact, Y),
          trainActive: task.counts.trainActive, testActive: task.counts.testActive,
          testAll: task.counts.testAll };
        return { metric: { name: 'NMSE', value: metrics.nmse, higherIsBetter: false },
          metrics };
      } }] };
  },
};
