import type { View } from '../../domain/views.ts';
import type { ApiError } from '../../shared/errors.ts';
import { type Html, html, trusted } from '../../shared/html.ts';
import { type Lang, LOCALES, type UiKey, useTranslations } from '../../shared/i18n.ts';
import { problemsHtml } from '../../shared/problem-html.ts';
import { cutNotice, dashboardUrl, unpublishedNotice } from './cut-notice.ts';
import type { EmbedAssets } from './embed-assets.ts';
import { embedUrl, oembedLink } from './embed-url.ts';
import type { DashboardModel } from './model.ts';
import { headline, viewBody, viewLinks } from './sections.ts';
import { DASHBOARD_CSS } from './styles.ts';

// The shared stylesheet and script (embed-assets.ts), fetched once per partner page however many embeds it has.
const sharedHead = ({ css, js }: EmbedAssets) =>
  html`<link rel="stylesheet" href="${css.path}"><script src="${js.path}" data-embed defer></script>`;

// An error page is rare and never cached: its styles inline, the scripts at their plain addresses.
const standaloneHead = html`<style>${trusted(DASHBOARD_CSS)}</style><script src="/embed/frame.js" defer></script><script src="/t.js" data-embed defer></script>`;

function page(lang: Lang, theme: string, title: string, body: Html, head: Html, discovery: Html | '' = ''): Html {
  return html`<!doctype html><html lang="${LOCALES[lang].htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title>${discovery}${head}</head><body class="embed"><main class="vx" data-theme="${theme}">${body}</main></body></html>`;
}

/** The frame-able document of one view: no site chrome, the figures, the source, the as-of line and the code. */
export function embedDocument(
  model: DashboardModel,
  view: View,
  origin: string,
  assets: EmbedAssets,
  code?: string,
): Html {
  const { t, lang } = model;
  const title = t(`view.${view}` as UiKey);
  const chosen = { ...model.query, process: model.process.slug };
  // The notice of a cut links to the live dashboard of the same figures; the source link, to this cut's.
  const live = new URL(dashboardUrl(lang, chosen), origin).toString();
  const source = new URL(dashboardUrl(lang, chosen, model.cut?.date), origin).toString();
  const body = html`<h1 class="embed-title">${title}</h1>${unpublishedNotice(model)}${cutNotice(model, live, true)}${headline(model)}${viewBody(model, view)}${viewLinks(model, view, origin)}
<p class="source">${t('dash.source')} <a href="${source}" target="_blank" rel="noopener">Voto Extranjero</a></p>${
    code
      ? html`
<p class="verification">${t('embed.verification')} <a href="${origin}/v/${code}" target="_blank" rel="noopener"><code>${code}</code></a></p>`
      : ''
  }`;
  const self = embedUrl(origin, { ...model.query, view }, model.process.slug);
  return page(
    lang,
    model.query.theme,
    title,
    body,
    sharedHead(assets),
    oembedLink(origin, self, `${title} · ${model.process.name[lang]}`),
  );
}

/** A readable error inside the frame (wrong parameters, unknown process): never a crash or a blank box. */
export function embedErrorDocument(lang: Lang, error: ApiError): Html {
  const t = useTranslations(lang);
  return page(
    lang,
    'auto',
    t('embed.error.title'),
    html`<h1 class="embed-title">${t('embed.error.title')}</h1>${problemsHtml(error, t('embed.error.params'))}<p>${t('embed.error.help')}</p>`,
    standaloneHead,
  );
}
