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

/** The person signed in through Cloudflare Access (`GET /api/v1/me`), as the pages need it. */
interface Person {
  email: string;
  sign_out: string;
}

/**
 * Asks who is signed in. Signed in: the token field goes, the person's e-mail and a sign-out link go in the
 * site header, and the report loads at once. Not signed in (or no Access, as locally): the page explains
 * both ways in the reader's language and keeps the token form.
 */
async function showWhoIsThere(report: ReportForm): Promise<boolean> {
  const { form, labels } = report;
  let person: Person | null = null;
  try {
    const response = await fetch('/api/v1/me', { credentials: 'same-origin' });
    if (response.ok) person = (await response.json()) as Person;
  } catch {
    person = null;
  }
  const token = form.elements.namedItem('token') as HTMLInputElement | null;
  if (!person) {
    form.insertAdjacentHTML('beforebegin', String(html`<p class="notice" data-sign-in-help>${labels.signInHelp}</p>`));
    return false;
  }
  const help = token?.getAttribute('aria-describedby');
  if (help) document.getElementById(help)?.remove();
  token?.closest('label')?.remove();
  const who = html`<p class="signed-in" data-signed-in>${labels.signedInAs} <strong>${person.email}</strong> · <a href="${person.sign_out}">${labels.signOut}</a></p>`;
  const header = document.querySelector('.site-header');
  if (header) header.insertAdjacentHTML('beforeend', String(who));
  else form.insertAdjacentHTML('beforebegin', String(who));
  return true;
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
    // Signed in, there is no token field: the requests carry the Access sign-in instead.
    const token = field('token')?.value.trim() ?? '';
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
  void showWhoIsThere(report).then((signedIn) => {
    if (signedIn) form.requestSubmit();
  });
}

// The token as a header, or nothing when signed in (the Access sign-in rides on the same-origin request).
const withToken = (token: string): RequestInit => ({
  credentials: 'same-origin',
  headers: token ? { authorization: `Bearer ${token}` } : {},
});

/** Reads a JSON answer with the token (or the sign-in); an error answer throws its message. */
export async function readWithToken<T>(path: string, token: string): Promise<T> {
  const response = await fetch(path, withToken(token));
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
  return body;
}

/** Saves a CSV that needs the token or sign-in: fetched, then handed to the browser as a file (never a URL with the token). */
export async function downloadWithToken(path: string, token: string, name: string): Promise<void> {
  const response = await fetch(path, withToken(token));
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
