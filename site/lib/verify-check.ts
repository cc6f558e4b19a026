// The browser checker, built to the fixed URL /verify/check.js (site/lib/verify-check-integration.ts) so the static
// verify pages and the Worker's code pages load the same file. Every `<div data-verify-drop data-lang="es|en">`
// becomes a drop zone with a file input; the file is read and checked here with WebCrypto and never leaves the
// page (the only request is for the published keys). Every `<form data-verify-code>` goes to /v/{code}.
import {
  CHECKER_TEXT,
  MAX_FILE_BYTES,
  normaliseCode,
  type PublicJwk,
  parseKeySet,
  type Verification,
  verdictSentence,
  verifyFile,
} from '../../functions/domain/signed-files/index.ts';
import { fill } from '../i18n/format.ts';
import { isLang, type Lang } from '../i18n/locales.ts';

const KEYS_URL = '/.well-known/voto-extranjero-keys.json';
let keys: Promise<PublicJwk[]> | null = null;

/** The published keys, fetched once per page (and again after a failure). */
function publishedKeys(): Promise<PublicJwk[]> {
  keys ??= fetch(KEYS_URL, { headers: { accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) throw new Error(`${KEYS_URL} answered ${response.status}`);
      return response.json();
    })
    .then((json) => parseKeySet(json).keys)
    .catch((error: unknown) => {
      keys = null;
      throw error;
    });
  return keys;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function state(verdict: Verification): string {
  if (verdict.authentic) return 'authentic';
  if (verdict.reason === 'resaved') return 'resaved';
  return verdict.reason === 'too-large' || verdict.reason === 'unsupported-type' ? 'unchecked' : 'not-authentic';
}

function show(result: HTMLElement, lang: Lang, verdict: Verification, ms?: number): void {
  result.dataset.verdict = state(verdict);
  result.dataset.reason = verdict.authentic ? 'authentic' : verdict.reason;
  if (ms !== undefined) result.dataset.verifyMs = ms.toFixed(1);
  result.replaceChildren(element('span', 'verify-sentence', verdictSentence(verdict, lang)));
  if (verdict.code) {
    const link = element('a', 'verify-code-link', fill(CHECKER_TEXT[lang].see, { code: verdict.code }));
    link.href = `/v/${verdict.code}`;
    result.appendChild(document.createTextNode(' '));
    result.appendChild(link);
  }
}

async function check(file: File, result: HTMLElement, lang: Lang): Promise<void> {
  delete result.dataset.verdict;
  // Sized before it is read: a huge file is refused at once instead of freezing the tab.
  if (file.size > MAX_FILE_BYTES) return show(result, lang, { authentic: false, reason: 'too-large' });
  result.textContent = fill(CHECKER_TEXT[lang].checking, { name: file.name });
  let trusted: PublicJwk[];
  try {
    trusted = await publishedKeys();
  } catch {
    result.dataset.verdict = 'unchecked';
    result.textContent = CHECKER_TEXT[lang].keys;
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const started = performance.now();
  const verdict = await verifyFile(bytes, file.name, trusted);
  show(result, lang, verdict, performance.now() - started);
}

/** The zone's look, the same on the static pages and the Worker's pages (inline styles are allowed by the CSP). */
const STYLE = `
.verify-target{border:2px dashed currentColor;border-radius:.5rem;padding:1.5rem 1rem;text-align:center}
.verify-target[data-over]{background:color-mix(in srgb,currentColor 8%,transparent)}
.verify-choose{font-weight:600}.verify-input{display:block;margin:.5rem auto 0;max-width:100%;min-height:2.75rem}
.verify-private{font-size:.9em}.verify-result{padding:.5rem 0;font-weight:600}
.verify-result[data-verdict=authentic]{color:#0a6b3d}.verify-result[data-verdict=not-authentic]{color:#a61b1b}`;

function mount(zone: HTMLElement): void {
  const lang: Lang = isLang(zone.dataset.lang) ? zone.dataset.lang : 'es';
  const text = CHECKER_TEXT[lang];
  const input = element('input', 'verify-input');
  input.type = 'file';
  input.accept = '.png,.csv,.zip,image/png,text/csv,application/zip';
  const label = element('label', 'verify-choose', text.choose);
  label.appendChild(input);
  const target = element('div', 'verify-target');
  const prompt = element('p', 'verify-prompt', `${text.prompt} `);
  prompt.appendChild(label);
  target.replaceChildren(prompt, element('p', 'verify-private', text.private));
  const result = element('p', 'verify-result');
  result.setAttribute('role', 'status');
  result.setAttribute('aria-live', 'polite');
  zone.replaceChildren(target, result);
  const take = (file: File | undefined) => {
    if (file) void check(file, result, lang);
  };
  input.addEventListener('change', () => take(input.files?.[0]));
  target.addEventListener('dragover', (event) => {
    event.preventDefault();
    target.dataset.over = '';
  });
  target.addEventListener('dragleave', () => delete target.dataset.over);
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    delete target.dataset.over;
    take(event.dataTransfer?.files[0]);
  });
}

function bindCodeForm(form: HTMLFormElement): void {
  const lang: Lang = isLang(form.dataset.lang) ? form.dataset.lang : 'es';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = form.querySelector('input');
    const message = form.querySelector<HTMLElement>('[data-verify-code-message]');
    const code = normaliseCode(input?.value ?? '');
    if (code) window.location.assign(`/v/${code}`);
    else if (message) message.textContent = CHECKER_TEXT[lang].code;
  });
}

const zones = document.querySelectorAll<HTMLElement>('[data-verify-drop]');
if (zones.length > 0) document.head.appendChild(element('style', '', STYLE));
for (const zone of zones) mount(zone);
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-verify-code]')) bindCodeForm(form);
// A file dropped beside the zone would make the browser open it and leave the page: keep the reader here.
if (zones.length > 0) {
  for (const type of ['dragover', 'drop']) window.addEventListener(type, (event) => event.preventDefault());
}
