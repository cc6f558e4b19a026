/** What the staff and partner pages share: a token form over a period, figures read and CSVs saved with the token. */
import { html } from 'hono/html';
import { addDays, todayUtc } from '../../functions/domain/dates.ts';
import { DEFAULT_LANG, isLang, LOCALES } from '../i18n/locales.ts';

/** A report page's form, its output element, labels and number formats; null when the page has none. */
export interface ReportForm {
  form: HTMLFormElement;
  out: HTMLElement;
  labels: Record<string, string>;
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}

/** Finds the form (by its data attribute) and its output, and fills the period with the last 30 days. */
export function reportForm(selector: string, outId: string): ReportForm | null {
  const form = document.querySelector<HTMLFormElement>(selector);
  const out = document.getElementById(outId);
  if (!form || !out) return null;
  const locale = LOCALES[isLang(form.dataset.lang) ? form.dataset.lang : DEFAULT_LANG].htmlLang;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  field('to').value ||= todayUtc();
  field('from').value ||= addDays(todayUtc(), -29);
  return {
    form,
    out,
    labels: JSON.parse(form.dataset.labels ?? '{}') as Record<string, string>,
    number: new Intl.NumberFormat(locale),
    percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
  };
}

/** What a report renders: its markup, and what to wire once the markup is in the page (download buttons). */
export interface Rendered {
  markup: string;
  wire?: (out: HTMLElement) => void;
}

/**
 * Runs `render` on each submit with the typed token and the period's query, showing the API's own message on
 * failure. The token lives in this closure only: never in storage or in a URL.
 */
export function onReport(report: ReportForm, render: (token: string, query: string) => Promise<Rendered>): void {
  const { form, out, labels } = report;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = field('token').value.trim();
    const query = new URLSearchParams({ from: field('from').value, to: field('to').value }).toString();
    out.setAttribute('aria-busy', 'true');
    try {
      const { markup, wire } = await render(token, query);
      out.innerHTML = markup;
      wire?.(out);
    } catch (error) {
      out.innerHTML = String(html`<p role="alert">${labels.error} ${(error as Error).message}</p>`);
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
}

/** Reads a JSON answer with the token; an error answer throws its message. */
export async function readWithToken<T>(path: string, token: string): Promise<T> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
  return body;
}

/** Saves a CSV that needs the token: fetched, then handed to the browser as a file (never a URL with the token). */
export async function downloadWithToken(path: string, token: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
