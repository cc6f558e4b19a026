// The partner page and the transparency page in Chromium: a visit that came with ?ref= and its register
// click show up for the partner (token typed in, never in the URL, CSV downloaded), and the public
// figures are on the transparency page with JavaScript off. Both pages pass axe in both languages.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../scripts/token.ts';
import { axeViolations } from './support/axe.ts';
import { closeSession, openSession, type TestServer } from './support/session.ts';

// A person's browser: the headless marker in the default user agent is, rightly, dropped as a bot.
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

let server: TestServer;
let browser: Browser;
let partner: string;
let staff: string;
const day = new Date().toISOString().slice(0, 10);

async function summary(): Promise<{ events: Record<string, number> }> {
  const response = await fetch(`${server.url}/api/v1/metrics/summary?from=${day}&to=${day}`, {
    headers: { authorization: `Bearer ${staff}` },
  });
  return (await response.json()) as { events: Record<string, number> };
}

beforeAll(async () => {
  ({ server, browser } = await openSession());
  partner = await createToken('partner', 'Club de Migrantes', server.persistTo, 'CLUBE2E');
  staff = await createToken('staff', 'e2e', server.persistTo);
}, 180_000);

afterAll(() => closeSession(server, browser));

describe('partner page', () => {
  it('shows the visits and register clicks a referral code brought, by day, with a CSV', async () => {
    const visitor = await browser.newContext({ userAgent: USER_AGENT });
    const page = await visitor.newPage();
    await page.route('https://votoextranjero.ine.mx/**', (route) =>
      route.fulfill({ status: 200, body: 'official site' }),
    );
    await page.goto(`${server.url}/es/?ref=CLUBE2E`);
    // The click leaves the site, so its beacon goes out as the page unloads, where the browser may not report the
    // response: keep the visitor open until the staff summary counts the click (the state the test is about).
    await page.locator('a[data-track="register"]').first().click();
    await expect.poll(async () => (await summary()).events.cta_click, { timeout: 20_000, interval: 500 }).toBe(1);
    await visitor.close();

    const context = await browser.newContext({ userAgent: USER_AGENT, acceptDownloads: true });
    const panel = await context.newPage();
    await panel.goto(`${server.url}/es/aliados/panel/`);
    expect(await axeViolations(panel)).toEqual([]);
    await panel.getByLabel('Token de tu organización').fill(partner);
    await panel.getByRole('button', { name: 'Ver cifras' }).click();
    const table = panel.locator('#partner-report table');
    await expect.poll(() => table.count(), { timeout: 10_000 }).toBe(1);
    expect(panel.url()).not.toContain(partner);
    const today = table.locator('tr', { hasText: day });
    expect(await today.locator('td').allTextContents()).toEqual([day, '1', '1', '1']);
    expect(await panel.locator('#partner-report').textContent()).toContain('?ref=CLUBE2E');
    expect(await axeViolations(panel)).toEqual([]);
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Descargar CSV por día' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('date,visits,visitors,register_clicks');
    expect(csv).toContain(`${day},1,1,1`);

    await panel.goto(`${server.url}/en/aliados/panel/`);
    await panel.getByLabel("Your organization's token").fill('not-a-token');
    await panel.getByRole('button', { name: 'Show figures' }).click();
    await expect.poll(() => panel.getByRole('alert').count(), { timeout: 10_000 }).toBe(1);
    expect(await panel.getByRole('alert').textContent()).toContain('The figures could not be read');
    expect(await axeViolations(panel)).toEqual([]);
    await context.close();
  });
});

describe('staff page', () => {
  it('shows every report table with its CSV, the guide conversion and the countries chart', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/en/staff/`);
    await page.getByLabel('Staff token').fill(staff);
    await page.getByRole('button', { name: 'Show metrics' }).click();
    await expect.poll(() => page.locator('#staff-report table').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    const captions = await page.locator('#staff-report caption').allTextContents();
    for (const table of ['daily', 'pages', 'countries', 'languages', 'referrals']) {
      expect(
        captions.some((c) => c.startsWith(table)),
        table,
      ).toBe(true);
    }
    expect(await page.locator('#staff-report button[data-csv]').count()).toBe(captions.length);
    expect(await page.getByRole('img', { name: 'Events by country' }).count()).toBe(1);
    expect(await page.locator('#staff-report').textContent()).toContain('Conversion from the guides');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('transparency page', () => {
  it('explains what is counted and shows the public figures without JavaScript', async () => {
    // Twelve visitors (distinct addresses) so the totals pass the publication threshold of 10.
    const before = (await summary()).events.pageview ?? 0;
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': USER_AGENT, 'cf-connecting-ip': `192.0.2.${i + 1}` },
        body: JSON.stringify({ name: 'pageview', url: `${server.url}/es/`, referrer: null }),
      });
      expect(response.status).toBe(202);
    }
    await expect
      .poll(async () => (await summary()).events.pageview, { timeout: 20_000, interval: 500 })
      .toBeGreaterThanOrEqual(before + 12);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const [lang, heading, pages] of [
      ['es', 'Qué nunca guardamos', 'Páginas más vistas'],
      ['en', 'What we never keep', 'Most viewed pages'],
    ] as const) {
      const response = await page.goto(`${server.url}/${lang}/transparencia/`);
      expect(response?.status()).toBe(200);
      expect(await page.getByRole('heading', { name: heading }).count()).toBe(1);
      const table = page.locator('#transparency-traffic table', { hasText: pages });
      expect(await table.count()).toBe(1);
      const row = await table.locator('tr', { hasText: '/es/' }).first().locator('td').allTextContents();
      // Published rounded down to tens (rule 4), so the twelve views show as at least 10, a multiple of 10.
      const views = Number(row[1]?.replace(/\D/g, ''));
      expect(views).toBeGreaterThanOrEqual(10);
      expect(views % 10).toBe(0);
      expect(await page.locator('#transparency-traffic .kpis strong').first().textContent()).toMatch(/^\d/);
      // axe runs as a script, so the same page is checked in a browser with JavaScript on.
      const checker = await browser.newPage();
      await checker.goto(`${server.url}/${lang}/transparencia/`);
      expect(await axeViolations(checker), lang).toEqual([]);
      await checker.close();
    }
    await context.close();
  });
});
