import { type Html, html } from '../../shared/html.ts';
import { isLang } from '../../shared/i18n.ts';
import type { DashboardQuery } from './params.ts';

// Which pages of this site can be embedded, and the embed each one stands for: oEmbed resolves pasted URLs
// with it, and the pages name their own canonical address with it in their discovery links.

/** The query of a page that can be embedded (before validation), or null when the path is not such a page. */
export function embeddableQuery(url: URL): Record<string, string> | null {
  const query = Object.fromEntries(url.searchParams);
  if (url.pathname === '/embed/registrations') return query;
  const dashboard = /^\/(\w{2})\/dashboard\/$/.exec(url.pathname);
  if (dashboard?.[1] && isLang(dashboard[1])) {
    // The dashboard shows every view at once; its embed is the summary with the same figures.
    const { view: _view, theme: _theme, ...figures } = query;
    return { ...figures, lang: dashboard[1] };
  }
  const report = /^\/(\w{2})\/dashboard\/cortes\/([^/]+)\/([^/]+)\/$/.exec(url.pathname);
  if (report?.[1] && report[2] && report[3] && isLang(report[1])) {
    return { process: report[2], cut: report[3], lang: report[1] };
  }
  return null;
}

/** The query string of an embed or dashboard of these figures, defaults left out (as the builder writes it). */
function figuresSearch(query: DashboardQuery, slug: string, withView: boolean): string {
  // The dashboard's language is in its path; the embed's in its query.
  const params = new URLSearchParams(withView ? { process: slug, lang: query.lang } : { process: slug });
  const optional: [string, string | undefined, string][] = [
    ['scope', query.scope, 'received'],
    ['entity', query.entity, ''],
    ['country', query.country, ''],
    ['cut', query.cut, ''],
  ];
  if (withView) optional.push(['view', query.view, 'summary'], ['theme', query.theme, 'auto']);
  for (const [name, value, fallback] of optional) if (value && value !== fallback) params.set(name, value);
  return params.toString();
}

/** The absolute URL of the embed of a validated query, for the process it resolved to. */
export function embedUrl(origin: string, query: DashboardQuery, slug: string): string {
  return `${origin}/embed/registrations?${figuresSearch(query, slug, true)}`;
}

/** The absolute URL of the dashboard page of these figures, as its discovery links name it. */
export function canonicalDashboardUrl(origin: string, query: DashboardQuery, slug: string): string {
  return `${origin}/${query.lang}/dashboard/?${figuresSearch(query, slug, false)}`;
}

/** The `<link>` that tells oEmbed consumers (WordPress, Ghost, Discourse…) where to ask about `pageUrl`. */
export function oembedLink(origin: string, pageUrl: string, title: string): Html {
  const href = `${origin}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`;
  return html`<link rel="alternate" type="application/json+oembed" href="${href}" title="${title}">`;
}
