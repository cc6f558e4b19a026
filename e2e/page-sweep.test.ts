// Every page, loaded once (a load is most of what a browser test costs), checked for two things:
// - phones first (WCAG 1.4.10 Reflow): every sitemap page, each dashboard and each embed view of the demo processes,
//   in Chromium emulating a phone at 320 and 390 px, never scrolls sideways, draws no chart text under 12 px on
//   screen, and gives every list link and form control a 44 × 44 px target (WCAG 2.5.5). Links inside running text
//   are left out: they are inline targets, which the rule exempts;
// - no axe-core violation (WCAG 2.2 A/AA and best practices) on any page of the sitemap, audited at a desktop width
//   after the phone widths. Other files leave their pages' axe audit to this sweep (ACCESSIBILITY_PAGES).
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROCESS_SLUGS } from '../db/seed/published.ts';
import { VIEWS } from '../functions/domain/views.ts';
import { axeViolations, preloadAxe } from './support/axe.ts';
import { eachConcurrently } from './support/concurrently.ts';
import { useSession } from './support/session.ts';

const session = useSession();

/** Phone widths: WCAG's 320 CSS px and a common modern phone. */
const WIDTHS = [320, 390] as const;
/** The smallest chart text a phone reader should have to read, in CSS px. */
const MIN_TEXT = 12;
/** Pages measured at once: one per core. */
const TABS = 2;
/** The viewport the axe audit sees, after the phone widths: a desktop's (Playwright's default). */
const DESKTOP = { width: 1280, height: 720 } as const;
/**
 * Pages other files check in other ways and leave their axe audit to this sweep (one audit per page per run): the
 * sweep must keep them (between-elections.test.ts, dashboard.test.ts).
 */
const ACCESSIBILITY_PAGES = ['/es/', '/en/que-puedo-votar/jalisco/', '/en/glosario/', '/es/embed-builder/'];

async function sitemapPaths(base: string): Promise<string[]> {
  const locs = async (path: string) =>
    [...(await (await fetch(`${base}${path}`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] ?? '').pathname,
    );
  const paths: string[] = [];
  for (const sitemap of await locs('/sitemap-index.xml')) paths.push(...(await locs(sitemap)));
  return [...new Set(paths)].sort();
}

/**
 * Every address the test visits (the sitemap, the pages kept out of it, and the live views of each process), and the
 * sitemap's pages the axe audit covers.
 */
async function addresses(base: string): Promise<{ all: string[]; audited: Set<string> }> {
  const live: string[] = ['/es/staff/', '/en/aliados/panel/'];
  for (const process of PROCESS_SLUGS) {
    live.push(`/es/dashboard/?process=${process}`, `/en/dashboard/?process=${process}&scope=cumple`);
    for (const view of VIEWS) live.push(`/embed/registrations?process=${process}&view=${view}&lang=es`);
  }
  const sitemap = await sitemapPaths(base);
  return { all: [...sitemap, ...live], audited: new Set(sitemap.filter((path) => path.endsWith('/'))) };
}

interface Measure {
  scrollWidth: number;
  smallText: { text: string; px: number }[];
  smallTargets: { text: string; width: number; height: number }[];
}

/**
 * The page's width, every SVG text smaller than MIN_TEXT on screen (font size times the SVG's scale), and every
 * visible list link or form control smaller than 44 × 44 px (a radio button or checkbox by its label).
 */
function measure(page: Page, min: number): Promise<Measure> {
  return page.evaluate((min) => {
    const smallText: { text: string; px: number }[] = [];
    for (const text of document.querySelectorAll('svg text')) {
      const element = text as SVGTextElement;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // hidden (display:none variant, closed details)
      const ctm = element.getScreenCTM();
      const scale = ctm ? Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c)) : 1;
      const px = Number.parseFloat(getComputedStyle(element).fontSize) * scale;
      if (px < min - 0.05) smallText.push({ text: (element.textContent ?? '').trim().slice(0, 30), px });
    }
    const smallTargets: { text: string; width: number; height: number }[] = [];
    const controls =
      'nav li > a, .cards a, .state-list a, select, textarea, button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), label:has(> input[type=radio]), label:has(> input[type=checkbox])';
    for (const element of document.querySelectorAll(controls)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 43.5 || box.height < 43.5)
        smallTargets.push({
          text: `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}"`,
          width: Math.round(box.width),
          height: Math.round(box.height),
        });
    }
    return { scrollWidth: document.documentElement.scrollWidth, smallText, smallTargets };
  }, min);
}

/**
 * On the API pages, waits until Scalar has drawn the reference from the OpenAPI document: it draws after the load
 * event, and a page measured half-drawn would be measured at one width and not the other.
 */
async function referenceDrawn(page: Page): Promise<void> {
  if ((await page.locator('[data-openapi]').count()) === 0) return;
  await page
    .locator('[data-openapi]')
    .getByText('Create, replace or publish an electoral process')
    .first()
    .waitFor({ state: 'attached', timeout: 30_000 });
}

/** Sets the viewport's width and waits two frames, so the page's own resize handlers have run before it is measured. */
async function resize(page: Page, width: number, height = page.viewportSize()?.height ?? 800): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

describe('pages in a browser', () => {
  it(
    'no page scrolls sideways, no chart text is under 12 px, no tap target under 44 px, at 320 and 390 px; no axe-core violation on any page of the sitemap',
    async () => {
      const base = session.server.url;
      const { all: paths, audited } = await addresses(base);
      expect(paths.length).toBeGreaterThan(100);
      expect(audited.size).toBeGreaterThan(100);
      expect([...audited]).toEqual(expect.arrayContaining(ACCESSIBILITY_PAGES));
      const overflow: string[] = [];
      const small: string[] = [];
      const taps: string[] = [];
      const failures: string[] = [];
      // axe is injected as a script, so the page's CSP (no inline or eval'd script) is bypassed for the audit only.
      const context: BrowserContext = await session.browser.newContext({
        viewport: { width: WIDTHS[0], height: 800 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        bypassCSP: true,
      });
      await preloadAxe(context);
      const pages = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
      await eachConcurrently(pages, paths, async (page, path) => {
        // Loaded once at the narrowest width, then turned to each wider one, as a reader turns a phone: every page
        // is measured at every width, and audited, for one page load.
        await page.setViewportSize({ width: WIDTHS[0], height: 800 });
        const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
        expect(response?.status(), path).toBeLessThan(400);
        await referenceDrawn(page);
        for (const width of WIDTHS) {
          if (width !== WIDTHS[0]) await resize(page, width);
          const { scrollWidth, smallText, smallTargets } = await measure(page, MIN_TEXT);
          if (scrollWidth > width) overflow.push(`${width}px ${path}: +${scrollWidth - width}px`);
          for (const t of smallText) small.push(`${width}px ${path}: "${t.text}" ${t.px.toFixed(1)}px`);
          for (const t of smallTargets) taps.push(`${width}px ${path}: ${t.text} ${t.width}×${t.height}`);
        }
        if (!audited.has(path)) return;
        await resize(page, DESKTOP.width, DESKTOP.height);
        const violations = await axeViolations(page);
        if (violations.length > 0) failures.push(`${path}: ${violations.join('; ')}`);
      });
      await context.close();
      if (overflow.length + small.length + taps.length > 0)
        console.log(
          `reflow: ${overflow.length} overflowing, ${small.length} small texts, ${taps.length} small targets\n${[...overflow, ...small, ...taps].join('\n')}`,
        );
      expect(overflow).toEqual([]);
      expect(small).toEqual([]);
      expect(taps).toEqual([]);
      expect(failures.sort()).toEqual([]);
    },
    15 * 60_000,
  );

  it('keeps chart text at 12 px or more at every width up to a desktop, on the dashboard and the chart embeds', async () => {
    const base = session.server.url;
    const paths = PROCESS_SLUGS.flatMap((process) => [
      `/es/dashboard/?process=${process}`,
      `/embed/registrations?process=${process}&view=timeline&lang=es`,
      `/embed/registrations?process=${process}&view=countries&lang=es`,
    ]);
    const small: string[] = [];
    const widths = [480, 768, 1024, 1280] as const;
    const context = await session.browser.newContext({ viewport: { width: widths[0], height: 900 } });
    const pages = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
    await eachConcurrently(pages, paths, async (page, path) => {
      await page.setViewportSize({ width: widths[0], height: 900 });
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      for (const width of widths) {
        if (width !== widths[0]) await resize(page, width);
        // The charts are there to be measured: a page without them would pass for the wrong reason.
        expect(await page.locator('svg').count(), `${width}px ${path}`).toBeGreaterThan(0);
        const { scrollWidth, smallText } = await measure(page, MIN_TEXT);
        expect(scrollWidth, `${width}px ${path}`).toBeLessThanOrEqual(width);
        for (const t of smallText) small.push(`${width}px ${path}: "${t.text}" ${t.px.toFixed(1)}px`);
      }
    });
    await context.close();
    expect(small).toEqual([]);
  });
});
