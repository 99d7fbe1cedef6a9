/**
 * Checks that a parsed JSON value is a cell of the experiments runner (bench/experiments/
 * cell.ts) with everything the report reads, and names the first field that is not.
 * @module
 */
import { CELL_SCHEMA, TASKS, type Cell, type TaskName } from '../../bench/experiments/cell.js';

/** The first problem found, as one sentence naming the field. */
class Problem extends Error {}

type Obj = Record<string, unknown>;

function show(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function object(value: unknown, field: string): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Problem(`'${field}' must be an object; received ${show(value)}`);
  }
  return value as Obj;
}

function text(o: Obj, key: string, field: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') {
    throw new Problem(`'${field}.${key}' must be a non-empty string; received ${show(v)}`);
  }
  return v;
}

function finite(o: Obj, key: string, field: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Problem(`'${field}.${key}' must be a finite number; received ${show(v)}`);
  }
  return v;
}

function positive(o: Obj, key: string, field: string): number {
  const v = finite(o, key, field);
  if (v <= 0) throw new Problem(`'${field}.${key}' must be above 0; received ${v}`);
  return v;
}

/**
 * An image path the report may copy: relative, a PNG, and inside the runner's folder (a path
 * that climbs out of it would let one cell file make the report read anything).
 */
function imagePath(v: unknown, i: number): string {
  const where = `'cell.images[${i}]'`;
  if (typeof v !== 'string' || v === '') {
    throw new Problem(`${where} must be a non-empty string; received ${show(v)}`);
  }
  const parts = v.split(/[\\/]/);
  if (v.startsWith('/') || /^[A-Za-z]:/.test(v) || parts.includes('..')) {
    throw new Problem(`${where} must be a path inside the cells' folder, without '..'; ` +
      `received ${show(v)}`);
  }
  if (!/\.png$/i.test(v)) throw new Problem(`${where} must name a .png file; received ${show(v)}`);
  return v;
}

function checkParams(value: unknown): void {
  const params = object(value, 'cell.params');
  for (const [name, v] of Object.entries(params)) {
    if (!['number', 'string', 'boolean'].includes(typeof v)) {
      throw new Problem(`'cell.params.${name}' must be a number, string or boolean; ` +
        `received ${show(v)}`);
    }
  }
}

function checkMetrics(cell: Obj): void {
  const metric = object(cell.metric, 'cell.metric');
  text(metric, 'name', 'cell.metric');
  finite(metric, 'value', 'cell.metric');
  if (typeof metric.higherIsBetter !== 'boolean') {
    throw new Problem(`'cell.metric.higherIsBetter' must be true or false; received ` +
      show(metric.higherIsBetter));
  }
  const metrics = object(cell.metrics, 'cell.metrics');
  for (const key of Object.keys(metrics)) finite(metrics, key, 'cell.metrics');
}

function checkShape(cell: Obj): void {
  const shape = object(cell.shape, 'cell.shape');
  for (const key of ['N_train', 'N', 'D', 'M']) {
    const v = finite(shape, key, 'cell.shape');
    if (!Number.isInteger(v) || v < 0) {
      throw new Problem(`'cell.shape.${key}' must be a whole number; received ${v}`);
    }
  }
}

function checkTiming(cell: Obj): void {
  if (cell.timing === null) return;
  const timing = object(cell.timing, 'cell.timing');
  positive(timing, 'speedup', 'cell.timing');
  positive(object(timing.query, 'cell.timing.query'), 'medianMs', 'cell.timing.query');
  positive(object(timing.exact, 'cell.timing.exact'), 'medianMs', 'cell.timing.exact');
  // The page shows the peers' times of exact cells; the mean over trials reads every cell's.
  const peers = object(timing.peers, 'cell.timing.peers');
  for (const name of ['onnxruntime', 'tfjs']) {
    const field = `cell.timing.peers.${name}`;
    const peer = peers[name];
    if (peer === null) continue;
    if (typeof peer !== 'object' || Array.isArray(peer)) {
      throw new Problem(`'${field}' must be null (not installed) or a timing; received ` +
        show(peer));
    }
    positive(peer as Obj, 'medianMs', field);
  }
}

function checkEnv(cell: Obj): void {
  const env = object(cell.env, 'cell.env');
  for (const key of ['machine', 'node', 'kernels', 'date']) text(env, key, 'cell.env');
  for (const key of ['cores', 'threads']) {
    const v = positive(env, key, 'cell.env');
    if (!Number.isInteger(v)) throw new Problem(`'cell.env.${key}' must be whole; received ${v}`);
  }
}

/** What each task's figure reads beyond the common fields, checked so no figure meets a gap. */
function checkTask(cell: Cell): void {
  const need = (key: string): void => {
    if (typeof cell.metrics[key] !== 'number') {
      throw new Problem(`a ${cell.task} cell needs 'cell.metrics.${key}'; it is missing`);
    }
  };
  if (['softmax', 'filters', 'ucr', 'forecast', 'mips'].includes(cell.task) &&
    cell.timing === null && cell.method !== 'exact') {
    throw new Problem(`a ${cell.task} cell of method ${cell.method} needs 'cell.timing' ` +
      '(its speed-up is the x axis); it is null');
  }
  if (cell.task === 'ucr' && !cell.metric.higherIsBetter) {
    throw new Problem("a ucr cell's metric must be relative accuracy (higherIsBetter true); " +
      `received ${show(cell.metric)}`);
  }
  if (cell.task === 'mips') ['recall1', 'recall10'].forEach(need);
  if (cell.task === 'generalization') {
    ['trainNmse', 'testNmse'].forEach(need);
    if (typeof cell.params.codebooks !== 'number') {
      throw new Problem(`a generalization cell needs a number 'cell.params.codebooks'; ` +
        `received ${show(cell.params.codebooks)}`);
    }
  }
  if (cell.task === 'components' && !['encodeCodesPerSecond', 'lutBuildMs',
    'scanLookupsPerSecond'].some((key) => typeof cell.metrics[key] === 'number')) {
    throw new Problem('a components cell needs at least one of cell.metrics.' +
      'encodeCodesPerSecond, lutBuildMs, scanLookupsPerSecond; none is there');
  }
}

/** The cell, or the reason `value` is not one. */
export function checkCell(value: unknown): { cell: Cell } | { problem: string } {
  try {
    const cell = object(value, 'cell');
    if (cell.schema !== CELL_SCHEMA) {
      throw new Problem(`not a cell: 'schema' is ${show(cell.schema)}, expected ` +
        JSON.stringify(CELL_SCHEMA));
    }
    if (!TASKS.includes(cell.task as TaskName)) {
      throw new Problem(`'cell.task' must be one of ${TASKS.join(', ')}; received ` +
        show(cell.task));
    }
    text(cell, 'instance', 'cell');
    text(cell, 'method', 'cell');
    checkParams(cell.params);
    checkMetrics(cell);
    checkShape(cell);
    checkTiming(cell);
    if (cell.cost !== null) object(cell.cost, 'cell.cost');
    if (!Array.isArray(cell.images)) {
      throw new Problem(`'cell.images' must be an array; received ${show(cell.images)}`);
    }
    cell.images.forEach(imagePath);
    checkEnv(cell);
    checkTask(cell as unknown as Cell);
    return { cell: cell as unknown as Cell };
  } catch (error) {
    if (error instanceof Problem) return { problem: error.message };
    throw error;
  }
}
