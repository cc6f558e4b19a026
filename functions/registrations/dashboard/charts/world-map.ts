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
  outlines = features.map((f) => ({ code: countryCodeOfNumeric(String(f.id)) ?? '', d: relativePath(path(f) ?? '') }));
  return outlines;
}

/**
 * An absolute path of whole numbers (d3's `M x,y L x,y … Z`) as relative steps, with repeated points dropped: the same
 * outline in about half the bytes (75 KB to 38 KB for the world), which every countries frame carries and the
 * browser parses in the one renderer thread that a partner page's 30 frames share (issue 32).
 */
export function relativePath(absolute: string): string {
  let out = '';
  let [x, y, startX, startY] = [0, 0, 0, 0];
  for (const [, command, numbers] of absolute.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === 'Z') {
      out += 'z';
      [x, y] = [startX, startY];
      continue;
    }
    const [px = 0, py = 0] = (numbers ?? '').split(',').map(Number);
    const [dx, dy] = [px - x, py - y];
    [x, y] = [px, py];
    if (command === 'M') {
      [startX, startY] = [px, py];
      out += `m${dx}${dy < 0 ? '' : ','}${dy}`;
    } else if (dx !== 0 || dy !== 0) {
      // After `m`, pairs are relative line-tos; a minus sign separates two numbers as well as a space does.
      out += `${dx < 0 ? '' : ' '}${dx}${dy < 0 ? '' : ','}${dy}`;
    }
  }
  return out;
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
