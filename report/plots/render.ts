/**
 * Renders a vega-lite spec to SVG (vega, no canvas) and PNG (resvg), written atomically as
 * OUT.svg and OUT.png. Shared by the figure scripts; nothing here reruns a benchmark.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';

export async function renderFigure(spec: object, out: string): Promise<void> {
  const view = new vega.View(vega.parse(vl.compile(spec as vl.TopLevelSpec).spec),
    { renderer: 'none' });
  const svg = await view.toSVG();
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  writeFileAtomic(`${out}.svg`, svg);
  writeFileAtomic(`${out}.png`, png);
}
