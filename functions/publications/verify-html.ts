import type { ProcessRecord } from '../processes/store.ts';
import { type Html, html } from '../shared/html.ts';
import { fill, formatters, type Lang, useTranslations } from '../shared/i18n.ts';
import type { Publication } from './store.ts';

/** The drop zone of the browser checker (verifier's `/verify/check.js`): a reader can check a file here too. */
export function dropZone(lang: Lang): Html {
  return html`<section class="verify-drop"><div data-verify-drop data-lang="${lang}"></div><script type="module" src="/verify/check.js"></script></section>`;
}

function figuresHtml(publication: Publication, lang: Lang): Html {
  const figures = publication.figures as { text?: Record<Lang, string>; rows?: (string | number)[][] };
  if (figures.text) return html`<p class="verify-figures">${figures.text[lang]}</p>`;
  const [head, ...rows] = figures.rows ?? [];
  if (!head) return html``;
  return html`<div class="table-scroll"><table class="verify-figures"><thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead><tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}

/** Whether the figures have moved on since the publication: a live version older than the process's current one. */
export function isSuperseded(publication: Publication, process: ProcessRecord | null): boolean {
  const live = /^v(\d+)$/.exec(publication.version);
  return Boolean(live && process && Number(live[1]) !== process.data_version);
}

/**
 * What was published under a code: the process, the version (cut or live data version), as_of, when first served,
 * the figures (exactly as served, the small-group rule applied), the image drawn again while the same figures are
 * current, and a link to newer figures when there are any.
 */
export function publicationHtml(publication: Publication, process: ProcessRecord | null, lang: Lang): Html {
  const t = useTranslations(lang);
  const fmt = formatters(lang);
  const cut = /^cut-(\d{4}-\d{2}-\d{2})$/.exec(publication.version)?.[1];
  const superseded = isSuperseded(publication, process);
  const name = process?.name[lang] ?? publication.process;
  const version = cut ? fill(t('verify.cut'), { date: fmt.date(cut) }) : publication.version;
  const path = publication.render.path;
  const image = publication.kind === 'image' && !superseded;
  const current = path.replace(/([?&])v=[^&]*&?/, '$1');
  return html`<h1>${fill(t('verify.publication.title'), { code: publication.code })}</h1>
<p class="verify-lead">${t(`verify.kind.${publication.kind}` as never)}</p>
<dl class="verify-record">
<dt>${t('verify.process')}</dt><dd>${name}</dd>
<dt>${t('verify.version')}</dt><dd>${version}</dd>
<dt>${t('verify.asOf')}</dt><dd>${publication.as_of ? fmt.dateTime(publication.as_of) : '—'}</dd>
<dt>${t('verify.published')}</dt><dd>${fmt.dateTime(publication.created_at)}</dd>
</dl>
<h2>${t('verify.figures')}</h2>
${figuresHtml(publication, lang)}
${image ? html`<p><img class="verify-image" src="${path}" alt="${t('verify.imageAlt')}" loading="lazy" style="max-width:100%;height:auto"></p>` : ''}
${superseded ? html`<p class="verify-newer"><strong>${t('verify.newer')}</strong> <a href="${current}">${t('verify.newerLink')}</a></p>` : cut ? html`<p class="verify-newer">${t('verify.cutNote')}</p>` : html`<p>${t('verify.current')}</p>`}
<p class="verify-chain">${t('verify.chain')} <a href="/api/v1/publications/${publication.code}"><code>/api/v1/publications/${publication.code}</code></a></p>
<h2>${t('verify.checkFile')}</h2>
${dropZone(lang)}`;
}

/** The page for a code that names no publication (or is not a code), in the reader's language. */
export function noPublicationHtml(typed: string, lang: Lang): Html {
  const t = useTranslations(lang);
  return html`<h1>${t('verify.none.title')}</h1>
<p>${fill(t('verify.none.body'), { code: typed.slice(0, 30) })}</p>
${dropZone(lang)}`;
}
