/** Every task of the runner, in the order of TASKS. */
import type { Task } from '../task.js';
import { componentsTask } from './components.js';
import { filtersTask } from './filters.js';
import { forecastTask } from './forecast.js';
import { generalizationTask } from './generalization.js';
import { mipsTask } from './mips.js';
import { softmaxTask } from './softmax.js';
import { ucrTask } from './ucr.js';

export const TASK_LIST: readonly Task[] = [softmaxTask, filtersTask, ucrTask, forecastTask,
  mipsTask, generalizationTask, componentsTask];
