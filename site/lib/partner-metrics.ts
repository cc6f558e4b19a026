/** The partner page: asks for the partner token (kept in memory only), reads its referral figures by day. */
import { html } from 'hono/html';
import type { ReferralFigures } from '../../functions/domain/metrics.ts';
import { DEFAULT_LANG } from '../i18n/locales.ts';
import { downloadWithToken, onReport, readWithToken, reportForm } from './token-report.ts';

/** Wires the form: each submit reads the period with the token and renders totals, a daily table and a CSV button. */
export function startPartnerMetrics(): void {
  const report = reportForm('form[data-partner-metrics]', 'partner-report');
  if (!report) return;
  const { form, labels, number } = report;
  onReport(report, async (token, query) => {
    const body = await readWithToken<ReferralFigures>(`/api/v1/metrics/referral?${query}`, token);
    const example = `${location.origin}/${form.dataset.lang ?? DEFAULT_LANG}/?ref=${body.code}`;
    const link = (labels.link ?? '').replace('{code}', body.code).replace('{url}', example);
    const kpis = [
      [labels.visits, body.visits],
      [labels.visitors, body.visitors],
      [labels.clicks, body.register_clicks],
    ].map(([label, n]) => html`<li><strong>${number.format(Number(n))}</strong> ${label}</li>`);
    const rows = body.daily.map(
      (d) =>
        html`<tr><td>${d.date}</td><td>${number.format(d.visits)}</td><td>${number.format(d.visitors)}</td><td>${number.format(d.register_clicks)}</td></tr>`,
    );
    const markup = String(html`<h2>${body.name || body.code}</h2><p>${link}</p><ul class="kpis">${kpis}</ul>
<p><button type="button" data-partner-csv>${labels.csv}</button></p>
<div class="table-scroll"><table class="staff-table"><caption>${labels.caption}</caption><thead><tr><th scope="col">${labels.date}</th><th scope="col">${labels.visits}</th><th scope="col">${labels.visitors}</th><th scope="col">${labels.clicks}</th></tr></thead><tbody>${rows}</tbody></table></div>`);
    const wire = (out: HTMLElement) =>
      out.querySelector('button[data-partner-csv]')?.addEventListener('click', () => {
        const name = `referral-${body.code}-${body.from}-${body.to}.csv`;
        void downloadWithToken(`/api/v1/metrics/referral.csv?${query}`, token, name);
      });
    return { markup, wire };
  });
}
