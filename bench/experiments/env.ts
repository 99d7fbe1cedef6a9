/** The machine a cell ran on, recorded in every cell. */
import os from 'node:os';
import type { CellEnv } from './cell.js';

export function cellEnv(kernels: string): CellEnv {
  return { machine: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
    node: process.version, threads: 1, kernels, date: new Date().toISOString() };
}
