// The per-address limit on public reads: only answers that miss the edge cache count (PUBLIC_LIMITER, the real
// miniflare rate limiter from wrangler.toml). Instead of 300 requests, a test fills the shared limiter's minute
// for its address through the binding, then asks for new answers until the isolate's free allowance runs out.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import { countryOptions } from '../domain/countries.ts';
import type { ErrorBody } from './errors.ts';

const SLUG = 'limits';
const COUNTRIES = countryOptions('en').map(([code]) => code);

/** Request headers of a client at `address`, as Cloudflare's edge sets them. */
const from = (address: string) => ({ headers: { 'cf-connecting-ip': address } });

/** A filtered summary no test has asked for before: a cache miss. */
let fresh = 0;
function uncachedSummary(): string {
  const country = COUNTRIES[fresh % COUNTRIES.length];
  const scope = Math.floor(fresh / COUNTRIES.length) % 2 ? 'cumple' : 'received';
  fresh++;
  return `/api/v1/registrations/${SLUG}/summary?country=${country}&scope=${scope}`;
}

/**
 * Uses up `address`'s minute: the shared limiter through its binding, then new summaries until the isolate's
 * free allowance is gone too. Returns the 429. Near the end of a minute it first waits for the next one, so
 * both windows (wall-clock minutes) stay the same for the whole test.
 */
async function exhaust(address: string): Promise<Response> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  const limiter = testEnv.PUBLIC_LIMITER;
  if (!limiter) throw new Error('wrangler.toml should bind PUBLIC_LIMITER');
  for (let i = 0; i < 1_000 && (await limiter.limit({ key: address })).success; i++);
  for (let i = 0; i < 100; i++) {
    const response = await call(uncachedSummary(), from(address));
    if (response.status === 429) return response;
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  }
  throw new Error('no 429 after 100 uncached requests');
}

beforeAll(async () => {
  const auth = await createProcess(SLUG);
  await postBatch(SLUG, csv([row('L1'), row('L2', { country: 'CA', status: 'cumple' })]), auth);
});

// Each test may first wait up to five seconds for a fresh limiter minute (see exhaust), then sends up to a hundred
// uncached reads: more than vitest's default five seconds on a busy machine.
const EXHAUSTING_MS = 30_000;

describe('the per-address limit on public reads', () => {
  it(
    'answers a client over its misses with the JSON 429 and Retry-After; cache hits and 304s still pass',
    async () => {
      const address = '203.0.113.10';
      const cachedUrl = `/api/v1/registrations/${SLUG}/summary?country=US`;
      const first = await call(cachedUrl, from(address));
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') ?? '';

      const limited = await exhaust(address);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.headers.get('content-type')).toContain('application/json');
      // A partner's script reading the figures sees the answer and how long to wait.
      expect(limited.headers.get('access-control-allow-origin')).toBe('*');
      expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
      const body = (await limited.json()) as ErrorBody;
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).toMatch(/wait a minute/);
      expect(body.error.details).toEqual([]);
      // Over the limit, other misses stay refused: an infographic too.
      const image = await call(
        `/api/v1/infographics/registrations-total.png?process=${SLUG}&size=story`,
        from(address),
      );
      expect(image.status).toBe(429);
      expect(image.headers.get('retry-after')).toBe('60');

      // (a) The same request again is a cache hit, and a revalidation a 304: neither counts nor is refused.
      for (let i = 0; i < 5; i++) {
        const again = await call(cachedUrl, from(address));
        expect(again.status).toBe(200);
        expect(again.headers.get('server-timing')).toContain('hit');
        await again.arrayBuffer();
      }
      const revalidated = await call(cachedUrl, { headers: { ...from(address).headers, 'if-none-match': etag } });
      expect(revalidated.status).toBe(304);
      // (b) Another address is not limited.
      const other = await call(uncachedSummary(), from('198.51.100.20'));
      expect(other.status).toBe(200);
      expect(other.headers.get('server-timing')).toContain('miss');
      // (c) Without the header (tests, local dev) there is no per-address limit at all.
      for (let i = 0; i < 3; i++) expect((await call(uncachedSummary())).status).toBe(200);
    },
    EXHAUSTING_MS,
  );

  it(
    'answers the HTML routes with their own error page, status 429 and Retry-After',
    async () => {
      const address = '203.0.113.11';
      await exhaust(address);
      const pages: [string, string][] = [
        [`/embed/registrations?process=${SLUG}&view=countries&theme=dark`, 'class="embed"'],
        [`/en/dashboard/?process=${SLUG}&country=MX`, 'id="dashboard-root"'],
        [`/es/infografias/?process=${SLUG}&template=modality`, 'data-infographic-error'],
        ['/en/transparencia/', 'id="transparency-traffic"'],
      ];
      for (const [path, marker] of pages) {
        const response = await call(path, from(address));
        expect(response.status, path).toBe(429);
        expect(response.headers.get('retry-after'), path).toBe('60');
        expect(response.headers.get('content-type'), path).toContain('text/html');
        const html = await response.text();
        expect(html, path).toContain(marker);
        expect(html, path).toContain('wait a minute');
      }
      // The same pages for anyone else.
      for (const [path] of pages) expect((await call(path, from('198.51.100.21'))).status, path).toBe(200);
    },
    EXHAUSTING_MS,
  );
});

describe('the infographics page', () => {
  it('is cached under the figures, the form and the language, and a new ingest makes a new page', async () => {
    const url = `/en/infografias/?process=${SLUG}&template=registrations-total&size=square`;
    const first = await call(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('server-timing')).toContain('miss');
    expect(first.headers.get('access-control-allow-origin')).toBeNull();
    const html = await first.text();
    expect(html).toContain('registrations-total.png?process=limits');
    const etag = first.headers.get('etag') ?? '';
    const again = await call(url);
    expect(again.headers.get('server-timing')).toContain('hit');
    expect(await again.text()).toBe(html);
    expect((await call(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Parameters the page does not read share the entry; the other language and other choices do not.
    const tracked = await call(`${url}&utm_source=newsletter`);
    expect(tracked.headers.get('etag')).toBe(etag);
    expect(tracked.headers.get('server-timing')).toContain('hit');
    const spanish = await call(url.replace('/en/', '/es/'));
    expect(spanish.headers.get('etag')).not.toBe(etag);
    const story = await call(url.replace('square', 'story'));
    expect(story.headers.get('etag')).not.toBe(etag);
    // A bad choice is answered with the form and its problem, before the cache.
    const bad = await call(`/en/infografias/?process=${SLUG}&template=nope`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get('server-timing')).toBeNull();
    expect(await bad.text()).toContain('template');

    await postBatch(SLUG, csv([row('L3', { country: 'ES' })]), await createProcess(SLUG));
    const after = await call(url, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('server-timing')).toContain('miss');
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});
