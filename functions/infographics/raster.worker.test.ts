import { Buffer } from 'node:buffer';
import { inflateSync } from 'node:zlib';
import { parse } from '@shuding/opentype.js';
import { describe, expect, it } from 'vitest';
import { call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import { readPngChunks } from '../domain/signed-files/png.ts';
import { rasterise, rasteriseWithResvg, renderPng, renderSvg } from './engine/engine.ts';
import { readFlatSvg } from './engine/flat-svg.ts';
import { rasterFonts } from './engine/fonts.ts';
import { paintFlatSvg } from './engine/paint.ts';
import { type Raster, stride } from './engine/raster.ts';
import { box } from './h.ts';

const QUERIES: Record<string, string> = {
  'registrations-total': 'process=ig-raster&entity=15',
  'top-countries': 'process=ig-raster&lang=en',
  'by-entity': 'process=ig-raster',
  modality: 'process=ig-raster&scope=cumple',
  deadline: 'process=ig-raster&lang=en',
  'page-card': 'page=/en/',
};

/** How far apart two rasters of the same size are, channel by channel. */
function difference(a: Raster, b: Raster) {
  expect([a.width, a.height, a.channels]).toEqual([b.width, b.height, b.channels]);
  let sum = 0;
  let max = 0;
  const row = stride(a);
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      let pixel = 0;
      for (let c = 0; c < a.channels; c++) {
        const at = y * row + 1 + x * a.channels + c;
        pixel = Math.max(pixel, Math.abs((a.scanlines[at] ?? 0) - (b.scanlines[at] ?? 0)));
        sum += Math.abs((a.scanlines[at] ?? 0) - (b.scanlines[at] ?? 0));
      }
      max = Math.max(max, pixel);
    }
  }
  return { mean: sum / (a.width * a.height * a.channels), max };
}

/** The colour type, palette and inflated rows of a PNG. */
function readPng(png: Uint8Array): { type: number; palette?: Uint8Array; rows: Uint8Array } {
  const chunks = readPngChunks(png) ?? [];
  const data = (type: string) => chunks.find((chunk) => chunk.type === type)?.data;
  return {
    type: data('IHDR')?.[9] ?? -1,
    palette: data('PLTE'),
    rows: new Uint8Array(inflateSync(data('IDAT') ?? new Uint8Array(0))),
  };
}

/** True when both hold the same bytes (natively: deep equality of megabytes is slow). */
function same(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && Buffer.compare(a, b) === 0;
}

/** The SVG the PNG is rasterised from: the download without its embedded fonts. */
async function svgOf(template: string, query: string): Promise<string> {
  const response = await call(`/api/v1/infographics/${template}.svg?${query}`);
  const body = await response.text();
  expect(response.status, `${template}: ${body}`).toBe(200);
  return body.replace(/<style>.*?<\/style>/s, '');
}

describe('the flat painter', () => {
  it('paints every template and size as resvg draws the same SVG, to within anti-aliasing', async () => {
    const auth = await createProcess('ig-raster');
    await postBatch(
      'ig-raster',
      csv(
        Array.from({ length: 240 }, (_, i) =>
          row(`R${i}`, {
            received_on: `2023-10-0${1 + (i % 9)}`,
            country: ['US', 'CA', 'ES', 'DE'][i % 4] ?? 'US',
            entity: i % 3 ? '15' : '05',
            modality: i % 2 ? 'internet' : 'postal',
            status: i % 5 ? 'cumple' : 'revision',
          }),
        ),
      ),
      auth,
    );
    for (const [template, query] of Object.entries(QUERIES)) {
      for (const size of ['og', 'square', 'story']) {
        const svg = await svgOf(template, `${query}&size=${size}`);
        const image = readFlatSvg(svg);
        expect(image, `${template} ${size}: satori's SVG is flat`).not.toBeNull();
        expect(image?.ops.some((op) => op.kind === 'text')).toBe(true);
        const ours = await rasterise(svg);
        const reference = await rasteriseWithResvg(svg);
        const { mean, max } = difference(ours, reference);
        // Edges land on a quarter pixel here and on resvg's exact position there, so an edge pixel can gain or
        // lose one of the four samples resvg takes across a pixel: a quarter of the contrast, 64 at most. A glyph
        // out of place, a missing word or a wrong colour is off by far more.
        expect(max, `${template} ${size}: largest difference of a pixel`).toBeLessThanOrEqual(64);
        expect(mean, `${template} ${size}: mean difference of a channel`).toBeLessThan(0.3);
        // The PNG is a palette PNG of exactly the painted pixels (which `ours` has as RGB).
        const png = readPng(await renderPng(svg));
        const painted = paintFlatSvg(svg);
        expect(png.type, `${template} ${size}: palette PNG`).toBe(3);
        expect(png.palette, `${template} ${size}: palette`).toEqual(painted?.palette);
        expect(same(png.rows, painted?.scanlines), `${template} ${size}: PNG rows`).toBe(true);
      }
    }
    // Every template in three sizes, each painted twice (ours and resvg): about 2 s alone, 5 s or more on 2
    // shared cores, which is where the default limit failed it in CI.
  }, 30_000);

  it('hands anything beyond rectangles and plain text to resvg', async () => {
    const flat = '<svg width="4" height="2" viewBox="0 0 4 2" xmlns="http://www.w3.org/2000/svg">';
    const cases = [
      `${flat}<rect x="0" y="0" width="4" height="2" fill="#fff" opacity="0.5"/></svg>`,
      `${flat}<rect x="0" y="0" width="4" height="2" fill="url(#g)"/></svg>`,
      `${flat}<path d="M0 0h4v2z" fill="#000"/></svg>`,
      `${flat}<text x="0" y="1" font-size="2" font-family="serif" fill="#000">a</text></svg>`,
      `${flat}<rect x="0" y="0" width="4" height="2" fill="#fff"/>`,
    ];
    for (const svg of cases) expect(readFlatSvg(svg), svg).toBeNull();
    // A translucent or missing background is not flat either: the painter only makes opaque images.
    const raster = await rasterise(`${flat}<rect x="1" y="0" width="2" height="2" fill="#000"/></svg>`);
    expect(raster.channels).toBe(4);
  });

  it('hands an image of more than 256 colours to resvg and writes it as RGB', async () => {
    const bands = Array.from(
      { length: 300 },
      (_, i) =>
        `<rect x="${i}" y="0" width="1" height="2" fill="#${(i * 0x2f1b).toString(16).padStart(6, '0').slice(-6)}"/>`,
    );
    const svg = `<svg width="300" height="2" viewBox="0 0 300 2" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="300" height="2" fill="#ffffff"/>${bands.join('')}</svg>`;
    expect(readFlatSvg(svg)).not.toBeNull();
    expect(paintFlatSvg(svg)).toBeNull();
    const png = readPng(await renderPng(svg));
    expect(png.type).toBe(2);
    expect(same(png.rows, (await rasteriseWithResvg(svg)).scanlines)).toBe(true);
  });

  it('measures a word from the width cache as opentype.js measures it', async () => {
    await rasterise('<svg width="1" height="1" viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"></svg>');
    const font = parse((rasterFonts()[1] ?? new Uint8Array(0)).slice().buffer);
    const words = ['Solicitudes', 'Voto Extranjero', '6,574', 'AVÍO'];
    for (const word of words) {
      const direct = font.forEachGlyph(word, 0, 0, 44, { letterSpacing: 1 / 44 }, () => undefined);
      expect(font.getAdvanceWidth(word, 44, { letterSpacing: 1 / 44 })).toBe(direct);
      // The second time from the cache, and another size or spacing is another entry.
      expect(font.getAdvanceWidth(word, 44, { letterSpacing: 1 / 44 })).toBe(direct);
      expect(font.getAdvanceWidth(word, 32, { letterSpacing: 0 })).toBe(
        font.forEachGlyph(word, 0, 0, 32, { letterSpacing: 0 }, () => undefined),
      );
    }
  });

  it('anti-aliases rectangle edges between pixels by the share covered', async () => {
    const svg =
      '<svg width="4" height="1" viewBox="0 0 4 1" xmlns="http://www.w3.org/2000/svg">' +
      '<rect x="0" y="0" width="4" height="1" fill="#ffffff"/><rect x="0.5" y="0" width="2" height="1" fill="#000000"/></svg>';
    const raster = await rasterise(svg);
    expect(raster.channels).toBe(3);
    expect([...raster.scanlines.subarray(1, 13)]).toEqual([128, 128, 128, 0, 0, 0, 128, 128, 128, 255, 255, 255]);
  });
});

describe('the layout', () => {
  it('gives back the stack trace limit when concurrent layouts end, however they end', async () => {
    const before = Error.stackTraceLimit;
    const card = (label: string) => box({ width: 200, height: 100, backgroundColor: '#ffffff' }, label);
    const broken = { type: 'div', props: { style: { display: 'grid' }, children: 'x' } };
    const results = await Promise.allSettled([
      renderSvg(card('uno'), 200, 100),
      renderSvg(broken, 200, 100),
      renderSvg(card('dos'), 200, 100),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]?.status === 'rejected' && String(results[1].reason)).toContain('"display"');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('after').stack).toContain('raster.worker.test');
  });
});
