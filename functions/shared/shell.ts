import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Html } from './html.ts';
import { DEFAULT_LANG, isLang, LANGS, type Lang } from './i18n.ts';

/**
 * A built page of the site (`/<lang>/<page>/`, or the home page `/<lang>/` when `page` is empty: the static shell) with Worker-made markup put into the
 * element `selector`: how the dashboard, the transparency page and the infographics page get their live
 * parts without an SSR adapter. `rewrite` may change more of the page (the infographics form).
 */
export async function renderInShell(
  c: Context<AppEnv>,
  lang: Lang,
  page: string,
  fill: { selector: string; markup: Html; status?: number; rewrite?: (rewriter: HTMLRewriter) => HTMLRewriter },
): Promise<Response> {
  const path = page ? `/${lang}/${page}/` : `/${lang}/`;
  const shell = await c.env.ASSETS.fetch(new Request(new URL(path, c.req.url)));
  const markup = String(fill.markup);
  let rewriter = new HTMLRewriter().on(fill.selector, {
    element: (element) => void element.setInnerContent(markup, { html: true }),
  });
  if (fill.rewrite) rewriter = fill.rewrite(rewriter);
  return rewriter.transform(new Response(shell.body, { status: fill.status ?? 200, headers: shell.headers }));
}

/** The start of the route of a page that exists once per language: `/:lang{es|en}`, from the one locale list. */
export const LANG_SEGMENT = `/:lang{${LANGS.join('|')}}`;

/** The language of such a route (its pattern admits only the site's languages). */
export function pageLang(c: Context): Lang {
  const lang = c.req.param('lang');
  return isLang(lang) ? lang : DEFAULT_LANG;
}

/**
 * A shell page read whole into a fresh HTML response, for the edge cache: it keeps the finished page rather
 * than a stream of the static shell with the asset's own headers.
 */
export async function wholePage(page: Response): Promise<Response> {
  return new Response(await page.text(), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
