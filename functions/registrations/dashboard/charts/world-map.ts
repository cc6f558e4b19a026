import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import { countryCodeOfNumeric } from '../../../domain/countries.ts';
import { type Html, html } from '../../../shared/html.ts';

const WIDTH = 960;
const HEIGHT = 470;

/** Projected country outlines, computed once per isolate: the projection never changes, only the fills. */
let outlines: { code: string; d: string }[] | undefined;

function countryOutlines(): { code: string; d: string }[] {
  if (outlines) return outlines;
  const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
  const collection = feature(topology, topology.objects.countries);
  const features = collection.features.filter((f) => f.id !== '010'); // Antarctica: no one registers from there
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features });
  const path = geoPath(projection).digits(0);
  outlines = features.map((f) => ({ code: countryCodeOfNumeric(String(f.id)) ?? '', d: path(f) ?? '' }));
  return outlines;
}

/** Class breaks (upper bounds) of the five shades, roughly logarithmic because one country dominates. */
export function mapBreaks(max: number): number[] {
  if (max <= 5) return [1, 2, 3, 4, max].map((v) => Math.min(v, max));
  const ratio = max ** (1 / 5);
  return [1, 2, 3, 4, 5].map((i) => Math.round(ratio ** i));
}

/**
 * A world map shaded by applications per country, as SVG. Each country carries a `<title>` with its
 * figure; the ranked table beside the map is the text equivalent, so colour is never the only cue.
 */
export function worldMapSvg(
  counts: Record<string, number>,
  names: (code: string) => string,
  format: (value: number) => string,
  title: string,
): Html {
  const max = Math.max(0, ...Object.values(counts));
  const breaks = mapBreaks(max);
  const shade = (value: number) => (value <= 0 ? 0 : breaks.findIndex((b) => value <= b) + 1 || breaks.length);
  const paths = countryOutlines().map(({ code, d }) => {
    const value = counts[code] ?? 0;
    const label = value > 0 && html`<title>${names(code)}: ${format(value)}</title>`;
    return html`<path class="s${shade(value)}" d="${d}">${label}</path>`;
  });
  return html`<svg class="world-map" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}">${paths}</svg>`;
}

/** The map's key: each shade with the range of applications it stands for. */
export function mapLegend(counts: Record<string, number>, format: (value: number) => string, title: string): Html {
  const max = Math.max(0, ...Object.values(counts));
  if (max === 0) return html``;
  const breaks = mapBreaks(max);
  let low = 1;
  const items: Html[] = [];
  breaks.forEach((high, index) => {
    if (high < low) return;
    const range = high === low ? format(low) : `${format(low)}–${format(high)}`;
    items.push(html`<li><span class="swatch s${index + 1}" aria-hidden="true"></span>${range}</li>`);
    low = high + 1;
  });
  return html`<p class="legend-title">${title}</p><ul class="legend">${items}</ul>`;
}
