// A partner's page with 30 of our embeds, loaded at once in Chromium from one client address: the case the
// per-address limit on cache misses (PUBLIC_LIMITER) must never refuse.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedDemoData } from '../../db/seed/seed.ts';
import { launchChromium } from '../../e2e/support/browser.ts';
import { startTestServer } from '../../e2e/support/server.ts';
import { THEMES, VIEWS } from '../../functions/domain/views.ts';
import { LANGS } from '../../site/i18n/locales.ts';
import { useTranslations } from '../../site/i18n/ui.ts';
import { type BenchRow, percentile } from './stats.ts';

const EMBEDS = 30;
// One reader behind one address, as Cloudflare's edge would report it for every request to the Worker.
const CLIENT_ADDRESS = '198.51.100.7';

/** 30 distinct embeds (view × language × theme), so a cold load is 30 cache misses. */
function embedUrls(serverUrl: string): string[] {
  const variants = VIEWS.flatMap((view) => LANGS.flatMap((lang) => THEMES.map((theme) => ({ view, lang, theme }))));
  return variants
    .slice(0, EMBEDS)
    .map(
      ({ view, lang, theme }) =>
        `${serverUrl}/embed/registrations?process=pel-2022-2023&lang=${lang}&view=${view}&theme=${theme}`,
    );
}

/**
 * The partner's page: the embed builder's snippet once per embed, and `embed.js` once. Without `loading="lazy"`,
 * so that all 30 frames load at once (the worst case for the limit; a lazy page spreads them over its scrolling).
 * Each frame's load event is timed on the page's clock, against its request's start in Resource Timing.
 */
function partnerHtml(serverUrl: string): string {
  const frames = embedUrls(serverUrl).map((src) => {
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
export async function partnerPageWithEmbeds(serverUrl: string): Promise<{
  embeds: number;
  status: Record<number, number>;
  kinds: Record<string, number>;
  p50: number;
  p95: number;
  max: number;
}> {
  const html = partnerHtml(serverUrl);
  const partner = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
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
    await page.goto(partnerUrl);
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
      status,
      kinds,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => partner.close(resolve));
  }
}

/**
 * A partner's page with 30 embeds loading at once from one client address, first with the edge cache empty
 * (30 misses, all counted by the per-address limit) and then warm: no 429, and how long the embeds take.
 */
export async function partnerPageRows(bench: string): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    for (const state of ['cold (cache misses)', 'warm (cache hits)']) {
      const result = await partnerPageWithEmbeds(server.url);
      const scenario = `partner page, ${result.embeds} embeds, one address, ${state}`;
      const add = (metric: string, value: number, unit: string) =>
        rows.push({ bench, case: scenario, metric, value, unit });
      add('429 answers (must be 0)', result.status[429] ?? 0, '');
      add(
        'responses the page saw (the browser cache included)',
        Object.values(result.status).reduce((sum, n) => sum + n, 0),
        '',
      );
      add(
        'requests to the Worker',
        Object.values(result.kinds).reduce((sum, n) => sum + n, 0),
        '',
      );
      for (const kind of ['embed pages', 'scripts and stylesheets', 'engagement events']) {
        add(`requests to the Worker: ${kind}`, result.kinds[kind] ?? 0, '');
      }
      add('embed load p50', result.p50, 'ms');
      add('embed load p95', result.p95, 'ms');
      add('embed load max', result.max, 'ms');
    }
  } finally {
    await server.stop();
  }
  return rows;
}
