// oEmbed 1.0 (the contract's "Embedding the dashboard"): dashboard, embed and cut report URLs of this site answer a
// `rich` response whose html is the builder's snippet; other hosts and other pages are 404, XML is 501, a missing
// or garbage url is 400; and every embeddable page names its oEmbed address in a discovery link.
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, call } from '../../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../../../tests/support/registration-helpers.ts';
import { type OEmbedAnswer, oembedAnswer } from './oembed-answer.ts';

const SLUG = 'oembed-test';
const HOST = 'https://voto.test';
const oembed = (url: string, extra = '') => call(`/oembed?url=${encodeURIComponent(url)}${extra}`);

beforeAll(async () => {
  const ingest = await createProcess(SLUG, PROCESS_BODY);
  const rows = Array.from({ length: 12 }, (_, i) => row(`O${i}`, { entity: i < 6 ? '15' : '05' }));
  expect((await postBatch(SLUG, csv(rows), ingest)).status).toBe(200);
  const cut = await call(`/api/v1/registrations/${SLUG}/cuts`, {
    method: 'POST',
    headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
    body: JSON.stringify({ date: '2023-10-15' }),
  });
  expect(cut.status).toBe(201);
});

async function answer(url: string, extra = ''): Promise<OEmbedAnswer> {
  const response = await oembed(url, extra);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return oembedAnswer.parse(await response.json());
}

describe('GET /oembed', () => {
  it('answers a dashboard URL with the builder snippet of its figures and the matching infographic', async () => {
    const body = await answer(`${HOST}/en/dashboard/?process=${SLUG}&entity=MX-MEX&scope=cumple`);
    expect(body).toMatchObject({
      type: 'rich',
      version: '1.0',
      provider_name: 'Voto Extranjero',
      provider_url: `${HOST}/en/`,
      width: 600,
      height: 600,
      thumbnail_width: 1200,
      thumbnail_height: 630,
    });
    expect(body.cache_age).toBeGreaterThan(0);
    expect(body.title).toContain('Test process');
    expect(body.html).toBe(
      `<iframe src="${HOST}/embed/registrations?process=${SLUG}&lang=en&scope=cumple&entity=15" data-voto-embed\n` +
        `        title="Registration to vote from abroad, live" loading="lazy" style="width:100%;border:0" width="100%" height="600" frameborder="0"></iframe>\n` +
        `<script src="${HOST}/embed.js" async></script>`,
    );
    expect(body.thumbnail_url).toBe(
      `${HOST}/api/v1/infographics/registrations-total.png?process=${SLUG}&lang=en&size=og&scope=cumple&entity=15`,
    );
    const image = await call(new URL(body.thumbnail_url ?? '').pathname + new URL(body.thumbnail_url ?? '').search);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('answers an embed URL with its view, and a cut report URL with its cut', async () => {
    const embed = await answer(`${HOST}/embed/registrations?process=${SLUG}&view=countries&lang=es&theme=dark`);
    expect(embed.html).toContain(`src="${HOST}/embed/registrations?process=${SLUG}&lang=es&view=countries&theme=dark"`);
    expect(embed.thumbnail_url).toBe(
      `${HOST}/api/v1/infographics/top-countries.png?process=${SLUG}&lang=es&size=og&scope=received`,
    );
    const report = await answer(`${HOST}/es/dashboard/cortes/${SLUG}/2023-10-15/`);
    expect(report.html).toContain(`src="${HOST}/embed/registrations?process=${SLUG}&lang=es&cut=2023-10-15"`);
    expect(report.title).toContain('2023-10-15');
  });

  it('honours maxwidth and maxheight, leaving out a thumbnail that does not fit', async () => {
    const body = await answer(`${HOST}/es/dashboard/?process=${SLUG}`, '&maxwidth=400&maxheight=300&format=json');
    expect(body.width).toBe(400);
    expect(body.height).toBe(300);
    expect(body.html).toContain('style="width:100%;max-width:400px;border:0" width="100%" height="300"');
    expect(body.thumbnail_url).toBeUndefined();
    const wide = await answer(`${HOST}/es/dashboard/?process=${SLUG}`, '&maxwidth=1100&maxheight=1100');
    expect(wide.width).toBe(600);
    expect([wide.thumbnail_width, wide.thumbnail_height]).toEqual([1080, 1080]);
    expect(wide.thumbnail_url).toContain('size=square');
  });

  it('is 404 for another host, a page that is not embeddable, or figures that do not exist', async () => {
    for (const url of [
      `https://example.org/es/dashboard/?process=${SLUG}`,
      `http://voto.test.example.org/es/dashboard/`,
      `${HOST}/es/guias/`,
      `${HOST}/api/v1/registrations/${SLUG}/summary`,
      `${HOST}/es/dashboard/?process=no-such-process`,
      `${HOST}/es/dashboard/?process=${SLUG}&entity=99`,
      `${HOST}/es/dashboard/cortes/${SLUG}/2099-01-01/`,
    ]) {
      const response = await oembed(url);
      expect(response.status, url).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, url).toBe('not_found');
    }
  });

  it('is 501 for format=xml and 400 for a missing or garbage url', async () => {
    const xml = await oembed(`${HOST}/es/dashboard/`, '&format=xml');
    expect(xml.status).toBe(501);
    expect(((await xml.json()) as { error: { code: string } }).error.code).toBe('not_implemented');
    for (const path of ['/oembed', '/oembed?url=', '/oembed?url=not%20a%20url', '/oembed?url=javascript:alert(1)']) {
      const response = await call(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    expect((await oembed(`${HOST}/es/dashboard/`, '&maxwidth=wide')).status).toBe(400);
  });
});

describe('discovery links', () => {
  for (const page of [
    `/embed/registrations?process=${SLUG}&view=modality`,
    `/en/dashboard/?process=${SLUG}&country=US`,
    `/es/dashboard/cortes/${SLUG}/2023-10-15/`,
  ]) {
    it(`${page} names its oEmbed address`, async () => {
      const response = await call(page);
      expect(response.status).toBe(200);
      const markup = await response.text();
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)">/.exec(
        markup,
      );
      expect(link?.[2]).toBeTruthy();
      const href = new URL((link?.[1] ?? '').replaceAll('&amp;', '&'));
      expect(href.pathname).toBe('/oembed');
      const described = new URL(href.searchParams.get('url') ?? '');
      expect(described.origin).toBe(HOST);
      expect(described.pathname).toBe(new URL(page, HOST).pathname);
      for (const [name, value] of new URL(page, HOST).searchParams)
        expect(described.searchParams.get(name)).toBe(value);
      expect((await call(href.pathname + href.search)).status).toBe(200);
    });
  }
});
