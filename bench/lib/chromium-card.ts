// The registrations-total 1200x630 card as plain HTML and CSS (same font, colours and layout as the satori
// template), for timing the headless-browser way of making the same image.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/support/browser.ts';
import { BRAND } from '../../functions/infographics/brand.ts';

const FONT_DIR = new URL('../../node_modules/@fontsource/atkinson-hyperlegible-next/files/', import.meta.url);

async function fontFace(weight: number): Promise<string> {
  const file = await readFile(new URL(`atkinson-hyperlegible-next-latin-${weight}-normal.woff`, FONT_DIR));
  return `@font-face{font-family:A;font-weight:${weight};src:url(data:font/woff;base64,${file.toString('base64')}) format('woff')}`;
}

/** The card's HTML with the given lines of text; `[data-total]` holds the figure a warm run changes. */
export async function cardHtml(text: {
  kicker: string;
  title: string;
  total: string;
  lines: string[];
  source: string;
}) {
  const c = BRAND.colour;
  const lines = text.lines.map((line, i) => `<p class="${i === 0 ? 'what' : 'line'}">${line}</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${await fontFace(400)}${await fontFace(700)}
*{box-sizing:border-box;margin:0}body{width:1200px;height:630px;font-family:A;color:${c.ink};background:${c.paper}}
.card{width:1200px;height:630px;display:flex;flex-direction:column}
.band{height:84px;padding:0 56px;background:${c.primary};color:${c.onPrimary};display:flex;align-items:center;justify-content:space-between}
.band b{font-size:30px}.band span{font-size:24px}
.body{flex:1;padding:45px 56px 0;display:flex;flex-direction:column;overflow:hidden}
h1{font-size:44px;line-height:1.15;margin-bottom:21px}.fig{flex:1;display:flex;flex-direction:column;justify-content:center}
.total{font-size:132px;line-height:1;font-weight:700;color:${c.primary};letter-spacing:-2px}
.what,.line{font-size:32px;line-height:1.3;margin-top:8px;color:${c.muted}}.what{font-weight:700;color:${c.ink}}
footer{margin:0 56px 40px;padding-top:14px;border-top:2px solid ${c.rule};font-size:24px;color:${c.muted}}
</style></head><body><div class="card"><div class="band"><b>Voto Extranjero</b><span>${text.kicker}</span></div>
<div class="body"><h1>${text.title}</h1><div class="fig"><div class="total" data-total>${text.total}</div>${lines}</div></div>
<footer>${text.source}</footer></div></body></html>`;
}

// The Spanish registrations-total card of the demo's 2020-2021 process, as the bench's satori side draws it.
const CARD_TEXT = {
  kicker: 'Procesos Electorales Locales 2020-2021',
  title: 'Solicitudes para votar desde el extranjero',
  total: '6,574',
  lines: [
    'solicitudes de registro recibidas',
    '+120 en los 7 días al 30 de noviembre de 2020',
    'El registro cerró el 10 de marzo de 2021.',
  ],
  source: 'Fuente: INE. Cifras al 30 de noviembre de 2020.',
};

const shot = (page: Page) => page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1200, height: 630 } });

/** A page of `browser` showing the card, kept open for warm screenshots. */
export async function openCard(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(await cardHtml(CARD_TEXT));
  return page;
}

/** Milliseconds of `count` warm screenshots, a different figure each time so nothing is served from a previous paint. */
export async function warmShots(page: Page, count: number, seed: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await page.evaluate((n) => {
      const el = document.querySelector('[data-total]');
      if (el) el.textContent = n.toLocaleString('en');
    }, seed + i);
    await shot(page);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Milliseconds of `count` screenshots, each from a browser launched for it. */
export async function coldShots(count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const browser = await launchChromium({ full: true });
    await shot(await openCard(browser));
    await browser.close();
    samples.push(performance.now() - started);
  }
  return samples;
}
