// Page cards as og:image and the infographics page, in Chromium against a real wrangler dev with the demo data.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { useSession } from './support/session.ts';

const session = useSession();

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

/** The page's og:image, fetched from this test's server (the build writes the production host). */
async function ogImage(page: Page): Promise<{ url: URL; response: Response }> {
  const content = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(content).toBeTruthy();
  const url = new URL(content ?? '');
  const response = await fetch(`${session.server.url}${url.pathname}${url.search}`);
  return { url, response };
}

describe('page cards', () => {
  it("a guide's og:image is its card: a 1200x630 PNG with the guide's own title", async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/es/`);
    const home = await ogImage(page);
    expect(home.url.searchParams.get('page')).toBe('/es/');
    expect(home.response.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await home.response.arrayBuffer()))).toEqual([1200, 630]);
    expect(await page.locator('meta[name="twitter:card"]').getAttribute('content')).toBe('summary_large_image');

    await page.goto(`${session.server.url}/en/guias/`);
    const guide = await page.locator('main a[href^="/en/guias/"]').first().getAttribute('href');
    expect(guide).toMatch(/^\/en\/guias\/[a-z0-9-]+\/$/);
    await page.goto(`${session.server.url}${guide}`);
    const title = (await page.locator('h1').first().textContent())?.trim() ?? '';
    const card = await ogImage(page);
    expect(card.url.searchParams.get('page')).toBe(guide);
    expect(card.response.status).toBe(200);
    expect(pngSize(new Uint8Array(await card.response.arrayBuffer()))).toEqual([1200, 630]);
    const described = (await (
      await fetch(`${session.server.url}/api/v1/infographics/page-card.json?page=${guide}`)
    ).json()) as { alt: { en: string } };
    expect(described.alt.en).toContain(title);
    await context.close();
  });
});

describe('infographics page', () => {
  it('shows the chosen image, its download link and its alt text without JavaScript', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/es/infografias/`);
    await page.selectOption('select[name="template"]', 'modality');
    await page.selectOption('select[name="process"]', 'pel-2020-2021');
    await page.selectOption('select[name="size"]', 'square');
    await page.click('form[data-infographic-builder] button[type="submit"]');
    await page.waitForURL(/template=modality/);
    const img = page.locator('img[data-preview]');
    expect(await img.getAttribute('src')).toContain('/api/v1/infographics/modality.png?process=pel-2020-2021');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1080);
    expect(await page.locator('textarea[data-alt]').inputValue()).toContain('Postal: 2,930 (44.6%)');
    expect(await img.getAttribute('alt')).toContain('Por internet: 3,644 (55.4%)');
    expect(await page.locator('a[data-download-png]').getAttribute('href')).toContain('size=square');
    expect(await page.locator('select[name="template"] option[selected]').getAttribute('value')).toBe('modality');
    await page.goto(`${session.server.url}/es/infografias/?template=top-countries&entity=99`);
    expect(await page.locator('[data-infographic-error]').textContent()).toContain('entity');
    await context.close();
  });

  it('updates image, alt text and URL as fields change, and downloads the PNG', async () => {
    const context = await session.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en/infografias/?process=pel-2020-2021`);
    await page.selectOption('select[name="template"]', 'top-countries');
    await page.waitForURL(/template=top-countries/);
    expect(await page.locator('select[name="country"]').isDisabled()).toBe(true);
    await expect
      .poll(() => page.locator('textarea[data-alt]').inputValue())
      .toContain('United States of America: 5,182');
    await page.selectOption('select[name="lang"]', 'es');
    await expect.poll(() => page.locator('textarea[data-alt]').inputValue()).toContain('Estados Unidos: 5,182');
    const img = page.locator('img[data-preview]');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1200);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-download-png]')]);
    expect(download.suggestedFilename()).toMatch(/^voto-top-countries-pel-2020-2021-es-og.*\.png$/);
    await context.close();
  });

  it('has no accessibility violations', async () => {
    const context = await session.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/es/infografias/', '/en/infografias/?template=deadline&size=story']) {
      await page.goto(`${session.server.url}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
