/** The staff metrics page: asks for the staff token (kept in memory only), reads the summary, renders tables. */

import { addDays, todayUtc } from '../../functions/domain/dates.ts';
import { METRIC_TABLES, type MetricsSummary } from '../../functions/domain/metrics.ts';
import { esc } from '../i18n/format.ts';

type Row = Record<string, string | number | null>;
type SummaryBody = MetricsSummary & {
  previous: { pageviews: number; visitors: number; register_clicks: number };
  error?: { message: string };
} & Record<string, unknown>;

/** Wires the form: each submit reads the period and renders the report. */
export function startStaffMetrics(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-staff-metrics]');
  const out = document.getElementById('staff-report');
  if (!form || !out) return;
  const labels = JSON.parse(form.dataset.labels ?? '{}') as Record<string, string>;
  const number = new Intl.NumberFormat(form.dataset.lang === 'en' ? 'en' : 'es-MX');
  const percent = new Intl.NumberFormat(form.dataset.lang === 'en' ? 'en' : 'es-MX', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const today = todayUtc();
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  field('to').value ||= today;
  field('from').value ||= addDays(todayUtc(), -29);

  const download = async (table: string, query: string, token: string) => {
    const response = await fetch(`/api/v1/metrics/tables/${table}.csv?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: `metrics-${table}.csv` });
    link.click();
    URL.revokeObjectURL(url);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = field('token').value.trim();
    const query = new URLSearchParams({ from: field('from').value, to: field('to').value }).toString();
    out.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`/api/v1/metrics/summary?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as SummaryBody;
      if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
      const change = (now: number, before: number) =>
        before ? ` (${now >= before ? '+' : ''}${percent.format(now / before - 1)} ${labels.previous})` : '';
      const kpis = [
        [labels.pageviews, body.pageviews, body.previous.pageviews],
        [labels.visitors, body.visitors, body.previous.visitors],
        [labels.registerClicks, body.register_clicks, body.previous.register_clicks],
      ]
        .map(
          ([label, now, before]) =>
            `<li><strong>${esc(number.format(Number(now)))}</strong> ${esc(label)}${esc(change(Number(now), Number(before)))}</li>`,
        )
        .join('');
      const max = Math.max(1, ...body.daily.map((d) => Number(d.pageviews)));
      const bars = body.daily
        .map(
          (d, i) =>
            `<rect x="${i * 12}" y="${100 - (Number(d.pageviews) / max) * 100}" width="10" height="${(Number(d.pageviews) / max) * 100}"><title>${esc(d.date)}: ${esc(d.pageviews)}</title></rect>`,
        )
        .join('');
      // Top countries as horizontal bars; the full list is the table below.
      const countries = body.countries.slice(0, 10);
      const top = Math.max(1, ...countries.map((c) => c.events));
      const countryBars = countries
        .map(
          (c, i) =>
            `<rect x="40" y="${i * 14}" width="${(c.events / top) * 250}" height="11"><title>${esc(c.country)}: ${esc(c.events)}</title></rect><text x="0" y="${i * 14 + 10}" font-size="10">${esc(c.country)}</text>`,
        )
        .join('');
      const countryChart = countries.length
        ? `<figure><svg viewBox="0 0 300 ${countries.length * 14}" class="staff-chart" role="img" aria-label="${esc(labels.countries)}">${countryBars}</svg><figcaption>${esc(labels.countries)}</figcaption></figure>`
        : '';
      const guides = `<p>${esc(labels.guides)}: ${body.guides.conversion_rate === null ? '—' : esc(percent.format(body.guides.conversion_rate))} (${esc(number.format(body.guides.register_clicks))} / ${esc(number.format(body.guides.pageviews))})</p>`;
      const tables = METRIC_TABLES.map((name) => {
        const rows = body[name] as Row[];
        if (!rows.length) return '';
        const columns = Object.keys(rows[0] ?? {});
        const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
        const cells = rows
          .map(
            (r) =>
              `<tr>${columns.map((c) => `<td>${esc(typeof r[c] === 'number' && c.includes('rate') ? percent.format(Number(r[c])) : r[c])}</td>`).join('')}</tr>`,
          )
          .join('');
        return `<table class="staff-table"><caption>${esc(name)} <button type="button" data-csv="${esc(name)}">${esc(labels.csv)}</button></caption><thead><tr>${head}</tr></thead><tbody>${cells}</tbody></table>`;
      }).join('');
      out.innerHTML = `<ul class="kpis">${kpis}</ul><p>${esc(labels.conversion)}: ${body.conversion_rate === null ? '—' : esc(percent.format(body.conversion_rate))}</p>
<figure><svg viewBox="0 0 ${Math.max(12, body.daily.length * 12)} 100" class="staff-chart" role="img" aria-label="${esc(labels.daily)}">${bars}</svg><figcaption>${esc(labels.daily)}</figcaption></figure>${guides}${countryChart}${tables}`;
      for (const button of out.querySelectorAll<HTMLButtonElement>('button[data-csv]')) {
        button.addEventListener('click', () => void download(button.dataset.csv ?? '', query, token));
      }
    } catch (error) {
      out.innerHTML = `<p role="alert">${esc(labels.error)} ${esc((error as Error).message)}</p>`;
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
}
