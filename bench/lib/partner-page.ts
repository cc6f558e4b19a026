// Over 250 lines on purpose: one scenario (the page, its floor, the browser's timing of each frame and the rows) read
// in one place. A partner's page with 30 of our embeds, loaded at once in Chromium from one client address: the case
// the per-address limit on cache misses (PUBLIC_LIMITER) must never refuse.
import { seedDemoData } from '../../db/seed/seed.ts';
import { launchChromium } from '../../e2e/support/browser.ts';
import { servePartnerPage, startTestServer } from '../../e2e/support/server.ts';
import { THEMES, VIEWS } from '../../functions/domain/views.ts';
import { LANGS } from '../../site/i18n/locales.ts';
import { useTranslations } from '../../site/i18n/ui.ts';
import { newDataVersion } from './new-data-version.ts';
import { type BenchRow, percentile } from './stats.ts';

const EMBEDS = 30;
const PROCESS = 'pel-2022-2023';
// Page loads per state: one load's p95 moves by ±500 ms between runs of the same code, so each state is loaded
// several times, each in a fresh browser, and the rows give every load's figures and their median.
// A frame's load, in order: waiting for a connection, the Worker's answer to its first byte, the document's
// parse (the stylesheet blocks it), the deferred script, and what the load event waits on after that.
const PHASES = ['queued', 'first byte', 'parse to interactive', 'deferred script', 'to load event'];
const ROUNDS = Number(process.env.BENCH_PARTNER_ROUNDS ?? 5);
// One reader behind one address, as Cloudflare's edge would report it for every request to the Worker.
const CLIENT_ADDRESS = '198.51.100.7';

/** The state whose frames are a static file, not embeds (`floorUrls`). */
const FLOOR = 'floor: each frame a 106-byte static file';

/** 30 distinct embeds (view × language × theme), so a cold load is 30 cache misses. */
function embedUrls(serverUrl: string): string[] {
  const variants = VIEWS.flatMap((view) => LANGS.flatMap((lang) => THEMES.map((theme) => ({ view, lang, theme }))));
  return variants
    .slice(0, EMBEDS)
    .map(
      ({ view, lang, theme }) =>
        `${serverUrl}/embed/registrations?process=${PROCESS}&lang=${lang}&view=${view}&theme=${theme}`,
    );
}

/**
 * The floor of a page of 30 frames from the Worker's origin: each frame a static file of 106 bytes (`/robots.txt`,
 * with the frame's number as its query so that none is a copy of another), no script, no style. What a frame costs
 * Chromium whatever it holds: its navigation, its document and its JavaScript contexts, on the renderer's one
 * main thread that every frame of one site shares.
 */
function floorUrls(serverUrl: string): string[] {
  return Array.from({ length: EMBEDS }, (_, i) => `${serverUrl}/robots.txt?frame=${i}`);
}

/**
 * The partner's page: the embed builder's snippet once per embed, and `embed.js` once. Without `loading="lazy"`,
 * so that all 30 frames load at once (the worst case for the limit; a lazy page spreads them over its scrolling).
 * Each frame's load event is timed on the page's clock, against its request's start in Resource Timing.
 */
function partnerHtml(serverUrl: string, urls: string[]): string {
  const frames = urls.map((src) => {
    const lang = new URL(src).searchParams.get('lang') === 'en' ? 'en' : 'es';
    return `<iframe src="${src.replaceAll('&', '&amp;')}" data-voto-embed title="${useTranslations(lang)('dash.title')}" style="width:100%;border:0" height="600" onload="loaded(this)"></iframe>`;
  });
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Partner page</title>
<script>window.loads = []; function loaded(frame) { window.loads.push({ src: frame.src, at: performance.now() }); }</script>
</head><body><h1>Our partner's news</h1>
${frames.join('\n')}
<script src="${serverUrl}/embed.js" async></script>
</body></html>`;
}

/**
 * Opens the partner page (served from a local HTTP server on another port) in a fresh Chromium and waits for its
 * 30 embeds: each embed's load time (its request's start to its frame's load event), the statuses of every
 * response the page saw, and the requests that reached the Worker, by kind.
 */
export async function partnerPageWithEmbeds(
  serverUrl: string,
  urls: string[] = embedUrls(serverUrl),
): Promise<{
  embeds: number;
  /** The median frame's time in each of `PHASES`. */
  phases: Record<string, number>;
  /** Each view's document: its bytes and its element count. */
  views: Record<string, { bytes: number; elements: number }>;
  /** The 30 frames' documents together: what the renderer parses for the page. */
  frameBytes: number;
  status: Record<number, number>;
  kinds: Record<string, number>;
  p50: number;
  p95: number;
  max: number;
}> {
  const html = partnerHtml(serverUrl, urls);
  const partner = await servePartnerPage(html);
  const browser = await launchChromium({ full: true });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { 'cf-connecting-ip': CLIENT_ADDRESS },
    });
    const page = await context.newPage();
    const status: Record<number, number> = {};
    page.on('response', (response) => {
      if (!response.url().startsWith(serverUrl)) return;
      status[response.status()] = (status[response.status()] ?? 0) + 1;
    });
    // Requests that left the browser for the Worker: the frames (never cached), the engagement events
    // (POSTs), and the scripts and stylesheets that Resource Timing shows with bytes transferred (a copy from
    // the browser's cache transfers none; a revalidation's 304 does).
    const kinds: Record<string, number> = {
      'embed pages': EMBEDS,
      'scripts and stylesheets': 0,
      'engagement events': 0,
    };
    page.on('request', (request) => {
      if (request.url() === `${serverUrl}/api/v1/events`)
        kinds['engagement events'] = (kinds['engagement events'] ?? 0) + 1;
    });
    await page.goto(partner.url);
    await page.waitForFunction((count) => (window as unknown as { loads: unknown[] }).loads.length >= count, EMBEDS, {
      timeout: 120_000,
    });
    // The frames' own requests (scripts, engagement events) finish after their load events: count them too.
    await page.waitForLoadState('networkidle').catch(() => {});
    const times = await page.evaluate(() => {
      const starts = new Map(
        performance
          .getEntriesByType('resource')
          .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'iframe')
          .map((entry) => [entry.name, entry.startTime]),
      );
      return (window as unknown as { loads: { src: string; at: number }[] }).loads.map(
        ({ src, at }) => at - (starts.get(src) ?? 0),
      );
    });
    // Where each frame's time goes, from its own navigation timing (the page cannot see a cross-origin frame's).
    const phases: Record<string, number[]> = Object.fromEntries(PHASES.map((name) => [name, []]));
    const views: Record<string, { bytes: number; elements: number }> = {};
    let frameBytes = 0;
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const timing = await frame
        .evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          if (!nav) return null;
          return [
            nav.decodedBodySize,
            document.getElementsByTagName('*').length,
            nav.requestStart - nav.startTime,
            nav.responseStart - nav.requestStart,
            nav.domInteractive - nav.responseStart,
            nav.domContentLoadedEventEnd - nav.domInteractive,
            nav.loadEventStart - nav.domContentLoadedEventEnd,
          ];
        })
        .catch(() => null);
      if (!timing) continue;
      const [bytes = 0, elements = 0, ...ms] = timing;
      for (const [i, value] of ms.entries()) phases[PHASES[i] as string]?.push(value);
      // What the renderer has to parse and lay out for each view: the frames share its one main thread.
      const view = new URL(frame.url()).searchParams.get('view') ?? '';
      views[view] ??= { bytes, elements };
      frameBytes += bytes;
    }
    for (const frame of page.frames()) {
      const fetched = await frame
        .evaluate(
          (origin) =>
            performance
              .getEntriesByType('resource')
              .filter((entry) => entry.name.startsWith(origin) && /\.(js|css)$/.test(new URL(entry.name).pathname))
              .filter(
                (entry) => (entry as PerformanceResourceTiming).transferSize > 0 || entry.name.endsWith('/embed.js'),
              ).length,
          serverUrl,
        )
        .catch(() => 0);
      kinds['scripts and stylesheets'] = (kinds['scripts and stylesheets'] ?? 0) + fetched;
    }
    await context.close();
    return {
      embeds: times.length,
      phases: Object.fromEntries(Object.entries(phases).map(([name, values]) => [name, percentile(values, 50)])),
      views,
      frameBytes,
      status,
      kinds,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
    };
  } finally {
    await browser.close();
    await partner.close();
  }
}

/**
 * A partner's page with 30 embeds loading at once from one client address, `ROUNDS` times with the edge cache
 * empty (30 misses, all counted by the per-address limit; a new data version before each) and `ROUNDS` times
 * warm: no 429, and how long the embeds take, per load and as the median load; first the same page with 30 frames
 * of a static file (`floorUrls`), the floor the embeds' p95 is divided by.
 */
export async function partnerPageRows(bench: string): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    let floorP95 = Number.NaN;
    for (const state of [FLOOR, 'cold (cache misses)', 'warm (cache hits)']) {
      const results: Awaited<ReturnType<typeof partnerPageWithEmbeds>>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (state.startsWith('cold') && round > 0)
          await newDataVersion(server.url, server.persistTo, { process: PROCESS, receivedOn: '2022-10-03' });
        results.push(await partnerPageWithEmbeds(server.url, state === FLOOR ? floorUrls(server.url) : undefined));
      }
      const result = results[0] as (typeof results)[number];
      const scenario = `partner page, ${result.embeds} ${state === FLOOR ? 'frames' : 'embeds, one address'}, ${state}`;
      const add = (metric: string, value: number | string, unit: string) =>
        rows.push({ bench, case: scenario, metric, value, unit });
      const median = (metric: 'p50' | 'p95' | 'max') =>
        percentile(
          results.map((one) => one[metric]),
          50,
        );
      if (state === FLOOR) floorP95 = median('p95');
      else {
        add("embed load p95 ÷ the floor's, median loads", median('p95') / floorP95, '×');
        add('429 answers in any load (must be 0)', Math.max(...results.map((one) => one.status[429] ?? 0)), '');
        add(
          'responses the page saw (the browser cache included), first load',
          Object.values(result.status).reduce((sum, n) => sum + n, 0),
          '',
        );
        add(
          'requests to the Worker, first load',
          Object.values(result.kinds).reduce((sum, n) => sum + n, 0),
          '',
        );
        for (const kind of ['embed pages', 'scripts and stylesheets', 'engagement events']) {
          add(`requests to the Worker: ${kind}, first load`, result.kinds[kind] ?? 0, '');
        }
        add("the frames' documents, bytes in all, first load", result.frameBytes, 'B');
        for (const [view, size] of Object.entries(result.views)) {
          add(`view ${view}: document bytes / elements`, `${size.bytes} / ${size.elements}`, '');
        }
      }
      for (const phase of PHASES) {
        const each = results.map((one) => one.phases[phase] ?? Number.NaN);
        add(`frame phase "${phase}", median frame, median of ${results.length} loads`, percentile(each, 50), 'ms');
      }
      for (const metric of ['p50', 'p95', 'max'] as const) {
        add(`embed load ${metric}, each load`, results.map((one) => one[metric].toFixed(0)).join(' '), 'ms');
        add(`embed load ${metric}, median of ${results.length} loads`, median(metric), 'ms');
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}
