/** The staff metrics page: asks for the staff token (kept in memory only), reads the summary, renders tables. */
import { html } from 'hono/html';
import { METRIC_TABLES, type MetricsSummary, OTHER } from '../../functions/domain/metrics.ts';
import { downloadWithToken, onReport, readWithToken, reportForm } from './token-report.ts';

type Row = Record<string, string | number | null>;
type SummaryBody = MetricsSummary & {
  previous: { pageviews: number; visitors: number; register_clicks: number };
} & Record<string, unknown>;

/** Wires the form: each submit reads the period and renders the report. */
export function startStaffMetrics(): void {
  const report = reportForm('form[data-staff-metrics]', 'staff-report');
  if (!report) return;
  const { labels, number, percent } = report;
  onReport(report, async (token, query) => {
    const body = await readWithToken<SummaryBody>(`/api/v1/metrics/summary?${query}`, token);
    const change = (now: number, before: number) =>
      before ? ` (${now >= before ? '+' : ''}${percent.format(now / before - 1)} ${labels.previous})` : '';
    const kpis = [
      [labels.pageviews, body.pageviews, body.previous.pageviews],
      [labels.visitors, body.visitors, body.previous.visitors],
      [labels.registerClicks, body.register_clicks, body.previous.register_clicks],
    ].map(
      ([label, now, before]) =>
        html`<li><strong>${number.format(Number(now))}</strong> ${label}${change(Number(now), Number(before))}</li>`,
    );
    const max = Math.max(1, ...body.daily.map((d) => Number(d.pageviews)));
    const bars = body.daily.map(
      (d, i) =>
        html`<rect x="${i * 12}" y="${100 - (Number(d.pageviews) / max) * 100}" width="10" height="${(Number(d.pageviews) / max) * 100}"><title>${d.date}: ${d.pageviews}</title></rect>`,
    );
    // Top countries as horizontal bars; the full list is the table below.
    const countries = body.countries.slice(0, 10);
    const top = Math.max(1, ...countries.map((c) => c.events));
    const countryBars = countries.map(
      (c, i) =>
        html`<rect x="40" y="${i * 14}" width="${(c.events / top) * 250}" height="11"><title>${c.country}: ${c.events}</title></rect><text x="0" y="${i * 14 + 10}" font-size="10">${c.country}</text>`,
    );
    const countryChart = countries.length
      ? html`<figure><svg viewBox="0 0 300 ${countries.length * 14}" class="staff-chart" role="img" aria-label="${labels.countries}">${countryBars}</svg><figcaption>${labels.countries}</figcaption></figure>`
      : '';
    const guides = html`<p>${labels.guides}: ${body.guides.conversion_rate === null ? '—' : percent.format(body.guides.conversion_rate)} (${number.format(body.guides.register_clicks)} / ${number.format(body.guides.pageviews)})</p>`;
    const tables = METRIC_TABLES.map((name) => {
      const rows = body[name] as Row[];
      if (!rows.length) return '';
      const columns = Object.keys(rows[0] ?? {});
      const head = columns.map((c) => html`<th scope="col">${c}</th>`);
      const cells = rows.map(
        (r) =>
          html`<tr>${columns.map((c) => html`<td>${typeof r[c] === 'number' && c.includes('rate') ? percent.format(Number(r[c])) : r[c] === OTHER ? labels.other : r[c]}</td>`)}</tr>`,
      );
      return html`<table class="staff-table"><caption>${name} <button type="button" data-csv="${name}">${labels.csv}</button></caption><thead><tr>${head}</tr></thead><tbody>${cells}</tbody></table>`;
    });
    const markup =
      String(html`<ul class="kpis">${kpis}</ul><p>${labels.conversion}: ${body.conversion_rate === null ? '—' : percent.format(body.conversion_rate)}</p>
<figure><svg viewBox="0 0 ${Math.max(12, body.daily.length * 12)} 100" class="staff-chart" role="img" aria-label="${labels.daily}">${bars}</svg><figcaption>${labels.daily}</figcaption></figure>${guides}${countryChart}${tables}`);
    const wire = (out: HTMLElement) => {
      for (const button of out.querySelectorAll<HTMLButtonElement>('button[data-csv]')) {
        const table = button.dataset.csv ?? '';
        button.addEventListener('click', () => {
          void downloadWithToken(`/api/v1/metrics/tables/${table}.csv?${query}`, token, `metrics-${table}.csv`);
        });
      }
    };
    return { markup, wire };
  });
}
