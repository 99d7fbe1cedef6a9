/**
 * Renders a vega-lite spec to SVG (vega, no canvas) and PNG (resvg), written atomically as
 * OUT.svg and OUT.png. Shared by the figure scripts and the report page (which inlines the
 * returned SVG); nothing here reruns a benchmark.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { writeFileAtomic } from '../../src/core/io/atomic-write.js';

/**
 * Renders `spec` to OUT.svg and OUT.png and returns the SVG. Given `warnings`, vega-lite's
 * warnings (a dropped channel, an impossible scale) are collected there instead of printed,
 * so library code can hand them to its caller.
 */
export async function renderFigure(spec: object, out: string,
  warnings?: string[]): Promise<string> {
  const logger = warnings === undefined ? undefined : vega.logger(vega.Warn, 'warn',
    (_method, _level, args) => warnings.push(args.map(String).join(' ')));
  const view = new vega.View(vega.parse(vl.compile(spec as vl.TopLevelSpec, { logger }).spec),
    { renderer: 'none' });
  const svg = await view.toSVG();
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  writeFileAtomic(`${out}.svg`, svg);
  writeFileAtomic(`${out}.png`, png);
  return svg;
}
