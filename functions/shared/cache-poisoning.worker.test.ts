// Issue 29 item 4: a cached page or answer is built from, and named by, the parameters its schema accepts.
// A request that adds `ref`, `utm_*` or unknown parameters must get the clean request's bytes, and must not
// leave its values in the cache entry the next clean visitor receives.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';

const SLUG = 'poison';
const POISON = 'ref=evil-ref&utm_source=evil-source&foo=%3Cscript%3Eevil()%3C%2Fscript%3E';

/** A request whose background work (the cache write) has finished when it returns, so the next one sees it. */
async function settled(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://voto.test${path}`) as never, testEnv as never, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

beforeAll(async () => {
  const auth = await createProcess(SLUG);
  expect((await postBatch(SLUG, csv([row('P1'), row('P2', { country: 'CA' })]), auth)).status).toBe(200);
  const cut = await call(`/api/v1/registrations/${SLUG}/cuts`, {
    method: 'POST',
    headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
    body: JSON.stringify({ date: '2023-10-15' }),
  });
  expect(cut.status).toBe(201);
});

const CACHED = [
  `/es/dashboard/?process=${SLUG}`,
  `/en/dashboard/?process=${SLUG}&cut=2023-10-15`,
  `/embed/registrations?process=${SLUG}&view=countries`,
  `/embed/registrations?process=${SLUG}&cut=2023-10-15&lang=en`,
  `/api/v1/registrations/${SLUG}/summary?scope=received`,
  `/api/v1/registrations/${SLUG}/views/countries.csv?lang=en`,
  `/api/v1/infographics/registrations-total.json?process=${SLUG}`,
];

describe('cached answers ignore parameters outside their schema', () => {
  for (const path of CACHED) {
    it(`${path}: a poisoned request first, then the clean one from the same entry, same bytes`, async () => {
      const poisoned = await settled(`${path}${path.includes('?') ? '&' : '?'}${POISON}`);
      expect(poisoned.status, path).toBe(200);
      expect(poisoned.headers.get('server-timing'), path).toContain('cache;desc="miss"');
      const poisonedBody = await poisoned.text();
      expect(poisonedBody, path).not.toContain('evil');
      expect(poisonedBody, path).not.toContain('utm_source');

      const clean = await call(path);
      expect(clean.status, path).toBe(200);
      expect(clean.headers.get('server-timing'), path).toContain('cache;desc="hit"');
      expect(clean.headers.get('etag'), path).toBe(poisoned.headers.get('etag'));
      expect(await clean.text(), path).toBe(poisonedBody);
    });
  }

  it('an image never draws a free-text parameter: the same bytes as without it', async () => {
    const path = `/api/v1/infographics/registrations-total.svg?process=${SLUG}&lang=en`;
    const clean = await settled(path);
    expect(clean.status).toBe(200);
    const titled = await call(`${path}&title=Vote%20for%20me`);
    expect(titled.status).toBe(200);
    expect(titled.headers.get('server-timing')).toContain('cache;desc="hit"');
    const body = await titled.text();
    expect(body).not.toContain('Vote for me');
    expect(body).toBe(await clean.text());
  });

  it("a dashboard cut's live link names only validated filters", async () => {
    const html = await (await call(`/es/dashboard/?process=${SLUG}&cut=2023-10-15&scope=cumple&${POISON}`)).text();
    expect(html).toContain(`href="/es/dashboard/?process=${SLUG}&amp;scope=cumple"`);
  });
});
