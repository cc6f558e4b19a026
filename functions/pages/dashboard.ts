import { Hono } from 'hono';
import { esc } from '../../site/i18n/format.ts';
import { isLang } from '../../site/i18n/locales.ts';
import { chooseProcess, loadModel, viewVersion } from '../dashboard/load.ts';
import type { DashboardModel } from '../dashboard/model.ts';
import { dashboardQuerySchema } from '../dashboard/params.ts';
import { countriesSection, headline, timelineSection, viewBody, viewLinks } from '../dashboard/sections.ts';
import { countryName } from '../domain/countries.ts';
import { type EntityCode, entityName } from '../domain/entities.ts';
import type { View } from '../domain/views.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { serveVersioned } from '../lib/http-cache.ts';
import { zodProblems } from '../lib/validate.ts';
import { today } from './embed.ts';

function options(items: [string, string][], selected: string | undefined, all?: string): string {
  const first = all === undefined ? '' : `<option value="">${esc(all)}</option>`;
  return (
    first +
    items
      .map(
        ([value, label]) =>
          `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`,
      )
      .join('')
  );
}

/** The filter form: a plain GET form, so it works without JavaScript and every view has a shareable URL. */
function filterForm(model: DashboardModel, countries: string[]): string {
  const { t, lang, query } = model;
  return `<form class="filters" method="get" action="/${lang}/dashboard/" data-dashboard-filters>
<label>${esc(t('dash.process'))}<select name="process">${options(
    model.processes.map((p) => [p.slug, p.name[lang]]),
    model.process.slug,
  )}</select></label>
<label>${esc(t('dash.scope'))}<select name="scope">${options(
    [
      ['received', t('dash.scope.received')],
      ['cumple', t('dash.scope.cumple')],
    ],
    query.scope,
  )}</select></label>
<label>${esc(t('dash.entity'))}<select name="entity">${options(
    model.process.entities
      .map((e) => [e, entityName(e as EntityCode, lang)] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1], lang)),
    query.entity,
    t('dash.all'),
  )}</select></label>
<label>${esc(t('dash.country'))}<select name="country">${options(
    countries.map((c) => [c, countryName(c, lang)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], lang)),
    query.country,
    t('dash.all'),
  )}</select></label>
<button type="submit">${esc(t('dash.apply'))}</button></form>`;
}

function section(model: DashboardModel, view: View, id: string, title: string, body: string): string {
  const embed = new URLSearchParams({ process: model.process.slug, view, lang: model.lang });
  return `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${esc(title)}</h2>${body}${viewLinks(model, view)}
<p class="view-links"><a href="/${model.lang}/embed-builder/?${esc(embed.toString())}">${esc(model.t('dash.embedThis'))}</a></p></section>`;
}

/** Every view of the dashboard, server-rendered from the rollups. */
function dashboardHtml(model: DashboardModel, countries: string[]): string {
  const { t } = model;
  return `<div class="vx" data-theme="light">${headline(model)}${filterForm(model, countries)}
${section(model, 'timeline', 'timeline', t('dash.timeline'), timelineSection(model))}
${section(model, 'countries', 'countries', t('dash.countries'), countriesSection(model))}
<div class="grid">${section(model, 'entities', 'entities', t('dash.entities'), viewBody(model, 'entities'))}
${section(model, 'modality', 'modality', t('dash.modality'), viewBody(model, 'modality'))}</div>
${section(model, 'demographics', 'demographics', t('dash.demographics'), viewBody(model, 'demographics'))}</div>`;
}

/** `/es/dashboard/` and `/en/dashboard/`: the static page shell with the live figures rendered into it. */
export const dashboardRoutes = new Hono<AppEnv>().get('/:lang/dashboard/', async (c) => {
  const lang = c.req.param('lang');
  if (!isLang(lang)) return c.env.ASSETS.fetch(c.req.raw);
  const parsed = dashboardQuerySchema.safeParse({ ...c.req.query(), lang });
  // The static shell is fetched only when a page is rendered, not when the cache answers.
  const render = async (html: string, status: number) => {
    const shell = await c.env.ASSETS.fetch(new Request(new URL(`/${lang}/dashboard/`, c.req.url)));
    return new HTMLRewriter()
      .on('#dashboard-root', { element: (el) => void el.setInnerContent(html, { html: true }) })
      .transform(new Response(shell.body, { status, headers: shell.headers }));
  };
  if (!parsed.success) {
    const items = zodProblems(parsed.error)
      .map((p) => `<li>${esc(`${p.field}: ${p.message}`)}</li>`)
      .join('');
    return render(
      `<div class="vx"><p>${esc(lang === 'es' ? 'Estos filtros no son válidos:' : 'These filters are not valid:')}</p><ul>${items}</ul><p><a href="/${lang}/dashboard/">↺</a></p></div>`,
      422,
    );
  }
  const query = parsed.data;
  let chosen: Awaited<ReturnType<typeof chooseProcess>>;
  try {
    chosen = await chooseProcess(c.env.DB, query.process);
  } catch (error) {
    if (error instanceof ApiError) return render(`<div class="vx"><p>${esc(error.message)}</p></div>`, error.status);
    throw error;
  }
  const date = today();
  const variant = [lang, query.scope, query.entity ?? 'all', query.country ?? 'all'].join('.');
  const version = viewVersion(chosen.process, chosen.processes, date);
  try {
    const response = await serveVersioned(
      c,
      {
        key: `dashboard/${version}/${variant}`,
        etag: `"dashboard.${version}.${variant}"`,
        build: async () => {
          const model = await loadModel(c.env.DB, query, chosen, date);
          const unfiltered =
            query.country || query.entity
              ? await loadModel(c.env.DB, { ...query, entity: undefined, country: undefined }, chosen, date)
              : model;
          const html = await (
            await render(dashboardHtml(model, Object.keys(unfiltered.summary.by_country)), 200)
          ).text();
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
  } catch (error) {
    if (error instanceof ApiError) return render(`<div class="vx"><p>${esc(error.message)}</p></div>`, error.status);
    throw error;
  }
});
