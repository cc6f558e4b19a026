import { countryName } from '../domain/countries.ts';
import { OTHER } from '../domain/metrics.ts';
import { type Html, html } from '../shared/html.ts';
import { formatters, type Lang, LOCALES, methodsPath, useTranslations } from '../shared/i18n.ts';
import type { PublicTraffic } from './public-traffic.ts';

/** The public figures as HTML: totals, then pages, languages and countries as tables (no script needed). */
export function trafficHtml(traffic: PublicTraffic, lang: Lang): Html {
  const t = useTranslations(lang);
  const { number } = formatters(lang);
  const shown = (n: number | null) => (n === null ? t('transparency.hidden') : number(n));
  const table = (caption: string, head: [string, string], rows: [string, number | null][]) =>
    rows.length > 0 &&
    html`<div class="table-scroll"><table class="data-table"><caption>${caption}</caption><thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead><tbody>${rows.map(
      ([label, n]) => html`<tr><td>${label}</td><td>${shown(n)}</td></tr>`,
    )}</tbody></table></div>`;
  const period = t('transparency.period').replace('{from}', traffic.from).replace('{to}', traffic.to);
  const kpis = html`<ul class="kpis"><li><strong>${shown(traffic.pageviews)}</strong> ${t('transparency.pageviews')}</li><li><strong>${shown(traffic.visitors)}</strong> ${t('transparency.visitors')}</li></ul>`;
  const empty = traffic.pageviews === null && html`<p>${t('transparency.none')}</p>`;
  // A language this site has is named in its own words; anything else the beacon reported stays a code.
  const languageName = (code: string) => (code in LOCALES ? LOCALES[code as Lang].label : code);
  return html`<p>${period} ${t('transparency.suppressed')} <a href="${methodsPath(lang)}">${t('dash.withheld.more')}</a></p>${kpis}${empty}
${table(
  t('transparency.pages'),
  [t('transparency.col.page'), t('transparency.col.views')],
  traffic.pages.map((p) => [p.path === OTHER ? t('metrics.other') : p.path, p.pageviews]),
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
<p><a href="/api/v1/metrics/public">${t('transparency.json')}</a></p>`;
}
