// The API description as partners and scripts meet it: /api/v1/openapi.json is a valid OpenAPI 3.1 document
// (checked by a maintained validator) naming every route of the contract that exists, and /es/api/ and
// /en/api/ draw it for people in Chromium, in their language, without a single request leaving the site.
import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.ts';

// Routes the contract names for issues still open; each leaves this list when its issue lands.
const NOT_BUILT_YET = [
  /\/outreach\//, // issue 17
];

const session = useSession();

async function openapi(): Promise<{ openapi: string; paths: Record<string, Record<string, unknown>> }> {
  const response = await fetch(`${session.server.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
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
    const contract = await readFile(new URL('../../shared/contracts/API.md', import.meta.url), 'utf8');
    const named = [...contract.matchAll(/`(GET|POST|PUT|DELETE|PATCH) \/api\/v1(\/[^`?\s]*)/g)].map(
      ([, method, path]) => ({
        method: (method ?? '').toLowerCase(),
        path: (path ?? '').replace(/\{(\w+)\}\.(csv|zip|xlsx|png)$/, '{$1}.$2'),
      }),
    );
    expect(named.length).toBeGreaterThan(10);
    const { paths } = await openapi();
    // The contract writes `{process}` where the document may name the parameter differently (`{slug}`).
    const shape = (path: string) => path.replace(/\{\w+\}/g, '{}');
    const described = new Set(
      Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${shape(path)}`)),
    );
    const missing = named
      .filter(({ path }) => !NOT_BUILT_YET.some((pattern) => pattern.test(path)))
      .filter(({ method, path }) => {
        const exact = described.has(`${method} ${shape(path)}`);
        // `/infographics/{template}.png` and `/registrations/{process}/views/{view}.csv` are one `{file}` route each.
        const asFile = described.has(
          `${method} ${shape(path.replace(/\/\{?[\w-]+\}?\.(png|svg|json|csv|zip)$/, '/{file}'))}`,
        );
        return !exact && !asFile;
      });
    expect(missing).toEqual([]);
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
      await page.getByText('Create or replace an electoral process').first().waitFor({ timeout: 30_000 });
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
