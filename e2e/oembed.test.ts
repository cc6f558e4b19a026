// oEmbed as a partner's site meets it, in Chromium against a real wrangler dev with the demo data: a consumer
// reads a dashboard page, discovers its oEmbed address, fetches it, and pastes the `html` into a page of another
// origin, whose frame then takes the height of its content (our embed.js); and a WordPress-style host (the
// markup WordPress makes of an untrusted provider's html, and a host script doing what wp-embed.js does) sizes
// the frame through WordPress's own messages, without our script.
import { createServer, type Server } from 'node:http';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OEmbedAnswer, oembedAnswer } from '../functions/registrations/dashboard/oembed-answer.ts';
import { freePort } from './support/server.ts';
import { useSession } from './support/session.ts';

const session = useSession();

// What wp-includes/js/wp-embed.js does on the host page: answer the frame's height message when its secret
// matches, clamped to 200-1000 px as WordPress does, and tell each frame it is ready.
const WP_EMBED_HOST = `
window.addEventListener('message', function (e) {
  var data = e.data;
  if (!data || !(data.secret || data.message || data.value)) return;
  if (/[^a-zA-Z0-9]/.test(data.secret)) return;
  var frames = document.querySelectorAll('iframe[data-secret="' + data.secret + '"]');
  for (var i = 0; i < frames.length; i++) {
    var source = frames[i];
    if (e.source !== source.contentWindow) continue;
    source.removeAttribute('style');
    if (data.message === 'height') {
      var height = parseInt(data.value, 10);
      if (height > 1000) height = 1000; else if (~~height < 200) height = 200;
      source.height = height;
    }
  }
});
window.addEventListener('load', function () {
  var frames = document.querySelectorAll('iframe.wp-embedded-content');
  for (var i = 0; i < frames.length; i++) {
    frames[i].contentWindow.postMessage({ message: 'ready', secret: frames[i].getAttribute('data-secret') }, '*');
  }
});`;

// What WordPress's wp_filter_oembed_result makes of an untrusted provider's html: only the iframe, with its
// allowed attributes, sandboxed, and a secret in its URL's fragment and in data-secret. Scripts are dropped.
function asWordPressWould(html: string, secret: string): string {
  const iframe = /<iframe\s([^>]*)><\/iframe>/.exec(html);
  if (!iframe?.[1]) throw new Error('the oEmbed html has no iframe, which WordPress requires');
  const allowed = new Set([
    'src',
    'width',
    'height',
    'frameborder',
    'marginwidth',
    'marginheight',
    'scrolling',
    'title',
  ]);
  const kept = [...iframe[1].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)]
    .filter(([, name]) => allowed.has(name ?? ''))
    .map(([, name, value]) => (name === 'src' ? `src="${value}#?secret=${secret}"` : `${name}="${value ?? ''}"`));
  return `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" ${kept.join(' ')} data-secret="${secret}"></iframe>`;
}

let partner: Server | undefined;
let partnerUrl = '';
const pages = new Map<string, string>();

beforeAll(async () => {
  const port = await freePort();
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  partner = server;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  partnerUrl = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => (partner ? partner.close(() => resolve()) : resolve())));

/** A consumer's discovery: the page's `<link type="application/json+oembed">`, then the oEmbed answer. */
async function discover(page: Page, pageUrl: string): Promise<OEmbedAnswer> {
  expect((await page.goto(pageUrl))?.status()).toBe(200);
  const link = page.locator('link[rel="alternate"][type="application/json+oembed"]');
  expect(await link.count()).toBe(1);
  expect(await link.getAttribute('title')).toBeTruthy();
  const href = (await link.getAttribute('href')) ?? '';
  // The link names the page's canonical address: the same page and parameters, in the builder's order.
  const described = new URL(new URL(href).searchParams.get('url') ?? '');
  const asked = new URL(pageUrl);
  expect(described.origin + described.pathname).toBe(asked.origin + asked.pathname);
  expect([...described.searchParams].sort()).toEqual([...asked.searchParams].sort());
  const response = await fetch(href);
  expect(response.status).toBe(200);
  const body = oembedAnswer.parse(await response.json());
  expect(body.type).toBe('rich');
  expect(body.version).toBe('1.0');
  return body;
}

/** Whether the frame is as tall as its content (WordPress clamps to 200-1000 px). */
async function fits(frame: Locator, inner: Frame, clamp = false): Promise<boolean> {
  const box = await frame.boundingBox();
  let content = await inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  if (clamp) content = Math.min(1000, Math.max(200, content));
  return Math.abs((box?.height ?? 0) - content) <= 2;
}

async function embedFrame(page: Page): Promise<{ frame: Locator; inner: Frame }> {
  const frame = page.locator('iframe').first();
  await expect
    .poll(() => page.frames().some((f) => f.url().includes('/embed/registrations')), { timeout: 15_000 })
    .toBe(true);
  const inner = page.frames().find((f) => f.url().includes('/embed/registrations'));
  if (!inner) throw new Error('no embed frame');
  await inner.waitForLoadState('load');
  return { frame, inner };
}

describe('oEmbed in a browser', () => {
  it('discovers, fetches and pastes the html on another origin; the frame follows its content', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1000, height: 800 } });
    const dashboard = `${session.server.url}/es/dashboard/?process=pel-2020-2021&entity=14`;
    const oembed = await discover(page, dashboard);
    expect(oembed.html).toContain('embed.js');
    expect((await fetch(oembed.thumbnail_url ?? '')).headers.get('content-type')).toBe('image/png');
    pages.set(
      '/plain',
      `<!doctype html><html lang="es"><head><title>Aliado</title></head><body><h1>Noticias</h1><div style="max-width:900px">${oembed.html}</div></body></html>`,
    );
    await page.goto(`${partnerUrl}/plain`);
    const { frame, inner } = await embedFrame(page);
    await expect.poll(() => fits(frame, inner), { timeout: 15_000 }).toBe(true);
    const wide = (await frame.boundingBox())?.height ?? 0;
    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(async () => (await frame.boundingBox())?.height, { timeout: 10_000 }).not.toBe(wide);
    await expect.poll(() => fits(frame, inner), { timeout: 10_000 }).toBe(true);
    await page.close();
  });

  it('answers WordPress height messages: a wp-embed host sizes the sandboxed frame without our script', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1000, height: 800 } });
    const embed = `${session.server.url}/embed/registrations?process=pel-2022-2023&view=modality&lang=en`;
    const oembed = await discover(page, embed);
    const markup = asWordPressWould(oembed.html, 'Ab12Cd34Ef');
    expect(markup).not.toContain('embed.js');
    pages.set(
      '/wordpress',
      `<!doctype html><html lang="en"><head><title>A WordPress post</title></head><body><article style="max-width:700px"><h1>Post</h1>${markup}</article><script>${WP_EMBED_HOST}</script></body></html>`,
    );
    await page.goto(`${partnerUrl}/wordpress`);
    const { frame, inner } = await embedFrame(page);
    await expect.poll(() => fits(frame, inner, true), { timeout: 15_000 }).toBe(true);
    expect(await frame.getAttribute('height')).not.toBe(String(oembed.height));
    const wide = (await frame.boundingBox())?.height ?? 0;
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(async () => (await frame.boundingBox())?.height, { timeout: 10_000 }).not.toBe(wide);
    await expect.poll(() => fits(frame, inner, true), { timeout: 10_000 }).toBe(true);
    // A message with another secret is ignored, as wp-embed.js ignores it.
    const before = await frame.getAttribute('height');
    await inner.evaluate(() => parent.postMessage({ message: 'height', value: 777, secret: 'Zz99Zz99Zz' }, '*'));
    expect(await frame.getAttribute('height')).toBe(before);
    await page.close();
  });
});
