import { countryName } from '../../domain/countries.ts';
import { type EntityCode, entityName } from '../../domain/entities.ts';
import type { View } from '../../domain/views.ts';
import { type Html, html } from '../../shared/html.ts';
import { changesPanel } from './changes-panel.ts';
import { cutNotice, unpublishedNotice } from './cut-notice.ts';
import type { DashboardModel } from './model.ts';
import { countriesSection, headline, timelineSection, viewBody, viewLinks } from './sections.ts';

function options(items: [string, string][], selected: string | undefined, all?: string): Html {
  return html`${all !== undefined && html`<option value="">${all}</option>`}${items.map(
    ([value, label]) => html`<option value="${value}"${value === selected && html` selected`}>${label}</option>`,
  )}`;
}

/** The filter form: a plain GET form, so it works without JavaScript and every view has a shareable URL. */
function filterForm(model: DashboardModel, countries: string[]): Html {
  const { t, lang, query } = model;
  return html`<form class="filters" method="get" action="/${lang}/dashboard/" data-dashboard-filters>
<label>${t('dash.process')}<select name="process">${options(
    model.processes.map((p) => [p.slug, p.name[lang]]),
    model.process.slug,
  )}</select></label>
<label>${t('dash.scope')}<select name="scope">${options(
    [
      ['received', t('dash.scope.received')],
      ['cumple', t('dash.scope.cumple')],
    ],
    query.scope,
  )}</select></label>
<label>${t('dash.entity')}<select name="entity">${options(
    model.process.entities
      .map((e) => [e, entityName(e as EntityCode, lang)] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1], lang)),
    query.entity,
    t('dash.all'),
  )}</select></label>
<label>${t('dash.country')}<select name="country">${options(
    countries.map((c) => [c, countryName(c, lang)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], lang)),
    query.country,
    t('dash.all'),
  )}</select></label>
${query.cut && html`<input type="hidden" name="cut" value="${query.cut}">`}<button type="submit">${t('dash.apply')}</button></form>`;
}

function section(model: DashboardModel, view: View, title: string, body: Html): Html {
  const embed = new URLSearchParams({ process: model.process.slug, view, lang: model.lang });
  if (model.cut) embed.set('cut', model.cut.date);
  return html`<section id="${view}" aria-labelledby="${view}-title"><h2 id="${view}-title">${title}</h2>${body}${viewLinks(model, view)}
<p class="view-links"><a href="/${model.lang}/embed-builder/?${embed.toString()}">${model.t('dash.embedThis')}</a></p></section>`;
}

/** What the dashboard page adds around its views: the live link of a cut, and the cuts' panels. */
export interface DashboardExtras {
  /** The live figures' address (a cut's notice links to it). */
  live?: string;
  /** Shown after the filters ("since the last cut"). */
  before?: Html;
  /** Shown after the views (the list of cuts). */
  after?: Html;
}

/**
 * Every view of the dashboard page, server-rendered from the rollups; `countries` are the countries of the
 * unfiltered figures, so the country filter keeps offering every country whatever is chosen.
 */
export function dashboardHtml(model: DashboardModel, countries: string[], extra: DashboardExtras = {}): Html {
  const { t } = model;
  const changes =
    model.changes !== undefined ? section(model, 'changes', t('dash.changes'), changesPanel(model, model.changes)) : '';
  return html`<div class="vx" data-theme="light">${unpublishedNotice(model)}${cutNotice(model, extra.live ?? '')}${headline(model)}${filterForm(model, countries)}${changes}${extra.before ?? ''}
${section(model, 'timeline', t('dash.timeline'), timelineSection(model))}
${section(model, 'countries', t('dash.countries'), countriesSection(model))}
<div class="grid">${section(model, 'entities', t('dash.entities'), viewBody(model, 'entities'))}
${section(model, 'modality', t('dash.modality'), viewBody(model, 'modality'))}</div>
${section(model, 'demographics', t('dash.demographics'), viewBody(model, 'demographics'))}${extra.after ?? ''}</div>`;
}

/** The dashboard page's answer to a request it cannot show: what is wrong, and a way back. */
export function dashboardProblem(problems: Html, lang: string, reset: string): Html {
  return html`<div class="vx">${problems}<p><a href="/${lang}/dashboard/">${reset}</a></p></div>`;
}
