import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { type Html, html } from '../../../shared/html.ts';
import { withCumulative } from '../../summary.ts';

// The plot's own coordinates: it stretches to whatever box CSS gives it (preserveAspectRatio="none"), so only
// the shapes are in the SVG; every word and figure is HTML beside it and keeps its real size at any width.
// Each day is a whole SLOT of units wide and every bar one path segment in whole units: the chart's bytes
// stay few (the dashboard page's first view is kept under 40 KB gzipped).
const SLOT = 10;
const BAR = 8;
const HEIGHT = 200;
const TOP = 6;

/**
 * Daily bars and the cumulative curve on a second axis: the shapes as SVG, the key, the first and last day
 * and the running total as HTML around it, so their text is never scaled down on a phone.
 */
export function timelineSvg(
  daily: readonly { date: string; count: number }[],
  labels: { title: string; daily: string; cumulative: string },
  format: (value: number) => string,
  formatDate: (date: string) => string,
): Html {
  if (daily.length === 0) return html``;
  const points = withCumulative(daily);
  const running = points.at(-1)?.cumulative ?? 0;
  const width = points.length * SLOT;
  const maxDaily = Math.max(1, ...points.map((p) => p.count));
  const yDaily = scaleLinear()
    .domain([0, maxDaily])
    .range([HEIGHT, TOP + (HEIGHT - TOP) * 0.45]);
  const yTotal = scaleLinear()
    .domain([0, Math.max(1, running)])
    .range([HEIGHT, TOP]);
  const bars = points
    .map((p, i) => `M${i * SLOT + (SLOT - BAR) / 2} ${HEIGHT}V${Math.round(yDaily(p.count))}h${BAR}V${HEIGHT}`)
    .join('');
  // Whole units: a unit is at most 1.2 px of height on screen, finer than the 2.5 px line can show.
  const curve = line<(typeof points)[number]>()
    .x((_, i) => i * SLOT + SLOT / 2)
    .y((p) => yTotal(p.cumulative))
    .digits(0)(points);
  // Where the curve ends, as a share of the plot's height: the running total's label sits level with it.
  const end = ((yTotal(running) / HEIGHT) * 100).toFixed(1);
  // The first and last day always; two days between them only where there is room (CSS hides them on a
  // phone): fewer dates on a narrow screen rather than smaller ones.
  const middle =
    points.length >= 9
      ? [1, 2].map((third) => {
          const i = Math.round(((points.length - 1) * third) / 3);
          const left = (((i + 0.5) * SLOT * 100) / width).toFixed(1);
          return html`<span class="mid" style="left:${left}%">${formatDate(points[i]?.date ?? '')}</span>`;
        })
      : [];
  return html`<div class="timeline"><p class="key" aria-hidden="true"><span><span class="key-daily"></span>${labels.daily}</span> <span><span class="key-cumulative"></span>${labels.cumulative}</span></p>
<div class="plot"><svg viewBox="0 0 ${width} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${labels.title}">
<path class="daily" d="${bars}" aria-hidden="true"/>
<path class="cumulative" d="${curve ?? ''}" fill="none" aria-hidden="true"/>
<path class="axis" d="M0 ${HEIGHT}H${width}"/>
</svg><span class="total" style="top:${end}%" aria-hidden="true">${format(running)}</span><span class="zero" aria-hidden="true">0</span></div>
<p class="ticks" aria-hidden="true"><span>${formatDate(points[0]?.date ?? '')}</span>${middle}<span>${formatDate(points.at(-1)?.date ?? '')}</span></p></div>`;
}
