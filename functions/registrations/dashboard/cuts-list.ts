import type { CutRecord } from '../../processes/cut-store.ts';
import { type Html, html } from '../../shared/html.ts';
import { fill } from '../../shared/i18n.ts';
import type { DashboardModel } from './model.ts';

/**
 * The dashboard's list of cuts, newest first: each one's figures on the dashboard, its printable report and its
 * data package. A cut's page lists only the cuts up to its own, so that page never changes.
 */
export function cutsList(model: DashboardModel, cuts: CutRecord[]): Html {
  const { t, fmt, lang } = model;
  const shown = model.cut ? cuts.filter((cut) => cut.date <= (model.cut?.date ?? '')) : cuts;
  if (shown.length === 0) return html``;
  const slug = model.process.slug;
  const items = shown.map((cut) => {
    const date = fmt.date(cut.date);
    return html`<li><a href="/${lang}/dashboard/?process=${slug}&amp;cut=${cut.date}">${date}</a>: ${fmt.number(cut.total)} · <a href="/${lang}/dashboard/cortes/${slug}/${cut.date}/">${fill(t('dash.cuts.report'), { date })}</a> · <a href="/api/v1/registrations/${slug}/cuts/${cut.date}.zip" download>${t('dash.cuts.package')}</a></li>`;
  });
  return html`<section id="cuts" aria-labelledby="cuts-title"><h2 id="cuts-title">${t('dash.cuts')}</h2><p>${t('dash.cuts.lead')}</p><ul class="cuts-list">${items}</ul></section>`;
}
