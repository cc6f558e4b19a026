// The per-address limit on public reads: only answers that miss the edge cache count. The shared limiter is
// injected (PUBLIC_LIMITER refusing every address it is asked about) and the clock set, so what is tested is this
// Worker's rule, the same on every run: an address gets 30 misses a minute from the isolate's own allowance, and
// past them the shared limiter decides.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import { countryOptions } from '../domain/countries.ts';
import worker from '../index.ts';
import type { ErrorBody } from './errors.ts';

const SLUG = 'limits';
const COUNTRIES = countryOptions('en').map(([code]) => code);
/** Misses an address gets from the isolate's allowance in a minute before the shared limiter is asked. */
const FREE_MISSES = 30;

/** The shared limiter, saying no to every address past the isolate's allowance. */
const refusing: RateLimit = { limit: async () => ({ success: false }) };

/** Calls the Worker as a client at `address` (none: as the tests and local dev call), with the refusing limiter. */
async function get(path: string, address?: string, headers: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://voto.test${path}`, {
    headers: { ...(address ? { 'cf-connecting-ip': address } : {}), ...headers },
  });
  const response = await worker.fetch(request as never, { ...testEnv, PUBLIC_LIMITER: refusing } as never, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A filtered summary no test has asked for before: a cache miss. */
let fresh = 0;
function uncachedSummary(): string {
  const country = COUNTRIES[fresh % COUNTRIES.length];
  const scope = Math.floor(fresh / COUNTRIES.length) % 2 ? 'cumple' : 'received';
  fresh++;
  return `/api/v1/registrations/${SLUG}/summary?country=${country}&scope=${scope}`;
}

/** Spends `address`'s allowance of the minute (`used` misses already made) and returns the miss that is refused. */
async function exhaust(address: string, used = 0): Promise<Response> {
  for (let i = used; i < FREE_MISSES; i++) {
    const response = await get(uncachedSummary(), address);
    expect(response.status, `miss ${i + 1}`).toBe(200);
    expect(response.headers.get('server-timing')).toContain('miss');
    await response.arrayBuffer();
  }
  return get(uncachedSummary(), address);
}

/** Sets the clock inside one limiter minute of its own (the isolate's allowance starts afresh each minute). */
const atMinute = (minute: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`2031-01-01T${minute}:00Z`));
};
afterEach(() => {
  vi.useRealTimers();
});

beforeAll(async () => {
  const auth = await createProcess(SLUG);
  await postBatch(SLUG, csv([row('L1'), row('L2', { country: 'CA', status: 'cumple' })]), auth);
});

describe('the per-address limit on public reads', () => {
  it('answers a client over its misses with the JSON 429 and Retry-After; cache hits and 304s still pass', async () => {
    atMinute('10:00');
    const address = '203.0.113.10';
    const cachedUrl = `/api/v1/registrations/${SLUG}/summary?country=US`;
    const first = await get(cachedUrl, address);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';

    const limited = await exhaust(address, 1);
    expect(limited.status).toBe(429);
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
    const image = await get(`/api/v1/infographics/registrations-total.png?process=${SLUG}&size=story`, address);
    expect(image.status).toBe(429);
    expect(image.headers.get('retry-after')).toBe('60');

    // (a) The same request again is a cache hit, and a revalidation a 304: neither counts nor is refused.
    for (let i = 0; i < 5; i++) {
      const again = await get(cachedUrl, address);
      expect(again.status).toBe(200);
      expect(again.headers.get('server-timing')).toContain('hit');
      await again.arrayBuffer();
    }
    expect((await get(cachedUrl, address, { 'if-none-match': etag })).status).toBe(304);
    // (b) Another address is not limited.
    const other = await get(uncachedSummary(), '198.51.100.20');
    expect(other.status).toBe(200);
    expect(other.headers.get('server-timing')).toContain('miss');
    // (c) Without the header (tests, local dev) there is no per-address limit at all.
    for (let i = 0; i < 3; i++) expect((await get(uncachedSummary())).status).toBe(200);
    // (d) The next minute the isolate's allowance starts again.
    vi.setSystemTime(new Date('2031-01-01T10:01:00Z'));
    expect((await get(uncachedSummary(), address)).status).toBe(200);
  });

  it('answers the HTML routes with their own error page, status 429 and Retry-After', async () => {
    atMinute('11:00');
    const address = '203.0.113.11';
    expect((await exhaust(address)).status).toBe(429);
    const pages: [string, string][] = [
      [`/embed/registrations?process=${SLUG}&view=countries&theme=dark`, 'class="embed"'],
      [`/en/dashboard/?process=${SLUG}&country=MX`, 'id="dashboard-root"'],
      [`/es/infografias/?process=${SLUG}&template=modality`, 'data-infographic-error'],
      ['/en/transparencia/', 'id="transparency-traffic"'],
    ];
    for (const [path, marker] of pages) {
      const response = await get(path, address);
      expect(response.status, path).toBe(429);
      expect(response.headers.get('retry-after'), path).toBe('60');
      expect(response.headers.get('content-type'), path).toContain('text/html');
      const html = await response.text();
      expect(html, path).toContain(marker);
      expect(html, path).toContain('wait a minute');
    }
    // The same pages for anyone else.
    for (const [path] of pages) expect((await get(path, '198.51.100.21')).status, path).toBe(200);
  });
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
