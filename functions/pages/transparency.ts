import { Hono } from 'hono';
import { esc } from '../../site/i18n/format.ts';
import { isLang, type Lang } from '../../site/i18n/locales.ts';
import { useTranslations } from '../../site/i18n/ui.ts';
import { countryName } from '../domain/countries.ts';
import { todayUtc } from '../domain/dates.ts';
import type { AppEnv } from '../env.ts';
import { serveVersioned } from '../lib/http-cache.ts';
import { PUBLIC_SLOT_MS, type PublicTraffic, readPublicTraffic } from '../metrics/public-traffic.ts';

/** The public figures as HTML: totals, then pages, languages and countries as tables (no script needed). */
export function trafficHtml(traffic: PublicTraffic, lang: Lang): string {
  const t = useTranslations(lang);
  const number = new Intl.NumberFormat(lang === 'es' ? 'es-MX' : 'en');
  const shown = (n: number | null) => (n === null ? esc(t('transparency.hidden')) : esc(number.format(n)));
  const table = (caption: string, head: [string, string], rows: [string, number | null][]) =>
    rows.length === 0
      ? ''
      : `<div class="table-scroll"><table class="data-table"><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(head[0])}</th><th scope="col">${esc(head[1])}</th></tr></thead><tbody>${rows
          .map(([label, n]) => `<tr><td>${esc(label)}</td><td>${shown(n)}</td></tr>`)
          .join('')}</tbody></table></div>`;
  const period = t('transparency.period').replace('{from}', traffic.from).replace('{to}', traffic.to);
  const kpis = `<ul class="kpis"><li><strong>${shown(traffic.pageviews)}</strong> ${esc(t('transparency.pageviews'))}</li><li><strong>${shown(traffic.visitors)}</strong> ${esc(t('transparency.visitors'))}</li></ul>`;
  const empty = traffic.pageviews === null ? `<p>${esc(t('transparency.none'))}</p>` : '';
  const languageName = (code: string) => (code === 'es' ? 'Español' : code === 'en' ? 'English' : code);
  return `<p>${esc(period)} ${esc(t('transparency.suppressed'))}</p>${kpis}${empty}
${table(
  t('transparency.pages'),
  [t('transparency.col.page'), t('transparency.col.views')],
  traffic.pages.map((p) => [p.path, p.pageviews]),
)}
${table(
  t('transparency.languages'),
  [t('transparency.col.lang'), t('transparency.col.events')],
  traffic.languages.map((l) => [languageName(l.lang), l.events]),
)}
${table(
  t('transparency.countries'),
  [t('transparency.col.country'), t('transparency.col.events')],
  traffic.countries.map((c) => [
    /^[A-Z]{2}$/.test(c.country) && c.country !== 'XX' ? countryName(c.country, lang) : c.country,
    c.events,
  ]),
)}
<p><a href="/api/v1/metrics/public">${esc(t('transparency.json'))}</a></p>`;
}

/** `/es/transparencia/` and `/en/transparencia/`: the static page with the public traffic rendered into it. */
export const transparencyRoutes = new Hono<AppEnv>().get('/:lang/transparencia/', async (c) => {
  const lang = c.req.param('lang');
  if (!isLang(lang)) return c.env.ASSETS.fetch(c.req.raw);
  const shellRequest = new Request(new URL(`/${lang}/transparencia/`, c.req.url));
  const slot = Math.floor(Date.now() / PUBLIC_SLOT_MS);
  const response = await serveVersioned(
    c,
    {
      key: `transparency/${slot}/${lang}`,
      etag: `"transparency.${slot}.${lang}"`,
      build: async () => {
        const [shell, traffic] = await Promise.all([
          c.env.ASSETS.fetch(shellRequest),
          readPublicTraffic(c.env.DB, 30, todayUtc()),
        ]);
        const html = await new HTMLRewriter()
          .on('#transparency-traffic', {
            element: (el) => void el.setInnerContent(trafficHtml(traffic, lang), { html: true }),
          })
          .transform(new Response(shell.body, { headers: shell.headers }))
          .text();
        return {
          response: new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
          rowsRead: 0,
        };
      },
    },
    0,
  );
  response.headers.delete('Access-Control-Allow-Origin');
  return response;
});
