// Issue 32 item 2: a cached answer kept in the isolate's memory is the edge copy's bytes under the miss's headers
// (security headers included), and a new data version is never served from it.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';

const SLUG = 'hot';
let auth: { authorization: string };

async function settled(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://voto.test${path}`) as never, testEnv as never, ctx);
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
