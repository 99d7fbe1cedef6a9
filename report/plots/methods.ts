/**
 * Figure of every method on one task: NMSE and accuracy relative to exact against the
 * speed-up over the exact product, one point per method and setting, from the JSON that
 * `npm run bench:methods -- --json FILE` writes.
 * Run: npm run plot:methods -- --in docs/results/methods.json --out docs/figures/methods
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderFigure } from './render.js';

interface Row {
  method: string;
  params: Record<string, unknown>;
  speedup: number;
  nmse: number;
  relativeAccuracy: number;
}

interface Result {
  machine: string;
  node: string;
  kernels: string;
  rows: Row[];
}

/** The family each method's point is coloured by. */
const FAMILY: Record<string, string> = {
  exact: 'exact', maddness: 'MADDNESS', 'maddness-data-free': 'MADDNESS (data-free)',
  'scalar-quantize': 'quantization', pq: 'vector quantization', opq: 'vector quantization',
  bolt: 'vector quantization', pca: 'learned projection', 'sparse-pca': 'learned projection',
  rsvd: 'learned projection', fd: 'learned projection', cd: 'learned projection',
};

const { values } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' } } });
const input = values.in ?? 'docs/results/methods.json';
const out = values.out ?? 'docs/figures/methods';
let result: Result;
try {
  result = JSON.parse(readFileSync(input, 'utf8')) as Result;
  if (!Array.isArray(result.rows)) throw new Error('no rows');
} catch (error) {
  process.stderr.write(`plot:methods: cannot read ${input} as the JSON of bench:methods: ` +
    `${(error as Error).message}\n`);
  process.exit(1);
}

// NMSE on a log scale needs a floor: exact's float32 rounding (1e-14) would squash the rest.
const floor = 1e-4;
const points = result.rows.map((r) => ({
  label: r.method, family: FAMILY[r.method] ?? 'data-independent sketch',
  speedup: r.speedup, nmse: Math.max(floor, r.nmse), relative: r.relativeAccuracy,
}));
const x = { field: 'speedup', type: 'quantitative', scale: { type: 'log' },
  title: 'speed-up over the exact product (log scale)' };
const color = { field: 'family', type: 'nominal', title: null };
const panel = (field: string, title: string, scale: object): object => ({
  width: 360, height: 280,
  layer: [
    { mark: { type: 'point', filled: true, size: 70 },
      encoding: { x, y: { field, type: 'quantitative', title, scale }, color } },
    { mark: { type: 'text', dx: 6, align: 'left', fontSize: 9 },
      encoding: { x, y: { field, type: 'quantitative' }, text: { field: 'label' } } },
  ],
});
const spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: { text: 'Every method on the Fashion-MNIST softmax head (N = 10000, D = 512, M = 10)',
    subtitle: `${result.machine}, Node ${result.node}, ${result.kernels} kernels, one thread; ` +
      `from ${input}; NMSE below ${floor} drawn at ${floor}` },
  data: { values: points },
  hconcat: [
    panel('nmse', 'NMSE of the logits (log scale)', { type: 'log' }),
    panel('relative', 'test accuracy relative to exact', { zero: false }),
  ],
  config: { font: 'DejaVu Sans', background: 'white',
    legend: { orient: 'bottom', labelLimit: 320, columns: 4 } },
};
try {
  await renderFigure(spec, out);
} catch (error) {
  process.stderr.write(`plot:methods: ${(error as Error).message}\n`);
  process.exit(1);
}
console.log(`wrote ${out}.svg and ${out}.png`);
