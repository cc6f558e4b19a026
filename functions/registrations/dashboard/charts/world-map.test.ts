import { describe, expect, it } from 'vitest';
import { mapBreaks, mapLegend, worldMapSvg } from './world-map.ts';

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
});
