import { html } from 'hono/html';
import { DEFAULT_LANG, isLang, LOCALES } from '../i18n/locales.ts';
/** The partner page: asks for the partner token (kept in memory only), reads its referral figures by day. */

import { addDays, todayUtc } from '../../functions/domain/dates.ts';
import type { ReferralFigures } from '../../functions/domain/metrics.ts';

type Body = ReferralFigures & { error?: { message: string } };

/** Wires the form: each submit reads the period with the token and renders totals, a daily table and a CSV button. */
export function startPartnerMetrics(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-partner-metrics]');
  const out = document.getElementById('partner-report');
  if (!form || !out) return;
  const labels = JSON.parse(form.dataset.labels ?? '{}') as Record<string, string>;
  const number = new Intl.NumberFormat(LOCALES[isLang(form.dataset.lang) ? form.dataset.lang : DEFAULT_LANG].htmlLang);
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  field('to').value ||= todayUtc();
  field('from').value ||= addDays(todayUtc(), -29);

  // The CSV needs the token too, so it is fetched and handed to the browser as a file, never as a URL with the token.
  const download = async (query: string, token: string, name: string) => {
    const response = await fetch(`/api/v1/metrics/referral.csv?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    Object.assign(document.createElement('a'), { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = field('token').value.trim();
    const query = new URLSearchParams({ from: field('from').value, to: field('to').value }).toString();
    out.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`/api/v1/metrics/referral?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as Body;
      if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
      const example = `${location.origin}/${form.dataset.lang ?? 'es'}/?ref=${body.code}`;
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
      out.innerHTML = String(html`<h2>${body.name || body.code}</h2><p>${link}</p><ul class="kpis">${kpis}</ul>
<p><button type="button" data-partner-csv>${labels.csv}</button></p>
<div class="table-scroll"><table class="staff-table"><caption>${labels.caption}</caption><thead><tr><th scope="col">${labels.date}</th><th scope="col">${labels.visits}</th><th scope="col">${labels.visitors}</th><th scope="col">${labels.clicks}</th></tr></thead><tbody>${rows}</tbody></table></div>`);
      out
        .querySelector('button[data-partner-csv]')
        ?.addEventListener(
          'click',
          () => void download(query, token, `referral-${body.code}-${body.from}-${body.to}.csv`),
        );
    } catch (error) {
      out.innerHTML = String(html`<p role="alert">${labels.error} ${(error as Error).message}</p>`);
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
}
