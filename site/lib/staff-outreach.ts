/** The staff page's outreach report: imports a CSV, chooses a report period, renders the report's tables. */
import { html } from 'hono/html';
import { barLabel, barScale } from '../../functions/domain/bar-chart.ts';
import type { CallRow, ContactRow, ContentItem, OutreachReport } from '../../functions/domain/outreach.ts';
import { downloadWithToken, readWithToken } from './token-report.ts';

type Report = OutreachReport;
// A row of INETEL calls or contacts, as the tables below read it.
type CountRow = CallRow | ContactRow;

type Labels = Record<string, string>;

// The dashboard's bar table (functions/domain/bar-chart.ts), with the figure's own format.
function barTable(caption: string | undefined, rows: [string, number][], format: (n: number) => string, id: string) {
  if (rows.length === 0) return '';
  const length = barScale(rows.map(([, value]) => value));
  const body = rows.map(
    ([label, value]) =>
      html`<tr><th scope="row">${barLabel(label, length(value))}</th><td class="num">${format(value)}</td></tr>`,
  );
  return html`<figure class="outreach-chart" data-chart="${id}"><table class="bars"><caption>${caption}</caption><tbody>${body}</tbody></table></figure>`;
}

function render(report: Report, labels: Labels, number: Intl.NumberFormat, percent: Intl.NumberFormat): string {
  const fmt = (n: number) => number.format(n);
  const total = html`<span class="reported-total">(${labels.reportedTotal})</span>`;
  const figures = report.figures
    .filter((table) => table.groups.length > 0)
    .map((table) => {
      const groups = table.groups.map((group) => {
        const rows = group.rows.map(
          (row) =>
            html`<tr${row.is_reported_total ? html` class="is-total"` : ''}><td>${row.link ? html`<a href="${row.link}">${row.item}</a>` : row.item}</td><td>${row.format}</td><td>${row.date}</td><td>${row.metric}</td><td class="num">${row.value === null ? '—' : `${row.value_qualifier}${fmt(row.value)}`}</td><td>${row.is_reported_total ? total : ''}</td></tr>`,
        );
        return html`<h4>${group.label}</h4>${barTable(
          `${group.label}: ${labels.detailSum}`,
          group.sums.map((s) => [
            new Set(group.sums.map((x) => x.source)).size > 1
              ? `${s.metric} (${s.source.split(' · ')[1] ?? s.source})`
              : s.metric,
            s.value,
          ]),
          fmt,
          `${table.table}-${group.key}`,
        )}<table class="staff-table outreach-table"><thead><tr><th scope="col">${labels.item}</th><th scope="col">${labels.format}</th><th scope="col">${labels.date}</th><th scope="col">${labels.metric}</th><th scope="col" class="num">${labels.value}</th><th scope="col">${labels.flag}</th></tr></thead><tbody>${rows}</tbody></table>`;
      });
      return html`<section class="outreach-section" data-table="${table.table}"><h3>${table.title}</h3>${groups}</section>`;
    });
  const countRows = <R extends CountRow>(rows: R[], label: (r: R) => string) =>
    rows.map(
      (r) =>
        html`<tr${r.is_reported_total ? html` class="is-total"` : ''}><td>${label(r)}</td><td class="num">${fmt(r.count)}</td><td>${r.is_reported_total ? total : ''}</td></tr>`,
    );
  const calls = report.inetel_calls.map(
    (table) =>
      html`<h4>${table.title}</h4>${barTable(
        table.title,
        table.rows.filter((r) => !r.is_reported_total).map((r) => [`${r.outcome_label_es} · ${r.entity}`, r.count]),
        fmt,
        'inetel-calls',
      )}<table class="staff-table outreach-table"><thead><tr><th scope="col">${labels.outcome} · ${labels.entity}</th><th scope="col" class="num">${labels.count}</th><th scope="col">${labels.flag}</th></tr></thead><tbody>${countRows(table.rows, (r) => `${r.outcome_label_es} · ${r.entity}`)}</tbody><tfoot><tr><th scope="row">${labels.detailSum}</th><td class="num">${fmt(table.detail_sum)}</td><td></td></tr></tfoot></table>`,
  );
  const contacts = report.inetel_contacts.map(
    (table) =>
      html`<h4>${table.title}</h4>${table.dimensions.map(
        (d) =>
          html`${
            d.dimension === 'total'
              ? ''
              : barTable(
                  `${table.title}: ${d.dimension}`,
                  d.rows.map((r) => [r.category_label_es ?? '', r.count]),
                  fmt,
                  `inetel-contacts-${d.dimension}`,
                )
          }<table class="staff-table outreach-table"><caption>${d.dimension}</caption><tbody>${countRows(d.rows, (r) => r.category_label_es ?? '')}</tbody></table>`,
      )}`,
  );
  const { site } = report;
  const list = (items: ContentItem[]) =>
    items.length
      ? html`<ul>${items.map((i) => html`<li><time datetime="${i.date}">${i.date}</time> <a href="${i.path}">${i.title}</a></li>`)}</ul>`
      : html`<p>${labels.none}</p>`;
  return String(html`<h2>${labels.title}: ${report.from} – ${report.to}</h2>
<p class="outreach-actions"><button type="button" data-xlsx>${labels.xlsx}</button> <button type="button" data-print>${labels.print}</button></p>
${figures}
<section class="outreach-section" data-table="inetel_calls"><h3>${labels.calls}</h3>${calls.length ? calls : html`<p>${labels.none}</p>`}</section>
<section class="outreach-section" data-table="inetel_contacts"><h3>${labels.contacts}</h3>${contacts.length ? contacts : html`<p>${labels.none}</p>`}</section>
<section class="outreach-section" data-table="site"><h3>${labels.site}</h3>
<ul class="kpis"><li><strong>${fmt(site.pageviews)}</strong> ${labels.pageviews}</li><li><strong>${fmt(site.visitors)}</strong> ${labels.visitors}</li><li><strong>${fmt(site.register_clicks)}</strong> ${labels.registerClicks} (${site.conversion_rate === null ? '—' : percent.format(site.conversion_rate)})</li></ul>
${barTable(
  labels.campaigns,
  site.campaigns.map((c) => [`${c.source} / ${c.medium} / ${c.campaign}`, c.visits]),
  fmt,
  'campaigns',
)}
${barTable(
  labels.downloads,
  site.downloads.map((d) => [d.asset, d.count]),
  fmt,
  'downloads',
)}
${barTable(
  labels.infographicDownloads,
  site.infographic_downloads.map((d) => [d.asset, d.count]),
  fmt,
  'infographics',
)}
${barTable(
  labels.embeds,
  site.embeds.map((e) => [e.host, e.views]),
  fmt,
  'embeds',
)}</section>
<section class="outreach-section" data-table="events"><h3>${labels.events}</h3>${list(report.content.events)}</section>
<section class="outreach-section" data-table="press"><h3>${labels.pressReleases}</h3>${list(report.content.press_releases)}</section>
<p class="outreach-sources">${labels.sources}: ${report.sources.join('; ')}</p>`);
}

/** Wires the outreach section of the staff page (the token is the metrics form's, kept in memory only). */
export function startStaffOutreach(): void {
  const root = document.querySelector<HTMLElement>('[data-staff-outreach]');
  const out = document.getElementById('outreach-report');
  const upload = document.querySelector<HTMLFormElement>('form[data-outreach-import]');
  const chooser = document.querySelector<HTMLFormElement>('form[data-outreach-report]');
  if (!root || !out || !upload || !chooser) return;
  const labels = JSON.parse(root.dataset.labels ?? '{}') as Labels;
  const locale = root.dataset.lang === 'en' ? 'en-US' : 'es-MX';
  const lang = root.dataset.lang === 'en' ? 'en' : 'es';
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const tokenField = () => document.querySelector<HTMLInputElement>('form[data-staff-metrics] input[name="token"]');
  const token = () => tokenField()?.value.trim() ?? '';
  const select = chooser.elements.namedItem('period') as HTMLSelectElement | null;
  if (!select) return;
  const status = document.getElementById('outreach-import-status') as HTMLElement;

  const loadPeriods = async () => {
    try {
      const { periods } = await readWithToken<{ periods: { from: string; to: string }[] }>(
        '/api/v1/outreach/periods',
        token(),
      );
      const chosen = select.value;
      select.innerHTML = String(
        html`${periods.map((p) => html`<option value="${p.from}|${p.to}">${p.from} – ${p.to}</option>`)}`,
      );
      if (chosen && periods.some((p) => `${p.from}|${p.to}` === chosen)) select.value = chosen;
    } catch {
      // No token yet, or not staff: the chooser stays empty until one is typed.
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  tokenField()?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(loadPeriods, 300);
  });
  void loadPeriods();

  upload.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = (upload.elements.namedItem('file') as HTMLInputElement).files?.[0];
    const route = (upload.elements.namedItem('kind') as HTMLSelectElement | null)?.value;
    if (!file) return;
    const response = await fetch(`/api/v1/outreach/${route === 'inetel' ? 'inetel' : 'figures'}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'text/csv', ...(token() ? { authorization: `Bearer ${token()}` } : {}) },
      body: await file.text(),
    });
    const body = (await response.json()) as {
      inserted?: number;
      updated?: number;
      unchanged?: number;
      error?: { message: string; details: { line?: number; field?: string; message: string }[] };
    };
    if (response.ok) {
      status.innerHTML = String(
        html`<p role="status">${(labels.importDone ?? '').replace('{inserted}', String(body.inserted)).replace('{updated}', String(body.updated)).replace('{unchanged}', String(body.unchanged))}</p>`,
      );
      await loadPeriods();
    } else {
      const details = body.error?.details ?? [];
      status.innerHTML = String(
        html`<div role="alert"><p>${labels.importFailed} ${body.error?.message ?? response.statusText}</p><ul>${details.map((d) => html`<li>${d.line ? `${d.line}: ` : ''}${d.field ?? ''} ${d.message}</li>`)}</ul></div>`,
      );
    }
  });

  chooser.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [from, to] = select.value.split('|');
    if (!from || !to) return;
    const query = new URLSearchParams({ from, to, lang }).toString();
    out.setAttribute('aria-busy', 'true');
    try {
      const report = await readWithToken<Report>(`/api/v1/outreach/report?${query}`, token());
      out.innerHTML = render(report, labels, number, percent);
      out.querySelector('[data-xlsx]')?.addEventListener('click', () => {
        void downloadWithToken(`/api/v1/outreach/report.xlsx?${query}`, token(), `outreach-${from}-${to}.xlsx`);
      });
      out.querySelector('[data-print]')?.addEventListener('click', () => window.print());
    } catch (error) {
      out.innerHTML = String(html`<p role="alert">${labels.error} ${(error as Error).message}</p>`);
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
}
