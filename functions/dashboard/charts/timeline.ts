import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { withCumulative } from '../../data/summary.ts';
import { type Html, html } from '../../lib/html.ts';

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 56, bottom: 28, left: 8 };

/** Daily bars and the cumulative curve on a second axis, as SVG, with labelled axes. */
export function timelineSvg(
  daily: readonly { date: string; count: number }[],
  labels: { title: string; daily: string; cumulative: string; first: string; last: string },
  format: (value: number) => string,
): Html {
  if (daily.length === 0) return html``;
  const points = withCumulative(daily);
  const running = points.at(-1)?.cumulative ?? 0;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<string>()
    .domain(points.map((p) => p.date))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .paddingInner(0.15);
  const maxDaily = Math.max(1, ...points.map((p) => p.count));
  const yDaily = scaleLinear()
    .domain([0, maxDaily])
    .range([MARGIN.top + innerHeight, MARGIN.top + innerHeight * 0.45]);
  const yTotal = scaleLinear()
    .domain([0, Math.max(1, running)])
    .range([MARGIN.top + innerHeight, MARGIN.top]);
  const bars = points.map((p) => {
    const top = yDaily(p.count);
    return html`<rect x="${(x(p.date) ?? 0).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(0.5, x.bandwidth()).toFixed(1)}" height="${(MARGIN.top + innerHeight - top).toFixed(1)}"/>`;
  });
  const curve = line<(typeof points)[number]>()
    .x((p) => (x(p.date) ?? 0) + x.bandwidth() / 2)
    .y((p) => yTotal(p.cumulative))
    .digits(1)(points);
  const baseline = MARGIN.top + innerHeight;
  return html`<svg class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${labels.title}">
<g class="daily" aria-hidden="true">${bars}</g>
<path class="cumulative" d="${curve ?? ''}" fill="none" aria-hidden="true"/>
<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}"/>
<text class="tick" x="${MARGIN.left}" y="${HEIGHT - 8}">${labels.first}</text>
<text class="tick" x="${WIDTH - MARGIN.right}" y="${HEIGHT - 8}" text-anchor="end">${labels.last}</text>
<text class="tick total" x="${WIDTH - MARGIN.right + 4}" y="${yTotal(running) + 4}">${format(running)}</text>
<text class="tick" x="${WIDTH - MARGIN.right + 4}" y="${baseline}">0</text>
<g class="key"><rect class="key-daily" x="${MARGIN.left}" y="2" width="10" height="10"/><text x="${MARGIN.left + 14}" y="11">${labels.daily}</text>
<line class="key-cumulative" x1="${MARGIN.left + 180}" x2="${MARGIN.left + 194}" y1="7" y2="7"/><text x="${MARGIN.left + 198}" y="11">${labels.cumulative}</text></g>
</svg>`;
}
