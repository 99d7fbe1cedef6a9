/**
 * Figure of the demo's results: accuracy relative to exact and logits' NMSE against the speed-up
 * over the exact product, one point per C, from the JSON that `maddness demo` writes.
 * Run: npm run plot:demo -- --in maddness-demo.json --out maddness-demo
 * (writes maddness-demo.svg and maddness-demo.png; reads results, never reruns anything).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderFigure } from './render.js';

interface DemoResult {
  dataset: string;
  exact: { accuracy: number; ms: number };
  maddness: { codebooks: number; relative: number; nmse: number; speedup: number }[];
  machine: { cpu: string; node: string };
}

const { values } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' } } });
const input = values.in ?? 'maddness-demo.json';
const out = values.out ?? 'maddness-demo';
let demo: DemoResult;
try {
  demo = JSON.parse(readFileSync(input, 'utf8')) as DemoResult;
} catch (error) {
  fail(`cannot read ${input} as the JSON of maddness demo: ${(error as Error).message}`);
}

function fail(message: string): never {
  process.stderr.write(`plot:demo: ${message}\n`);
  process.exit(1);
}

const points = [
  { method: 'exact (own GEMM)', C: '', speedup: 1, relative: 1, nmse: 0 },
  ...demo.maddness.map((r) => ({ method: 'MADDNESS', C: `C = ${r.codebooks}`,
    speedup: r.speedup, relative: r.relative, nmse: r.nmse })),
];
const x = { field: 'speedup', type: 'quantitative', scale: { type: 'log' },
  title: 'speed-up over the exact product (log scale)' };
const color = { field: 'method', type: 'nominal', title: null };
const panel = (field: string, title: string): object => ({
  width: 320, height: 240,
  layer: [
    { mark: { type: 'line', point: { size: 60 } },
      encoding: { x, y: { field, type: 'quantitative', title, scale: { zero: false } }, color } },
    { mark: { type: 'text', dy: -10, fontSize: 11 },
      encoding: { x, y: { field, type: 'quantitative' }, text: { field: 'C' } } },
  ],
});
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: { text: `Softmax classifier on ${demo.dataset}: MADDNESS vs exact`,
    subtitle: `${demo.machine.cpu}, Node ${demo.machine.node}, one thread; from ${input}` },
  data: { values: points },
  hconcat: [panel('relative', 'test accuracy relative to exact'),
    panel('nmse', 'NMSE of the logits')],
  config: { font: 'DejaVu Sans', background: 'white' },
};
try {
  await renderFigure(spec, out);
} catch (error) {
  fail((error as Error).message);
}
console.log(`wrote ${out}.svg and ${out}.png`);
