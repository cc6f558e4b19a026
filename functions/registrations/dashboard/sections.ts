import { barLabel, barScale } from '../../domain/bar-chart.ts';
import { countryName } from '../../domain/countries.ts';
import { type EntityCode, entityName } from '../../domain/entities.ts';
import type { View } from '../../domain/views.ts';
import { type Html, html } from '../../shared/html.ts';
import { fill } from '../../shared/i18n.ts';
import type { WithheldReason } from '../small-groups.ts';
import { withCumulative } from '../summary.ts';
import { changesPanel } from './changes-panel.ts';
import { timelineSvg } from './charts/timeline.ts';
import { mapLegend, worldMapSvg } from './charts/world-map.ts';
import { illustrativeNote } from './cut-notice.ts';
import type { DashboardModel } from './model.ts';
import { type FigureTable, viewTables } from './view-tables.ts';
import { withheldWhy } from './withheld.ts';

/**
 * A breakdown as a table whose rows double as the bar chart: each bar sits under its label, so on a phone the
 * label wraps and the bar narrows with it while the count and share columns stay in view.
 */
export function barTable(model: DashboardModel, table: FigureTable, more = 0): Html {
  const { t, fmt } = model;
  const length = barScale(table.categories.map((c) => c.count));
  const rows = table.categories.map(
    (c) =>
      html`<tr><th scope="row">${barLabel(c.label, length(c.count))}</th><td class="num">${fmt.number(c.count)}</td><td class="num share">${fmt.percent(c.share)}</td></tr>`,
  );
  const footer =
    more > 0 && html`<tfoot><tr><td colspan="3">${fill(t('dash.more'), { count: fmt.number(more) })}</td></tr></tfoot>`;
  return html`<table class="bars" id="table-${table.id}"><caption>${table.title}</caption><thead><tr><th scope="col">${t('dash.col.category')}</th><th scope="col" class="num">${t('dash.col.count')}</th><th scope="col" class="num">${t('dash.col.share')}</th></tr></thead><tbody>${rows}</tbody>${footer}</table>`;
}

/** Why a breakdown is not shown (the small-group rule) and a link to the methods page, under its title if any. */
export function withheldNote(model: DashboardModel, title?: string, reason?: WithheldReason): Html {
  return html`${title && html`<h3 class="withheld-title">${title}</h3>`}<p class="withheld">${withheldWhy(model, reason)}</p>`;
}

/** The headline: total, as-of time, the window's day and the pace against the previous process. */
export function headline(model: DashboardModel): Html {
  const { t, fmt, summary, window, pace, process } = model;
  const scopeLabel = t(model.query.scope === 'cumple' ? 'dash.total.cumple' : 'dash.total.received');
  const lines: string[] = [];
  if (window.state === 'upcoming')
    lines.push(fill(t('dash.window.notOpen'), { date: fmt.date(process.registration_opens) }));
  else lines.push(fill(t('dash.window.day'), { day: fmt.number(window.day), days: fmt.number(window.days) }));
  if (window.state === 'open')
    lines.push(
      fill(t('dash.window.left'), { left: fmt.number(window.left), date: fmt.date(process.registration_closes) }),
    );
  if (window.state === 'closed')
    lines.push(fill(t('dash.window.closed'), { date: fmt.date(process.registration_closes) }));
  if (pace) {
    lines.push(
      fill(t('dash.pace'), {
        day: fmt.number(pace.day),
        previous: pace.previous.name[model.lang],
        count: fmt.number(pace.count),
      }),
    );
    if (pace.count > 0) {
      const change = summary.total / pace.count - 1;
      lines.push(fill(t('dash.pace.change'), { sign: change >= 0 ? '+' : '', percent: fmt.percent(change) }));
    }
  }
  const asOf =
    summary.as_of &&
    html`<p class="as-of">${t('dash.asOf')} <time datetime="${summary.as_of}">${fmt.dateTime(summary.as_of)}</time> · ${fill(t('dash.window.day'), { day: fmt.number(window.day), days: fmt.number(window.days) })} (${fmt.date(window.reference)})</p>`;
  const filters = [
    model.query.entity ? entityName(model.query.entity as EntityCode, model.lang) : null,
    model.query.country ? countryName(model.query.country, model.lang) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const sentence = (line: string) => (/[.!?]$/.test(line) ? line : `${line}.`);
  return html`<div class="headline"><p class="total"><strong>${fmt.number(summary.total)}</strong> <span>${scopeLabel}</span></p>
<p class="process-name">${process.name[model.lang]}${filters && html` · ${filters}`}</p>
<p class="window">${lines.map(sentence).join(' ')}</p>${asOf}</div>`;
}

/** The timeline view: SVG chart plus the day-by-day table as its text equivalent. */
export function timelineSection(model: DashboardModel): Html {
  const { t, fmt, summary } = model;
  if (!summary.daily) return withheldNote(model);
  const first = summary.daily[0]?.date;
  const last = summary.daily.at(-1)?.date;
  if (!first || !last) return html`<p class="empty">${t('dash.noData')}</p>`;
  const svg = timelineSvg(
    summary.daily,
    {
      title: t('dash.timeline'),
      daily: t('dash.timeline.daily'),
      cumulative: t('dash.timeline.cumulative'),
    },
    fmt.number,
    fmt.shortDate,
  );
  const rows = withCumulative(summary.daily).map(
    (d) =>
      html`<tr><th scope="row">${fmt.date(d.date)}</th><td class="num">${fmt.number(d.count)}</td><td class="num">${fmt.number(d.cumulative)}</td></tr>`,
  );
  return html`${illustrativeNote(model)}<figure class="chart">${svg}<figcaption>${t('dash.timeline')}</figcaption></figure>
<details><summary>${t('dash.timeline')}: ${t('dash.col.date')}, ${t('dash.col.daily')}, ${t('dash.col.cumulative')}</summary>
<table class="daily-table"><caption>${t('dash.timeline')}</caption><thead><tr><th scope="col">${t('dash.col.date')}</th><th scope="col" class="num">${t('dash.col.daily')}</th><th scope="col" class="num">${t('dash.col.cumulative')}</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** The countries view: the shaded world map and the full ranked table. */
export function countriesSection(model: DashboardModel): Html {
  const { t, fmt } = model;
  const [table] = viewTables(model, 'countries');
  if (!table || table.categories.length === 0) return html`<p class="empty">${t('dash.noData')}</p>`;
  const map = worldMapSvg(
    model.summary.by_country,
    (code) => countryName(code, model.lang),
    fmt.number,
    t('dash.mapTitle'),
  );
  return html`<figure class="chart map">${map}<figcaption>${t('dash.mapTitle')}${mapLegend(model.summary.by_country, fmt.number, t('dash.legend'))}</figcaption></figure>${barTable(model, table)}`;
}

/** The links under a view: download exactly its figures as CSV, and the JSON API. */
export function viewLinks(model: DashboardModel, view: View, origin = ''): Html {
  const params = new URLSearchParams({ scope: model.query.scope, lang: model.lang });
  if (model.query.entity) params.set('entity', model.query.entity);
  if (model.query.country) params.set('country', model.query.country);
  if (model.cut) params.set('cut', model.cut.date);
  const base = `${origin}/api/v1/registrations/${model.process.slug}`;
  const json = new URLSearchParams({ scope: model.query.scope });
  if (model.query.entity) json.set('entity', model.query.entity);
  if (model.query.country) json.set('country', model.query.country);
  if (model.cut) json.set('cut', model.cut.date);
  return html`<p class="view-links"><a href="${`${base}/views/${view}.csv?${params}`}" download data-download="${`${model.process.slug}-${view}.csv`}">${model.t('dash.download')}</a> · <a href="${`${base}/summary?${json}`}">${model.t('dash.api')}</a></p>`;
}

/** The body of one view (without headline), as the embed and the dashboard page show it. */
export function viewBody(model: DashboardModel, view: View): Html {
  if (view === 'timeline') return timelineSection(model);
  if (view === 'changes') return changesPanel(model, model.changes ?? null);
  if (view === 'countries') return countriesSection(model);
  if (model.summary.total === 0) return html`<p class="empty">${model.t('dash.noData')}</p>`;
  const tables = viewTables(model, view);
  return html`${tables.map((table) =>
    table.withheld
      ? withheldNote(model, table.title)
      : barTable(
          model,
          table,
          view === 'summary' && table.id === 'countries'
            ? Math.max(0, model.countries.length - table.categories.length)
            : 0,
        ),
  )}`;
}
