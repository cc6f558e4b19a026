import { type Html, html } from '../../shared/html.ts';
import { fill } from '../../shared/i18n.ts';
import type { DashboardModel } from './model.ts';

/**
 * What a view of a cut says first: "Cifras al corte del 15 de noviembre de 2022 · Ver las cifras más recientes",
 * linking to the same view of the live figures. Every cut is older than the live figures, and saying so on every
 * cut keeps its answer the same forever (it is cached as immutable).
 */
export function cutNotice(model: DashboardModel, liveHref: string, newTab = false): Html {
  if (!model.cut) return html``;
  const { t, fmt } = model;
  // In a partner's frame the live figures open in a new tab, like the frame's other links to this site.
  const target = newTab ? html` target="_blank" rel="noopener"` : '';
  return html`<p class="cut-notice" role="note">${fill(t('dash.cut.notice'), { date: fmt.date(model.cut.date) })} · <a href="${liveHref}"${target}>${t('dash.cut.latest')}</a></p>`;
}

/** The band over a view of an unpublished process (only admin and staff can see one): it is not public yet. */
export function unpublishedNotice(model: DashboardModel): Html {
  if (model.process.published) return html``;
  return html`<p class="unpublished-notice" role="note">${model.t('dash.unpublished')}</p>`;
}

/** The label of a modelled day-by-day series, wherever the series is shown; nothing when it is published. */
export function illustrativeNote(model: DashboardModel): Html {
  if (!model.process.illustrative?.includes('daily')) return html``;
  return html`<p class="illustrative" role="note">${model.t('dash.illustrative.daily')}</p>`;
}

/**
 * The dashboard's address for a process and filters (and a cut, if given), built from validated values only:
 * a cached page links here, so nothing the request added outside the schema (`ref`, `utm_*`) may come along.
 */
export function dashboardUrl(
  lang: string,
  chosen: { process?: string; scope: string; entity?: string; country?: string },
  cut?: string,
): string {
  const search = new URLSearchParams();
  const { process, entity, country } = chosen;
  // The default scope is left out: the same page under a shorter address.
  const scope = chosen.scope === 'received' ? undefined : chosen.scope;
  for (const [key, value] of Object.entries({ process, scope, entity, country, cut })) {
    if (value) search.set(key, value);
  }
  return `/${lang}/dashboard/?${search}`;
}
