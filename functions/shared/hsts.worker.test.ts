// HSTS (and the rest of the security headers) on every answer the Worker gives: every mounted API route as an
// anonymous client meets it (mostly 401, 404 and 422), the successful answers of each kind (JSON, CSV, PNG, SVG,
// HTML pages, embeds, the OpenAPI document, 204, 304, edge-cache hits), the error pages and the static files
// the Worker hands to Workers Static Assets. A route added to the API router is walked without editing this.
import { describe, expect, it } from 'vitest';
import { bearer, call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import { apiRoutes } from '../api.ts';

const mounted = [...new Set(apiRoutes.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];

function expectHsts(response: Response, what: string): void {
  expect(response.headers.get('strict-transport-security'), what).toBe('max-age=63072000; includeSubDomains');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
}

async function expectHstsOn(path: string, init: RequestInit = {}, status?: number): Promise<Response> {
  const response = await call(path, init);
  const what = `${init.method ?? 'GET'} ${path} (${response.status})`;
  if (status !== undefined) expect(response.status, what).toBe(status);
  expectHsts(response, what);
  await response.arrayBuffer();
  return response;
}

describe('Strict-Transport-Security', () => {
  it('is on the answer of every API route to an anonymous client, whatever its status', async () => {
    expect(mounted.length).toBeGreaterThan(15);
    for (const route of mounted) {
      const [method = 'GET', pattern = ''] = route.split(' ');
      const path = `/api/v1${pattern.replace(/:\w+/g, 'x')}`;
      const body = method === 'GET' || method === 'HEAD' ? undefined : '{';
      await expectHstsOn(path, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
    }
  });

  it('is on successful answers of every kind, 304s and edge-cache hits', async () => {
    const auth = await createProcess('hsts');
    await postBatch('hsts', csv([row('H1'), row('H2', { country: 'CA', status: 'cumple' })]), auth);
    const admin = await bearer('admin');
    await expectHstsOn('/api/v1/health', {}, 200);
    await expectHstsOn('/api/v1/health', { headers: admin }, 200);
    await expectHstsOn('/api/v1/ping', {}, 204);
    await expectHstsOn('/api/v1/openapi.json', {}, 200);
    await expectHstsOn('/api/v1/processes', {}, 200);
    await expectHstsOn('/api/v1/processes/hsts', {}, 200);
    await expectHstsOn('/api/v1/infographics', {}, 200);
    await expectHstsOn('/api/v1/metrics/public', {}, 200);
    await expectHstsOn('/api/v1/registrations/hsts/countries.csv', {}, 200);
    await expectHstsOn('/api/v1/registrations/hsts/views/modality.csv', {}, 200);
    await expectHstsOn('/api/v1/infographics/registrations-total.svg?process=hsts', {}, 200);
    const png = await expectHstsOn('/api/v1/infographics/registrations-total.png?process=hsts&size=og', {}, 200);
    expect(png.headers.get('content-type')).toBe('image/png');
    // The second read of a figure comes from the edge cache; the third revalidates with its ETag.
    const summary = '/api/v1/registrations/hsts/summary';
    await expectHstsOn(summary, {}, 200);
    const hit = await expectHstsOn(summary, {}, 200);
    expect(hit.headers.get('server-timing')).toContain('cache;desc="hit"');
    await expectHstsOn(summary, { headers: { 'if-none-match': hit.headers.get('etag') ?? '' } }, 304);
    const embed = await expectHstsOn('/embed/registrations?process=hsts&lang=en', {}, 200);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    await expectHstsOn(
      '/embed/registrations?process=hsts&lang=en',
      { headers: { 'if-none-match': embed.headers.get('etag') ?? '' } },
      304,
    );
    await expectHstsOn('/embed/dashboard.css', {}, 200);
    await expectHstsOn('/es/dashboard/?process=hsts', {}, 200);
    await expectHstsOn('/en/infografias/', {}, 200);
    await expectHstsOn('/es/transparencia/', {}, 200);
    await expectHstsOn('/', { redirect: 'manual' }, 302);
    await expectHstsOn('/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ name: 'pageview', url: 'https://voto.test/es/' }),
    });
    await expectHstsOn('/api/v1/processes', {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET' },
    });
  });

  it('is on JSON errors, HTML error pages and static files', async () => {
    await expectHstsOn('/api/v1/nope', {}, 404);
    await expectHstsOn('/api/v2/health', {}, 404);
    await expectHstsOn('/api/v1/health', { headers: { authorization: 'Bearer nonsense' } }, 401);
    await expectHstsOn('/api/v1/health', { headers: await bearer('staff') }, 403);
    await expectHstsOn('/api/v1/registrations/hsts/summary?scope=nope', {}, 422);
    await expectHstsOn('/embed/registrations?view=pie&lang=en', {}, 422);
    await expectHstsOn('/embed/registrations?process=nope-nope', {}, 404);
    await expectHstsOn('/es/dashboard/?process=nope-nope', {});
    // Paths the Worker runs first but hands to Workers Static Assets: a page, and the 404 page.
    await expectHstsOn('/es/dashboard/nope/', {});
    await expectHstsOn('/embed/frame.js', {});
  });
});
