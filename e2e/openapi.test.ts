// The API description as partners and scripts meet it: /api/v1/openapi.json is a valid OpenAPI 3.1 document
// (checked by a maintained validator) naming every route of the contract that exists, and /es/api/ and
// /en/api/ draw it for people in Chromium, in their language, without a single request leaving the site.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/local-env.ts';
import { useSession } from './support/session.ts';

// The public contract itself, never a copy: `shared/` sits beside the repository (in CI too).
const CONTRACT = join(ROOT, '../shared/contracts/API.md');

// Routes the contract names for issues still open, each with its issue; a route leaves this list when it lands
// (the test fails while a built route is still listed, and for any other contract route that is missing).
const NOT_BUILT_YET: { route: string; issue: number }[] = [];

const session = useSession();

async function openapi(): Promise<{ openapi: string; paths: Record<string, Record<string, unknown>> }> {
  const response = await fetch(`${session.server.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
}

/** `METHOD /path` with every `{parameter}` as `{}`: the contract writes `{process}` where the document has `{slug}`. */
const shape = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{\w+\}/g, '{}')}`;

/** Every route the contract names as `METHOD /path` (in backticks), plus the paths it names in prose. */
async function contractRoutes(): Promise<string[]> {
  if (!existsSync(CONTRACT))
    throw new Error(`The public contract is missing: expected ${CONTRACT} (the shared/ folder beside the repository).`);
  const contract = await readFile(CONTRACT, 'utf8');
  const named = [...contract.matchAll(/`(GET|POST|PUT|DELETE|PATCH) (\/[^`?\s]*)/g)].map(([, method, path]) =>
    shape(method ?? '', path ?? ''),
  );
  // Named only in prose: the short verification link and the key set.
  for (const path of ['/v/{code}', '/.well-known/voto-extranjero-keys.json'])
    if (contract.includes(path)) named.push(shape('GET', path));
  return [...new Set(named)];
}

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await openapi();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route of the contract that exists today', async () => {
    const named = await contractRoutes();
    expect(named.length).toBeGreaterThan(20);
    // The list of routes not built yet names only routes of the contract.
    expect(NOT_BUILT_YET.map(({ route }) => route).filter((route) => !named.includes(route))).toEqual([]);
    const { paths } = await openapi();
    // The document's paths are relative to its server, `/api/v1`.
    const described = new Set(
      Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => shape(m, `/api/v1${path}`))),
    );
    // `/infographics/{template}.png` and `/registrations/{process}/views/{view}.csv` are one `{file}` route each.
    const isDescribed = (route: string) =>
      described.has(route) || described.has(route.replace(/\/\{?[\w-]*\}?\.(png|svg|json|csv|zip|xlsx)$/, '/{}'));
    const pending = new Set(NOT_BUILT_YET.map(({ route }) => route));
    const api = named.filter((route) => route.split(' ')[1]?.startsWith('/api/v1/'));
    expect(api.filter((route) => !pending.has(route) && !isDescribed(route))).toEqual([]);
    // A route that has landed leaves the list, so the list always says what is really missing.
    expect(api.filter((route) => pending.has(route) && isDescribed(route))).toEqual([]);
    // Routes outside /api/v1 are not in the document: each one built answers something other than 404.
    for (const route of named.filter((r) => !r.split(' ')[1]?.startsWith('/api/v1/') && !pending.has(r))) {
      const response = await fetch(`${session.server.url}${route.split(' ')[1]}`, { redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, route).not.toBe(404);
    }
  });
});

describe('the API page', () => {
  for (const [lang, heading, link] of [
    ['es', 'API de Voto Extranjero', 'Descarga el documento OpenAPI (JSON)'],
    ['en', 'Voto Extranjero API', 'Download the OpenAPI document (JSON)'],
  ] as const) {
    it(`draws the reference in ${lang} from this site alone`, async () => {
      const page = await session.browser.newPage();
      const elsewhere: string[] = [];
      const origin = new URL(session.server.url).origin;
      page.on('request', (request) => {
        if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) elsewhere.push(request.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const response = await page.goto(`${session.server.url}/${lang}/api/`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').first().textContent()).toBe(heading);
      expect(await page.locator('a[href="/api/v1/openapi.json"]').textContent()).toBe(link);
      // Scalar has read the document: the first group's operations and every tag are on the page.
      await page.getByText('Create, replace or publish an electoral process').first().waitFor({ timeout: 30_000 });
      for (const tag of ['Registrations', 'Infographics', 'Metrics']) {
        expect(await page.getByText(tag, { exact: true }).count(), tag).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
      expect(elsewhere).toEqual([]);
      await page.close();
    });
  }

  it('says how to read the document without JavaScript', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/es/api/`);
    expect(await page.locator('a[href="/api/v1/openapi.json"]').count()).toBe(1);
    expect(await page.content()).toContain('La referencia interactiva necesita JavaScript');
    await context.close();
  });
});
