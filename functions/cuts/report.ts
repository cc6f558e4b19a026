import type { CutChanges } from '../registrations/changes.ts';
import { changeLabel, PANEL_BREAKDOWNS, signed, totalSentence } from '../registrations/dashboard/changes-panel.ts';
import { oembedLink } from '../registrations/dashboard/embed-url.ts';
import type { Category, DashboardModel } from '../registrations/dashboard/model.ts';
import { withheldWhy } from '../registrations/dashboard/withheld.ts';
import { type Html, html, trusted } from '../shared/html.ts';
import { fill, LOCALES, type UiKey } from '../shared/i18n.ts';
import { howToCite } from './package.ts';

// Printed on A4 and Letter alike (no fixed page size): each table starts a page, no row is split, header rows
// repeat, and the page's margin boxes carry the process, the cut's date and the source on every page.
const REPORT_CSS = `
:root{color:#1b1f23;background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.45}
body{margin:0 auto;max-width:52rem;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:1.6rem 0 .4rem}
.meta,.note,.cite{color:#4a5560}.illustrative{color:#7a3d00}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;margin:.4rem 0 1rem}
caption{text-align:left;font-weight:700;padding:.2rem 0}
th,td{border-bottom:1px solid #c9d3d8;padding:.25rem .4rem;text-align:left;vertical-align:top}
.num{text-align:right}thead th{border-bottom:2px solid #1b1f23}
.actions{margin:1rem 0}.actions a{margin-right:1rem}
@media print{
  body{max-width:none;padding:0;font-size:10.5pt}
  .actions{display:none}
  section.report-table{break-before:page}
  tr,li{break-inside:avoid}
  thead{display:table-header-group}
  h2{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
`;

function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(/[\n\r]/g, ' ')}"`;
}

/** The print page rules: margins for A4 and Letter, and the footer and page numbers in the margin boxes. */
function pageCss(footer: string, page: string): string {
  return `@page{margin:16mm 14mm 18mm;@bottom-left{content:${cssString(footer)};font-size:8pt;color:#4a5560}@bottom-right{content:${cssString(page)} " " counter(page) " / " counter(pages);font-size:8pt;color:#4a5560}}`;
}

function categoryTable(model: DashboardModel, id: string, title: UiKey, categories: Category[], exact = false): Html {
  const { t, fmt } = model;
  const body =
    model.withheld && !exact
      ? html`<p class="note">${withheldWhy(model)}</p>`
      : html`<table id="table-${id}"><caption>${t(title)}</caption><thead><tr><th scope="col">${t('dash.col.category')}</th><th scope="col" class="num">${t('dash.col.count')}</th><th scope="col" class="num">${t('dash.col.share')}</th></tr></thead><tbody>${categories.map(
          (c) =>
            html`<tr><th scope="row">${c.label}</th><td class="num">${fmt.number(c.count)}</td><td class="num">${fmt.percent(c.share)}</td></tr>`,
        )}</tbody></table>`;
  return html`<section class="report-table" data-table="${id}"><h2>${t(title)}</h2>${body}</section>`;
}

function changesSection(model: DashboardModel, changes: CutChanges): Html {
  const { t, fmt } = model;
  if (!changes.from) {
    return html`<section class="report-table" data-table="changes"><h2>${t('dash.changes')}</h2><p>${t('dash.report.first')}</p></section>`;
  }
  const tables = PANEL_BREAKDOWNS.map(({ field, title }) => {
    const moves = changes[field];
    if (!moves) return html`<h3>${t(title)}</h3><p class="note">${withheldWhy(model, changes.suppressed?.reason)}</p>`;
    return html`<table id="changes-${field}"><caption>${t(title)}</caption><thead><tr><th scope="col">${t('dash.col.category')}</th><th scope="col" class="num">${t('dash.col.before')}</th><th scope="col" class="num">${t('dash.col.after')}</th><th scope="col" class="num">${t('dash.col.change')}</th></tr></thead><tbody>${moves.map(
      (m) =>
        html`<tr><th scope="row">${changeLabel(model, field, m.code)}</th><td class="num">${fmt.number(m.before)}</td><td class="num">${fmt.number(m.after)}</td><td class="num">${signed(model, m.change)}</td></tr>`,
    )}</tbody></table>`;
  });
  return html`<section class="report-table" data-table="changes"><h2>${fill(t('dash.report.changes'), { date: fmt.date(changes.from) })}</h2><p>${totalSentence(model, changes)}</p>${tables}</section>`;
}

/**
 * The printable report of a cut (`/{lang}/dashboard/cortes/{process}/{date}/`): the tables the fortnightly reports
 * carry (modality, credential, country, sex, channel, review status, state) and the changes since the previous
 * cut, with the cut's date and the source on every printed page.
 */
export function cutReportHtml(model: DashboardModel, changes: CutChanges, origin: string): Html {
  const { t, fmt, lang, process, summary } = model;
  const cut = model.cut;
  if (!cut) throw new Error('cutReportHtml needs a cut');
  const date = fmt.date(cut.date);
  const title = fill(t('dash.cuts.report'), { date });
  const footer = fill(t('dash.report.footer'), { process: process.name[lang], date });
  const base = `/api/v1/registrations/${process.slug}`;
  const dashboard = `/${lang}/dashboard/?process=${process.slug}&cut=${cut.date}`;
  const scopeLabel = t('dash.total.received');
  return html`<!doctype html><html lang="${LOCALES[lang].htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · ${process.name[lang]}</title>${oembedLink(origin, `${origin}/${lang}/dashboard/cortes/${process.slug}/${cut.date}/`, `${title} · ${process.name[lang]}`)}<style>${trusted(REPORT_CSS)}${trusted(pageCss(footer, t('dash.report.page')))}</style></head><body>
<header><p class="meta">${process.name[lang]}</p><h1>${title}</h1>
<p><strong>${fmt.number(summary.total)}</strong> ${scopeLabel} · ${fmt.number(cut.cumple)} ${t('dash.total.cumple')}</p>
<p class="meta">${t('dash.asOf')} ${summary.as_of ? html`<time datetime="${summary.as_of}">${fmt.dateTime(summary.as_of)}</time>` : date}. ${t('dash.source')}</p>
${process.illustrative.includes('daily') ? html`<p class="illustrative">${t('dash.illustrative.daily')}</p>` : ''}
<p class="cite"><strong>${t('dash.report.cite')}</strong>: ${howToCite(cut.date, null)[lang]}</p>
<p class="actions"><a href="${dashboard}">${t('dash.cuts')}</a><a href="${base}/cuts/${cut.date}.zip">${t('dash.cuts.package')}</a><a href="${base}/summary?cut=${cut.date}">${t('dash.api')}</a></p></header>
<main>
${categoryTable(model, 'modality', 'dash.modality', model.modality)}
${categoryTable(model, 'credential', 'dash.credential', model.credential)}
${categoryTable(model, 'countries', 'dash.countries', model.countries, true)}
${categoryTable(model, 'sex', 'dash.sex', model.sex)}
${categoryTable(model, 'channel', 'dash.channel', model.channel)}
${categoryTable(model, 'status', 'dash.status', model.status)}
${categoryTable(model, 'entities', 'dash.entities', model.entities, true)}
${changesSection(model, changes)}
</main></body></html>`;
}
