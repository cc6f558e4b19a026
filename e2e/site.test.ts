import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CSP, securityHeaders } from '../functions/domain/security-policy.ts';
import { closeSession, openSession, type TestServer } from './support/session.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await openSession());
});

afterAll(() => closeSession(server, browser));

/** Opens a page and records console errors (a CSP violation shows up there). */
async function open(path: string, locale = 'es-MX') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const response = await page.goto(`${server.url}${path}`);
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
    await page.waitForURL(`${server.url}/en/`);
    expect(await page.locator('h1').textContent()).toBe('Vote from abroad');
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${server.url}/es/`);
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
    expect(response?.headers()['content-security-policy']).toBe(ADMIN_CSP);
    expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow');
    // The production editor signs in with the repository host; it starts under its CSP without a violation.
    await page.getByRole('button', { name: /GitHub/ }).waitFor();
    expect(errors).toEqual([]);
    await close();
    const home = await fetch(`${server.url}/es/`);
    expect(home.headers.get('content-security-policy')).toBe(securityHeaders('deny')['Content-Security-Policy']);
    expect(await home.text()).not.toMatch(/\/admin\/|decap/i);
  });
});
