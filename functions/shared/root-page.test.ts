import { describe, expect, it } from 'vitest';
import { rootRoutes } from './root-page.ts';

/** Where `/` sends a browser with this `Accept-Language` (hono/language negotiates; these are our cases). */
async function target(header: string | null): Promise<string | null> {
  const headers: Record<string, string> = header === null ? {} : { 'accept-language': header };
  const response = await rootRoutes.request('/?utm_source=x', { headers });
  expect(response.status).toBe(302);
  return response.headers.get('location');
}

describe('the language redirect of /', () => {
  it.each([
    [null, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['EN-us', 'en'],
    ['es-MX,es;q=0.9,en-US;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-CA,fr;q=0.9,en;q=0.3,es;q=0.2', 'en'],
    ['es;q=0.2,en;q=0.8', 'en'],
    ['en;q=0, es;q=0.1', 'es'],
    ['de', 'es'],
    ['*', 'es'],
    // Malformed weights: hono/language reads them as the default weight, so the first language wins.
    ['en;q=abc,es;q=2', 'en'],
    [';;;,,,q=', 'es'],
    ['en, es', 'en'],
    ['es, en', 'es'],
  ])('%j → /%s/', async (header, lang) => {
    expect(await target(header)).toBe(`/${lang}/?utm_source=x`);
  });

  it('sets no cookie and varies on the header', async () => {
    const response = await rootRoutes.request('/', { headers: { 'accept-language': 'en' } });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('vary')).toContain('Accept-Language');
  });
});
