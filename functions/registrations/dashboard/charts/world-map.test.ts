import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import { mapBreaks, mapLegend, relativePath, worldMapSvg } from './world-map.ts';

// The rings of a path as absolute points, read the way an SVG renderer reads `m`/`M`, implicit line-tos and `z`.
function rings(d: string): number[][][] {
  const result: number[][][] = [];
  let [x, y, relative] = [0, 0, false];
  for (const [, command, numbers] of d.matchAll(/([MmLlZz])([^MmLlZz]*)/g)) {
    if (command === 'Z' || command === 'z') {
      [x, y] = (result.at(-1)?.[0] as [number, number]) ?? [x, y];
      continue;
    }
    if (command === 'M' || command === 'm') result.push([]);
    relative = command === 'm' || command === 'l';
    const values = (numbers?.match(/-?\d+/g) ?? []).map(Number);
    for (let i = 0; i < values.length; i += 2) {
      const [a = 0, b = 0] = [values[i], values[i + 1]];
      [x, y] = relative ? [x + a, y + b] : [a, b];
      const ring = result.at(-1) as number[][];
      const last = ring.at(-1);
      if (!last || last[0] !== x || last[1] !== y) ring.push([x, y]);
    }
  }
  return result;
}

describe('world map', () => {
  it('shades countries by class and titles them with their figure', () => {
    const svg = String(worldMapSvg({ US: 5182, CA: 349, ES: 1 }, (code) => `name-${code}`, String, 'Map'));
    expect(svg).toContain('role="img" aria-label="Map"');
    expect(svg).toContain('<title>name-US: 5182</title>');
    expect(svg).toContain('<title>name-ES: 1</title>');
    expect(svg).toMatch(/class="s5"[^>]*><title>name-US/);
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(150);
  });

  it('uses increasing breaks that end at the maximum and a legend that covers every value', () => {
    const breaks = mapBreaks(5182);
    expect(breaks.at(-1)).toBe(5182);
    expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
    const legend = String(mapLegend({ US: 5182, ES: 1 }, String, 'Applications'));
    expect(legend).toContain('1–');
    expect(legend).toContain('5182');
    expect(mapBreaks(3)).toEqual([1, 2, 3, 3, 3]);
    expect(String(mapLegend({ ES: 3 }, String, 'x')).match(/<li>/g)).toHaveLength(3);
  });

  it('writes every outline as relative steps that draw exactly the same points in about half the bytes', () => {
    const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
    const { features } = feature(topology, topology.objects.countries);
    const path = geoPath(geoEqualEarth().fitSize([960, 470], { type: 'Sphere' })).digits(0);
    let [before, after] = [0, 0];
    for (const f of features) {
      const absolute = path(f) ?? '';
      const relative = relativePath(absolute);
      expect(rings(relative)).toEqual(rings(absolute));
      [before, after] = [before + absolute.length, after + relative.length];
    }
    expect(after / before).toBeLessThan(0.6);
    expect(relativePath('M10,20L13,18L13,18L8,25ZM40,50L41,52Z')).toBe('m10,20 3-2-5,7zm30,30 1,2z');
  });
});
