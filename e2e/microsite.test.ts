import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { eachConcurrently } from './support/concurrently.ts';
import { useSession } from './support/session.ts';

// The dashboard pages in the sitemap render live figures: the shared server has the demo data.
const session = useSession();
/** Requests in flight at once when reading pages without a browser. */
const FETCHES = 8;
let sitemapPaths: string[] = [];
beforeAll(async () => {
  const { server } = session;
  const index = await (await fetch(`${server.url}/sitemap-index.xml`)).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
  for (const sitemap of sitemaps) {
    const xml = await (await fetch(`${server.url}${sitemap}`)).text();
    sitemapPaths.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname));
  }
  sitemapPaths = [...new Set(sitemapPaths)].sort();
});

const INTERNAL = /\s(?:href|src)="(\/[^"#]*)/g;

describe('microsite', () => {
  it('lists every content page in the sitemap with both languages', () => {
    expect(sitemapPaths.length).toBeGreaterThan(100);
    for (const path of [
      '/es/guias/registro-para-votar/',
      '/en/guias/registro-para-votar/',
      '/es/preguntas/',
      '/en/eventos/',
      '/es/que-puedo-votar/ciudad-de-mexico/',
    ]) {
      expect(sitemapPaths).toContain(path);
    }
    expect(sitemapPaths.filter((path) => path.startsWith('/es/guias/')).length).toBeGreaterThanOrEqual(9);
    expect(sitemapPaths.some((path) => path.includes('/staff/'))).toBe(false);
  });

  it('has no broken internal link or asset anywhere on the site', async () => {
    // Pages and targets are read a few at a time (the server is local), each page's links kept in sitemap order so
    // a broken target is reported against the first page that links it.
    const links: string[][] = [];
    await eachConcurrently(Array.from({ length: FETCHES }), [...sitemapPaths.keys()], async (_, index) => {
      const path = sitemapPaths[index] ?? '';
      const response = await fetch(`${session.server.url}${path}`);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toMatch(/<html lang="(es-MX|en)"/);
      links[index] = [...html.matchAll(INTERNAL)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
    });
    const targets = new Map<string, string>();
    sitemapPaths.forEach((path, index) => {
      for (const target of links[index] ?? []) if (!targets.has(target)) targets.set(target, path);
    });
    const broken: string[] = [];
    await eachConcurrently(Array.from({ length: FETCHES }), [...targets], async (_, [target, from]) => {
      const response = await fetch(`${session.server.url}${target}`, { redirect: 'follow' });
      await response.arrayBuffer();
      if (response.status !== 200) broken.push(`${target} (${response.status}) linked from ${from}`);
    });
    expect(broken.sort()).toEqual([]);
    expect(targets.size).toBeGreaterThan(200);
  }, 240_000);

  it('navigates in both languages without JavaScript, and the language switch keeps the page', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/es/`);
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Guías' }).click();
    await page.waitForURL(`${session.server.url}/es/guias/`);
    await page.locator('a[href="/es/guias/revision-y-subsane/"]').click();
    await page.waitForURL(`${session.server.url}/es/guias/revision-y-subsane/`);
    const spanishTitle = await page.locator('h1').textContent();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${session.server.url}/en/guias/revision-y-subsane/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).not.toBe(spanishTitle);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Questions' }).click();
    await page.waitForURL(`${session.server.url}/en/preguntas/`);
    expect(await page.locator('.faq-item').count()).toBeGreaterThanOrEqual(20);
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${session.server.url}/es/preguntas/`);
    await context.close();
  });

  it('ships no JavaScript on any guide, news or event page, in either language, apart from the metrics beacon', async () => {
    const pages = sitemapPaths.filter((p) => /^\/(es|en)\/(guias|noticias|eventos)\/[^/]+\/$/.test(p));
    // Every kind of page in both languages is there, so the check below cannot pass on an empty or one-sided list.
    for (const lang of ['es', 'en'])
      for (const section of ['guias', 'noticias', 'eventos'])
        expect(pages.filter((p) => p.startsWith(`/${lang}/${section}/`)).length, `${lang} ${section}`).toBeGreaterThan(
          0,
        );
    const offending: string[] = [];
    await eachConcurrently(Array.from({ length: FETCHES }), pages, async (_, path) => {
      const html = await (await fetch(`${session.server.url}${path}`)).text();
      // A JSON-LD block (schema.org data for search engines) is a data block the browser never runs.
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => tag !== '<script type="application/ld+json">');
      if (JSON.stringify(scripts) !== JSON.stringify(['<script src="/t.js" defer>']))
        offending.push(`${path}: ${scripts.join(' ')}`);
    });
    expect(offending).toEqual([]);
  }, 60_000);

  it('search finds the guide in each language', async () => {
    for (const [lang, query, expected] of [
      ['es', 'subsane', '/es/guias/revision-y-subsane/'],
      ['en', 'postal ballot', '/en/guias/voto-postal/'],
    ] as const) {
      const context = await session.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${session.server.url}/${lang}/buscar/?q=${encodeURIComponent(query)}`);
      const result = page.locator(`[data-search-results] a[href="${expected}"]`);
      await result.waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-search-status]').textContent()).toMatch(/\d/);
      await context.close();
    }
  });

  it('finder: the picker goes to the state, the credential choice switches the next step', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/es/que-puedo-votar/`);
    await page.getByLabel('Tu estado de origen').selectOption({ label: 'Coahuila' });
    await page.getByRole('button', { name: 'Ver mis elecciones' }).click();
    await page.waitForURL(`${session.server.url}/es/que-puedo-votar/coahuila/`);
    const cards = page.locator('[data-process-phase]');
    expect(await cards.count()).toBe(2);
    expect(await cards.first().textContent()).toContain('Presidencia de la República');
    expect(await cards.nth(1).textContent()).toContain('Gubernatura');
    const visibleStep = async () => (await cards.first().locator('.step-for:visible').allTextContents()).join(' ');
    const withCpve = await visibleStep();
    await page.getByLabel('No tengo credencial vigente').check();
    const withoutCredential = await visibleStep();
    expect(withoutCredential).not.toBe(withCpve);
    expect(withoutCredential).toContain('Tramita tu credencial');
    await context.close();
  });

  it('planner: picking a deadline and a region gives the last safe appointment day', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en/planificador/`);
    await page.getByRole('combobox', { name: 'Election' }).selectOption({ label: 'Another closing date…' });
    await page.getByLabel('Registration closing date').fill('2030-03-15');
    await page.getByLabel('Where you live').selectOption('rest-of-world');
    const result = page.locator('[data-planner-result]');
    await expect
      .poll(() => result.textContent())
      .toContain('Last safe day for your consulate appointment: January 16, 2030');
    expect(await page.getByLabel('Weeks the delivery takes').inputValue()).toBe('7');
    await context.close();
  });

  it('calendar files download as text/calendar and parse, in the reader’s language', async () => {
    for (const [lang, summary] of [
      ['es', 'Cierra el registro'],
      ['en', 'Registration to vote from abroad closes'],
    ] as const) {
      const response = await fetch(`${session.server.url}/${lang}/procesos/pef-2023-2024/09.ics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
      const close = events.find((event) => event.summary.startsWith(summary));
      expect(close?.startDate.toString()).toBe('2024-02-20');
      expect(events.find((event) => event.startDate.toString() === '2024-06-02')).toBeTruthy();
      expect(close?.description).toContain(lang === 'es' ? 'Jefatura de Gobierno' : 'Head of Government');
    }
  });

  it('publishes RSS per language and canonical, hreflang and Open Graph tags on every page', async () => {
    for (const lang of ['es', 'en']) {
      const rss = await (await fetch(`${session.server.url}/${lang}/rss.xml`)).text();
      expect(rss).toContain('<rss');
      expect((rss.match(/<item>/g) ?? []).length).toBeGreaterThanOrEqual(10);
    }
    const html = await (await fetch(`${session.server.url}/en/guias/voto-postal/`)).text();
    expect(html).toMatch(/<link rel="canonical" href="[^"]*\/en\/guias\/voto-postal\/"/);
    expect(html).toMatch(/hreflang="es" href="[^"]*\/es\/guias\/voto-postal\/"/);
    expect(html).toMatch(/<meta property="og:title" content="[^"]+"/);
    expect(html).toMatch(/<meta property="og:image" content="[^"]*page-card/);
  });
});
