// Issue 32 item 2: a cached answer kept in the isolate's memory is the edge copy's bytes under the miss's headers
// (security headers included), and a new data version is never served from it.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';
import { frontAnswer } from './front-answers.ts';

const SLUG = 'hot';
let auth: { authorization: string };

async function settled(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://voto.test${path}`, { headers });
  const response = await worker.fetch(request as never, testEnv as never, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

// Every header but the timing, which says hit or miss.
const headersOf = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name !== 'server-timing'));

beforeAll(async () => {
  auth = await createProcess(SLUG);
  expect((await postBatch(SLUG, csv([row('H1'), row('H2', { country: 'CA' })]), auth)).status).toBe(200);
});

describe('answers kept in memory', () => {
  for (const path of [
    `/api/v1/registrations/${SLUG}/summary`,
    `/embed/registrations?process=${SLUG}&view=countries`,
    `/api/v1/infographics/registrations-total.json?process=${SLUG}`,
  ]) {
    it(`${path}: hits send the miss's bytes and headers, the security headers among them`, async () => {
      const miss = await settled(path);
      expect(miss.headers.get('server-timing')).toContain('cache;desc="miss"');
      const body = await miss.text();
      for (let i = 0; i < 2; i++) {
        const hit = await settled(path);
        expect(hit.headers.get('server-timing')).toContain('cache;desc="hit"');
        expect(headersOf(hit)).toEqual(headersOf(miss));
        expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
        expect(hit.headers.get('content-security-policy')).toContain('frame-ancestors');
        expect(await hit.text()).toBe(body);
      }
    });
  }

  it('serves a new data version as a miss with the new figures, never the kept answer', async () => {
    const path = `/api/v1/registrations/${SLUG}/summary`;
    const before = (await (await settled(path)).json()) as { total: number };
    expect((await postBatch(SLUG, csv([row('H3'), row('H4')]), auth)).status).toBe(200);
    const after = await settled(path);
    expect(after.headers.get('server-timing')).toContain('cache;desc="miss"');
    expect(((await after.json()) as { total: number }).total).toBe(before.total + 2);
  });
});

// A repeat answered before routing says only the cache entries; a routed one also has the Worker's total.
const FRONT_TIMING = 'cache;desc="hit", d1;desc="rows_read=0"';

describe('repeats answered before routing', () => {
  const path = `/api/v1/registrations/${SLUG}/summary?country=CA`;

  it("sends the routed answer's bytes and headers, CORS and security headers among them", async () => {
    const routed = await settled(path);
    const body = await routed.text();
    const repeat = await settled(path);
    expect(repeat.headers.get('server-timing')).toBe(FRONT_TIMING);
    expect(headersOf(repeat)).toEqual(headersOf(routed));
    expect(repeat.headers.get('access-control-allow-origin')).toBe('*');
    expect(repeat.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(repeat.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await repeat.text()).toBe(body);
  });

  it('keeps a URL for a second only', async () => {
    await settled(path);
    const request = new Request(`https://voto.test${path}`);
    expect(frontAnswer(request)).toBeInstanceOf(Response);
    expect(frontAnswer(request, Date.now() + 1_000)).toBeUndefined();
  });

  it('still refuses an invalid query, and routes a request with a validator (304)', async () => {
    expect((await settled(`/api/v1/registrations/${SLUG}/summary?country=Canada`)).status).toBe(422);
    const etag = (await settled(path)).headers.get('etag') as string;
    expect((await settled(path, { 'if-none-match': etag })).status).toBe(304);
  });

  it('routes a credentialed request: staff who can see a rehearsal get a private answer, never the kept one', async () => {
    await createProcess(`${SLUG}-ensayo`, { ...PROCESS_BODY, published: false });
    await settled(path);
    expect((await settled(path)).headers.get('server-timing')).toBe(FRONT_TIMING);
    const staff = await settled(path, await bearer('staff'));
    expect(staff.status).toBe(200);
    expect(staff.headers.get('cache-control')).toBe('private, no-store');
    expect(staff.headers.get('server-timing')).toContain('cache;desc="private"');
  });

  it('forgets every kept URL when this isolate writes new figures', async () => {
    const before = (await (await settled(path)).json()) as { total: number };
    expect((await postBatch(SLUG, csv([row('H5', { country: 'CA' })]), auth)).status).toBe(200);
    const after = await settled(path);
    expect(after.headers.get('server-timing')).toContain('cache;desc="miss"');
    expect(((await after.json()) as { total: number }).total).toBe(before.total + 1);
  });
});
