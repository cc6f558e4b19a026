import { describe, expect, it } from 'vitest';
import { mapBreaks, mapLegend, worldMapSvg, worldOutlinesSvg } from './world-map.ts';

describe('world map', () => {
  it('draws the shared outlines, shading and titling only the countries with applications', () => {
    const svg = String(
      worldMapSvg({ US: 5182, CA: 349, ES: 1, MX: 0 }, (code) => `name-${code}`, String, 'Map', '/w.svg'),
    );
    expect(svg).toContain('role="img" aria-label="Map"');
    expect(svg).toContain('<use href="/w.svg#world" class="s0"/>');
    expect(svg).toContain('<use href="/w.svg#US" class="s5"><title>name-US: 5182</title></use>');
    expect(svg).toMatch(/<use href="\/w\.svg#ES" class="s1"><title>name-ES: 1<\/title><\/use>/);
    expect(svg).not.toContain('#MX');
    expect(svg.match(/<use /g)).toHaveLength(4);
    expect(svg).not.toContain('<path');
  });

  it('keeps every outline in the shared file, once, named by its country code', () => {
    const file = worldOutlinesSvg();
    expect(file).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 960 470"><g id="world">/);
    expect(file.match(/<path /g)?.length).toBeGreaterThan(150);
    const ids = [...file.matchAll(/ id="([A-Z]{2})"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['US', 'CA', 'ES', 'MX']));
    // No paint of its own: each map's `<use>` gives the shade and the theme's stroke.
    expect(file).not.toMatch(/fill=|stroke=|style=/);
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
