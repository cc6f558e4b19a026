// Phones first (WCAG 1.4.10 Reflow): every sitemap page, each dashboard and each embed view of the demo
// processes, in Chromium emulating a phone at 320 and 390 px, never scrolls sideways and draws no chart
// text under 12 px on screen.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROCESS_SLUGS } from '../db/seed/published.ts';
import { VIEWS } from '../functions/domain/views.ts';
import { useSession } from './support/session.ts';

const session = useSession({ demoData: true });

/** Phone widths: WCAG's 320 CSS px and a common modern phone. */
const WIDTHS = [320, 390] as const;
/** The smallest chart text a phone reader should have to read, in CSS px. */
const MIN_TEXT = 12;

async function sitemapPaths(base: string): Promise<string[]> {
  const locs = async (path: string) =>
    [...(await (await fetch(`${base}${path}`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] ?? '').pathname,
    );
  const paths: string[] = [];
  for (const sitemap of await locs('/sitemap-index.xml')) paths.push(...(await locs(sitemap)));
  return [...new Set(paths)].sort();
}

/** Every address the test visits: the sitemap, the pages kept out of it, and the live views of each process. */
async function addresses(base: string): Promise<string[]> {
  const live: string[] = ['/es/staff/', '/en/aliados/panel/'];
  for (const process of PROCESS_SLUGS) {
    live.push(`/es/dashboard/?process=${process}`, `/en/dashboard/?process=${process}&scope=cumple`);
    for (const view of VIEWS) live.push(`/embed/registrations?process=${process}&view=${view}&lang=es`);
  }
  return [...(await sitemapPaths(base)), ...live];
}

interface Measure {
  scrollWidth: number;
  smallText: { text: string; px: number }[];
}

/** The page's width and every SVG text smaller than MIN_TEXT on screen (font size times the SVG's scale). */
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
    return { scrollWidth: document.documentElement.scrollWidth, smallText };
  }, min);
}

describe('reflow on phones', () => {
  it(
    'no page scrolls sideways and no chart text is under 12 px, at 320 and 390 px',
    async () => {
      const base = session.server.url;
      const paths = await addresses(base);
      expect(paths.length).toBeGreaterThan(100);
      const overflow: string[] = [];
      const small: string[] = [];
      for (const width of WIDTHS) {
        const context: BrowserContext = await session.browser.newContext({
          viewport: { width, height: 800 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        for (const path of paths) {
          const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
          expect(response?.status(), path).toBeLessThan(400);
          const { scrollWidth, smallText } = await measure(page, MIN_TEXT);
          if (scrollWidth > width) overflow.push(`${width}px ${path}: +${scrollWidth - width}px`);
          for (const t of smallText) small.push(`${width}px ${path}: "${t.text}" ${t.px.toFixed(1)}px`);
        }
        await context.close();
      }
      if (overflow.length + small.length > 0)
        console.log(
          `reflow: ${overflow.length} overflowing, ${small.length} small texts\n${[...overflow, ...small].join('\n')}`,
        );
      expect(overflow).toEqual([]);
      expect(small).toEqual([]);
    },
    15 * 60_000,
  );
});
