// A real page in Chromium sends a page view, a register click and a download; after the real local
// queue delivers them, they appear in the staff report.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../scripts/token.ts';
import { beaconAccepted } from './support/beacon.ts';
import { closeSession, openSession, type TestServer } from './support/session.ts';

// A person's browser: the headless marker in the default user agent is, rightly, dropped as a bot.
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

let server: TestServer;
let browser: Browser;
let staff: string;

beforeAll(async () => {
  ({ server, browser } = await openSession({ demoData: true }));
  staff = await createToken('staff', 'e2e', server.persistTo);
}, 180_000);

afterAll(() => closeSession(server, browser));

describe('metrics from a real page', () => {
  it('counts a page view, a register click and a download in the staff report', async () => {
    const context = await browser.newContext({ userAgent: USER_AGENT, acceptDownloads: true });
    const page = await context.newPage();
    await page.route('https://votoextranjero.ine.mx/**', (route) =>
      route.fulfill({ status: 200, body: 'official site' }),
    );
    await page.goto(`${server.url}/es/?utm_source=facebook&utm_medium=social&utm_campaign=registro`);
    await page.getByRole('link', { name: 'Regístrate en el sitio oficial del INE' }).click();
    await page.goto(`${server.url}/es/dashboard/?process=pel-2020-2021`);
    const link = page.locator('a[download]').first();
    // The page names what a reader downloads (data-download); the counter stores that name.
    const asset = await link.getAttribute('data-download');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      beaconAccepted(page, 'download'),
      link.click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await context.close();

    const day = new Date().toISOString().slice(0, 10);
    const read = async () => {
      const response = await fetch(`${server.url}/api/v1/metrics/summary?from=${day}&to=${day}`, {
        headers: { authorization: `Bearer ${staff}` },
      });
      return (await response.json()) as {
        events: Record<string, number>;
        campaigns: { source: string }[];
        downloads: { asset: string }[];
        visitors: number;
      };
    };
    await expect
      .poll(async () => (await read()).events, { timeout: 20_000, interval: 500 })
      .toMatchObject({ pageview: 2, cta_click: 1, download: 1 });
    const report = await read();
    expect(report.visitors).toBe(1);
    // One browser is one network: a new campaign waits under (other) until a second network sends it
    // (admission by breadth, functions/metrics/metrics-hostile.worker.test.ts shows it admitted).
    expect(report.campaigns).toEqual([expect.objectContaining({ source: '(other)', visits: 1 })]);
    expect(asset).toMatch(/^pel-2020-2021-[a-z-]+\.csv$/);
    expect(report.downloads[0]?.asset).toBe(asset);
  });
});
