import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.ts';

const session = useSession();

// The expected policies, written out here rather than imported from the module that sets them: a change to either
// must be a deliberate change to this test too.
const PUBLIC_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const EDITOR_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com; " +
  "font-src 'self' data:; connect-src 'self' blob: data: https://api.github.com https://raw.githubusercontent.com; " +
  "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; " +
  "frame-ancestors 'none'";

/** Opens a page and records console errors (a CSP violation shows up there). */
async function open(path: string, locale = 'es-MX') {
  const context = await session.browser.newContext({ locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const response = await page.goto(`${session.server.url}${path}`);
  return { page, response, errors, close: () => context.close() };
}

describe('site in a real browser', () => {
  it('renders the home page in Spanish and in English', async () => {
    for (const [lang, heading] of [
      ['es', 'Vota desde el extranjero'],
      ['en', 'Vote from abroad'],
    ] as const) {
      const { page, response, errors, close } = await open(`/${lang}/`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toMatch(new RegExp(`^${lang}`));
      expect(await page.locator('h1').textContent()).toBe(heading);
      expect(await page.locator('ol.steps > li').count()).toBe(3);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('sends / to the language the browser asks for', async () => {
    const english = await open('/', 'en-GB');
    expect(new URL(english.page.url()).pathname).toBe('/en/');
    await english.close();
    const spanish = await open('/', 'es-MX');
    expect(new URL(spanish.page.url()).pathname).toBe('/es/');
    await spanish.close();
  });

  it('switches language to the same page in the other language', async () => {
    const { page, close } = await open('/es/');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${session.server.url}/en/`);
    expect(await page.locator('h1').textContent()).toBe('Vote from abroad');
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${session.server.url}/es/`);
    expect(await page.locator('h1').textContent()).toBe('Vota desde el extranjero');
    await close();
  });

  it('shows the localized 404 for a missing page', async () => {
    for (const [lang, heading] of [
      ['es', 'No encontramos esta página'],
      ['en', 'We could not find this page'],
    ] as const) {
      const { page, response, close } = await open(`/${lang}/no-existe/en/absoluto/`);
      expect(response?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toMatch(new RegExp(`^${lang}`));
      expect(await page.locator('h1').textContent()).toBe(heading);
      await close();
    }
  });

  it('serves the content editor at /admin/ with its own CSP, never indexed, while public pages keep theirs', async () => {
    const { page, response, errors, close } = await open('/admin/');
    expect(response?.headers()['content-security-policy']).toBe(EDITOR_CSP);
    expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow');
    // The production editor signs in with the repository host; it starts under its CSP without a violation.
    await page.getByRole('button', { name: /GitHub/ }).waitFor();
    expect(errors).toEqual([]);
    await close();
    const home = await fetch(`${session.server.url}/es/`);
    expect(home.headers.get('content-security-policy')).toBe(PUBLIC_CSP);
    expect(await home.text()).not.toMatch(/\/admin\/|decap/i);
  });
});
