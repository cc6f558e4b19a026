import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { withCumulative } from '../../data/summary.ts';
import { type Html, html } from '../../lib/html.ts';

// The plot's own coordinates: it stretches to whatever box CSS gives it (preserveAspectRatio="none"), so only
// the shapes are in the SVG; every word and figure is HTML beside it and keeps its real size at any width.
const WIDTH = 640;
const HEIGHT = 200;
const TOP = 6;

/**
 * Daily bars and the cumulative curve on a second axis: the shapes as SVG, the key, the first and last day
 * and the running total as HTML around it, so their text is never scaled down on a phone.
 */
export function timelineSvg(
  daily: readonly { date: string; count: number }[],
  labels: { title: string; daily: string; cumulative: string; first: string; last: string },
  format: (value: number) => string,
): Html {
  if (daily.length === 0) return html``;
  const points = withCumulative(daily);
  const running = points.at(-1)?.cumulative ?? 0;
  const x = scaleBand<string>()
    .domain(points.map((p) => p.date))
    .range([0, WIDTH])
    .paddingInner(0.15);
  const maxDaily = Math.max(1, ...points.map((p) => p.count));
  const yDaily = scaleLinear()
    .domain([0, maxDaily])
    .range([HEIGHT, TOP + (HEIGHT - TOP) * 0.45]);
  const yTotal = scaleLinear()
    .domain([0, Math.max(1, running)])
    .range([HEIGHT, TOP]);
  const bars = points.map((p) => {
    const top = yDaily(p.count);
    return html`<rect x="${(x(p.date) ?? 0).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(0.5, x.bandwidth()).toFixed(1)}" height="${(HEIGHT - top).toFixed(1)}"/>`;
  });
  const curve = line<(typeof points)[number]>()
    .x((p) => (x(p.date) ?? 0) + x.bandwidth() / 2)
    .y((p) => yTotal(p.cumulative))
    .digits(1)(points);
  // Where the curve ends, as a share of the plot's height: the running total's label sits level with it.
  const end = ((yTotal(running) / HEIGHT) * 100).toFixed(1);
  return html`<div class="timeline"><p class="key" aria-hidden="true"><span><span class="key-daily"></span>${labels.daily}</span> <span><span class="key-cumulative"></span>${labels.cumulative}</span></p>
<div class="plot"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${labels.title}">
<g class="daily" aria-hidden="true">${bars}</g>
<path class="cumulative" d="${curve ?? ''}" fill="none" vector-effect="non-scaling-stroke" aria-hidden="true"/>
<line class="axis" x1="0" x2="${WIDTH}" y1="${HEIGHT}" y2="${HEIGHT}" vector-effect="non-scaling-stroke"/>
</svg><span class="total" style="top:${end}%" aria-hidden="true">${format(running)}</span><span class="zero" aria-hidden="true">0</span></div>
<p class="ticks" aria-hidden="true"><span>${labels.first}</span><span>${labels.last}</span></p></div>`;
}
