// Over 250 lines on purpose: list, images, parameters and caching of the image API share the PNG reader, the seeding helpers and the summary they must agree with.
import { describe, expect, it } from 'vitest';
import es from '../../site/i18n/ui/es.json' with { type: 'json' };
import { call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row, summary } from '../../tests/support/registration-helpers.ts';

const SIZES = { og: [1200, 630], square: [1080, 1080], story: [1080, 1920] } as const;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, after checking the signature and the chunk's name. */
function pngSize(bytes: Uint8Array): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

/**
 * The RGB pixels of an opaque PNG this Worker encoded: a flat card is a palette PNG (8-bit indices into its PLTE
 * chunk), filter 0 on every row.
 */
async function pngPixels(bytes: Uint8Array): Promise<{ width: number; pixel: (x: number, y: number) => number[] }> {
  const [width] = pngSize(bytes);
  expect(bytes[25], 'colour type: flat cards are sent as palette images').toBe(3);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const idat: Uint8Array<ArrayBuffer>[] = [];
  let palette = new Uint8Array(0);
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    if (type === 'IDAT') idat.push(bytes.slice(at + 8, at + 8 + length));
    if (type === 'PLTE') palette = bytes.slice(at + 8, at + 8 + length);
    at += 12 + length;
  }
  const raw = new Uint8Array(
    await new Response(new Blob(idat).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer(),
  );
  const stride = width + 1;
  return {
    width,
    pixel: (x, y) => {
      const index = raw[y * stride + 1 + x] ?? 0;
      return [...palette.subarray(index * 3, index * 3 + 3)];
    },
  };
}

/** The text an SVG download shows, word by word (satori writes one `<text>` per word). */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
}

async function seeded(slug: string) {
  const auth = await createProcess(slug);
  const rows = [
    row('A1', { received_on: '2023-09-20' }),
    row('A2', { received_on: '2023-10-02', country: 'CA', entity: '05', status: 'cumple' }),
    row('A3', { received_on: '2023-10-05', country: 'ES', modality: 'postal', status: 'cumple' }),
    ...Array.from({ length: 1_234 }, (_, i) =>
      row(`B${i}`, { received_on: '2023-10-04', modality: i % 3 ? 'internet' : 'postal', entity: i % 4 ? '15' : '05' }),
    ),
  ];
  await postBatch(slug, csv(rows), auth);
  return auth;
}

describe('GET /api/v1/infographics', () => {
  it('lists the templates with their titles in both languages, sizes and parameters', async () => {
    const response = await call('/api/v1/infographics', { headers: { origin: 'https://partner.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const list = (await response.json()) as {
      template: string;
      title: { es: string; en: string };
      sizes: string[];
      params: { name: string }[];
    }[];
    const ids = list.map((t) => t.template);
    for (const id of ['registrations-total', 'top-countries', 'by-entity', 'modality', 'deadline', 'page-card']) {
      expect(ids).toContain(id);
    }
    for (const template of list) {
      expect(template.title.es).toBeTruthy();
      expect(template.title.en).toBeTruthy();
      expect(template.sizes).toEqual(['og', 'square', 'story']);
      expect(template.params.map((p) => p.name)).toContain('size');
    }
    expect(list.find((t) => t.template === 'by-entity')?.params.map((p) => p.name)).toContain('country');
    expect(list.find((t) => t.template === 'page-card')?.params.map((p) => p.name)).toEqual(['page', 'size']);
  });
});

describe('infographic images', () => {
  it('are PNGs of exactly the size asked for, for every template and size', async () => {
    await seeded('ig-sizes');
    const queries: Record<string, string> = {
      'registrations-total': 'process=ig-sizes&entity=15',
      'top-countries': 'process=ig-sizes&lang=en',
      'by-entity': 'process=ig-sizes&country=US',
      modality: 'process=ig-sizes&scope=cumple',
      deadline: 'process=ig-sizes&lang=en',
      'page-card': 'page=/es/',
    };
    for (const [template, query] of Object.entries(queries)) {
      for (const [size, [width, height]] of Object.entries(SIZES)) {
        const response = await call(`/api/v1/infographics/${template}.png?${query}&size=${size}`);
        expect(response.status, `${template} ${size}: ${response.status}`).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/png');
        expect(pngSize(new Uint8Array(await response.arrayBuffer())), `${template} ${size}`).toEqual([width, height]);
      }
    }
  });

  it('draw the text (glyphs rasterised by resvg from the bundled fonts)', async () => {
    await seeded('ig-ink');
    const png = new Uint8Array(
      await (await call('/api/v1/infographics/registrations-total.png?process=ig-ink')).arrayBuffer(),
    );
    const { pixel } = await pngPixels(png);
    const count = (y0: number, y1: number, test: (rgba: number[]) => boolean) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = 0; x < 1200; x += 2) if (test(pixel(x, y))) n++;
      return n;
    };
    // White lettering on the green band, dark lettering in the title, and the untouched white page elsewhere.
    expect(pixel(4, 4)).toEqual([0x0b, 0x5d, 0x4b]);
    expect(count(20, 64, ([r = 0]) => r > 200)).toBeGreaterThan(500);
    expect(count(130, 180, ([r = 255]) => r < 80)).toBeGreaterThan(1_000);
    expect(pixel(1190, 620)).toEqual([255, 255, 255]);
  });

  it('draw and describe the figures the summary API returns for the same parameters', async () => {
    await seeded('ig-figures');
    for (const [lang, thousands] of [
      ['es', '1,237'],
      ['en', '1,237'],
    ] as const) {
      const figures = await summary('ig-figures');
      expect(figures.total).toBe(1_237);
      const svg = await (
        await call(`/api/v1/infographics/registrations-total.svg?process=ig-figures&lang=${lang}`)
      ).text();
      expect(svgText(svg)).toContain(thousands);
      // All but one arrived in the 7 days to 2023-10-05, the last day with applications; a base of one
      // application is too small for a meaningful percentage, so none is drawn.
      expect(svgText(svg)).toContain('+1,236 ');
      expect(svgText(svg)).not.toContain('%');
      const alt = (
        (await (
          await call(`/api/v1/infographics/registrations-total.json?process=ig-figures&lang=${lang}`)
        ).json()) as {
          alt: { es: string; en: string };
        }
      ).alt;
      expect(alt.es).toContain('1,237 solicitudes de registro recibidas');
      expect(alt.en).toContain('1,237 registration applications received');
      expect(alt.es).toContain('+1,236 en los 7 días al 5 de octubre de 2023');
      expect(alt.en).toContain('Registration closed on February 25, 2024');
    }
    const filtered = await summary('ig-figures', '?scope=cumple&entity=15');
    const svg = svgText(
      await (await call('/api/v1/infographics/modality.svg?process=ig-figures&scope=cumple&entity=15&lang=en')).text(),
    );
    const json = (await (
      await call('/api/v1/infographics/modality.json?process=ig-figures&scope=cumple&entity=15')
    ).json()) as {
      alt: { es: string; en: string };
      data_version: string;
    };
    // One applicant: the summary withholds the breakdown, and the card says so in the reader's language.
    expect(filtered.total).toBe(1);
    expect(filtered.by_modality).toBeNull();
    expect(svg).toContain('People from State of Mexico');
    expect(svg).toContain('To protect people this breakdown is not shown');
    expect(svg).not.toContain('By post');
    expect(json.alt.en).toContain('To protect people');
    expect(json.alt.es).toContain('Para proteger a las personas');
    expect(json.data_version).toMatch(/^ig-figures\.v\d+$/);

    // Coahuila (05): A2 in Canada and every fourth B row (B0, B4, ... B1232: 309) in the United States.
    const ranking = (await (
      await call('/api/v1/infographics/top-countries.json?process=ig-figures&entity=05')
    ).json()) as {
      alt: { en: string };
    };
    expect(ranking.alt.en).toContain('United States of America: 309 (');
    expect(ranking.alt.en).toContain('Canada: 1 (');
    expect(ranking.alt.en).not.toContain('Spain');
    // In the United States: A1 and the other 925 B rows in the State of Mexico (15), 309 in Coahuila.
    const bars = svgText(
      await (await call('/api/v1/infographics/by-entity.svg?process=ig-figures&country=US&lang=es')).text(),
    );
    expect(bars).toContain('Estado de México926');
    expect(bars).toContain('Coahuila309');
  });

  it('give the deadline with its date and the page card from the page list, never from the query', async () => {
    await createProcess('ig-deadline');
    const deadline = (await (await call('/api/v1/infographics/deadline.json?process=ig-deadline')).json()) as {
      alt: { es: string };
    };
    expect(deadline.alt.es).toContain('El registro cerró el 25 de febrero de 2024');
    const card = (await (await call('/api/v1/infographics/page-card.json?page=/en/')).json()) as {
      alt: { es: string; en: string };
    };
    expect(card.alt.en).toContain('Voto Extranjero');
    expect(card.alt.en).toContain('Page in English');
    expect(card.alt.es).toContain('Página en inglés');
    const svg = await (await call('/api/v1/infographics/page-card.svg?page=/es/')).text();
    expect(svg).toContain('<title>Tarjeta de Voto Extranjero');
    // A built page the page list does not name (yet) still gets a card, from its own title.
    const builder = await call('/api/v1/infographics/page-card.json?page=/es/embed-builder/');
    expect(builder.status).toBe(200);
    expect(((await builder.json()) as { alt: { es: string } }).alt.es).toContain(es['builder.title']);
  });
});

describe('infographic parameters', () => {
  it("refuse unknown templates, sizes, formats, processes, another template's parameters and malformed values with a JSON error and no image", async () => {
    await seeded('ig-bad');
    const cases: [string, number][] = [
      ['/api/v1/infographics/pie-chart.png?process=ig-bad', 404],
      ['/api/v1/infographics/registrations-total.gif?process=ig-bad', 404],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&size=banner', 422],
      ['/api/v1/infographics/registrations-total.png?process=no-such-process', 404],
      // Free text under a name no image takes is ignored, never drawn (shared/cache-poisoning.worker.test.ts);
      // another template's parameter is refused.
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&page=/es/', 422],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&entity=Jalisco', 422],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&entity=14', 422],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&country=Mexico', 422],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&lang=fr', 422],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&lang=es&lang=en', 422],
      ['/api/v1/infographics/top-countries.png?process=ig-bad&country=US', 422],
      ['/api/v1/infographics/deadline.png?process=ig-bad&scope=cumple', 422],
      ['/api/v1/infographics/page-card.png', 422],
      ['/api/v1/infographics/page-card.png?page=Official%20statement', 422],
      ['/api/v1/infographics/page-card.png?page=/es/<script>/', 422],
      ['/api/v1/infographics/page-card.png?page=/es/no-such-page/', 404],
      ['/api/v1/infographics/page-card.png?page=/es/&process=ig-bad', 422],
      ['/api/v1/infographics/registrations-total.png?process=ig-bad&v=%22%3E', 422],
    ];
    for (const [path, status] of cases) {
      const response = await call(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toContain('application/json');
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.message.length, path).toBeGreaterThan(10);
    }
  });
});

describe('infographic caching', () => {
  it('serves a cached image until an ingest changes the figures, then a new one', async () => {
    const auth = await seeded('ig-cache');
    const url = '/api/v1/infographics/registrations-total.png?process=ig-cache&size=square';
    const first = await call(url);
    expect(first.headers.get('server-timing')).toContain('miss');
    expect(first.headers.get('server-timing')).toMatch(/render;dur=/);
    const etag = first.headers.get('etag') ?? '';
    const firstBytes = new Uint8Array(await first.arrayBuffer());
    const again = await call(url);
    expect(again.headers.get('server-timing')).toContain('hit');
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(firstBytes);
    // The same image however the query is written: defaults and order do not make new entries.
    const reordered = await call(
      '/api/v1/infographics/registrations-total.png?size=square&scope=received&lang=es&process=ig-cache',
    );
    expect(reordered.headers.get('etag')).toBe(etag);
    expect(reordered.headers.get('server-timing')).toContain('hit');
    expect((await call(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // A PUT that changes nothing shown keeps the image; an ingest replaces it.
    await createProcess('ig-cache');
    expect((await call(url)).headers.get('etag')).toBe(etag);
    await postBatch('ig-cache', csv([row('C1', { received_on: '2023-10-06' })]), auth);
    const after = await call(url, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('server-timing')).toContain('miss');
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(new Uint8Array(await after.arrayBuffer())).not.toEqual(firstBytes);
    const alt = (await (await call('/api/v1/infographics/registrations-total.json?process=ig-cache')).json()) as {
      alt: { en: string };
    };
    expect(alt.alt.en).toContain('1,238 registration applications received');
  });

  it('makes versioned URLs immutable and sends stale versions to the current image', async () => {
    const auth = await seeded('ig-version');
    const json = (await (
      await call('/api/v1/infographics/top-countries.json?process=ig-version&size=story')
    ).json()) as {
      png: string;
      svg: string;
      data_version: string;
    };
    expect(json.png).toContain(`v=${json.data_version}`);
    const pinned = await call(json.png);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    expect(pngSize(new Uint8Array(await pinned.arrayBuffer()))).toEqual([1080, 1920]);
    const unpinned = await call('/api/v1/infographics/top-countries.png?process=ig-version&size=story');
    expect(unpinned.headers.get('cache-control')).not.toContain('immutable');
    await postBatch('ig-version', csv([row('V1')]), auth);
    const stale = await call(json.png, { redirect: 'manual' });
    expect(stale.status).toBe(302);
    expect(stale.headers.get('location')).toMatch(/\/api\/v1\/infographics\/top-countries\.png\?.*v=ig-version\.v\d+/);
    expect(stale.headers.get('location')).not.toContain(`v=${json.data_version}`);
  });

  it('is readable from any origin', async () => {
    const response = await call('/api/v1/infographics/page-card.png?page=/es/', {
      headers: { origin: 'https://example.org' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
