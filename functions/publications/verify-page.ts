import { type Context, Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { getProcess } from '../processes/store.ts';
import type { Html } from '../shared/html.ts';
import { type Lang, section, useTranslations } from '../shared/i18n.ts';
import { readerLanguage, redirectByLanguage } from '../shared/language-redirect.ts';
import { renderInShell } from '../shared/shell.ts';
import { lookUp } from './lookup.ts';
import { noPublicationHtml, publicationHtml } from './verify-html.ts';

async function verifyPage(c: Context<AppEnv>, lang: Lang, typed: string): Promise<Response> {
  const found = await lookUp(c.env.DB, typed);
  const t = useTranslations(lang);
  // The site's own layout (header, footer, language switch, phone styles): the built 404 page's shell.
  const shell = (markup: Html, title: string, status: number) =>
    renderInShell(c, lang, '404', {
      selector: '#main',
      markup,
      status,
      rewrite: (rewriter) =>
        rewriter.on('title', { element: (element) => void element.setInnerContent(`${title} · Voto Extranjero`) }),
    });
  if (typeof found === 'string') {
    const response = await shell(noPublicationHtml(typed, lang), t('verify.none.title'), 404);
    response.headers.set('Cache-Control', 'public, max-age=60');
    return response;
  }
  const process = await getProcess(c.env.DB, found.process);
  const response = await shell(publicationHtml(found, process, lang), found.code, 200);
  // A record never changes, but "newer figures exist" does: a short freshness.
  response.headers.set('Cache-Control', 'public, max-age=60');
  return response;
}

/**
 * `/v/{code}`, the short link printed with every code: sends the reader to the verify page in their language
 * (`Accept-Language`, Spanish by default); and the verify pages themselves, rendered by the Worker.
 */
export const verifyRoutes = new Hono<AppEnv>()
  .get('/v/:code', readerLanguage, (c) =>
    redirectByLanguage(
      c,
      (lang) => `/${lang}/${section('verificar', lang)}/${encodeURIComponent(c.req.param('code'))}/`,
    ),
  )
  .get(`/es/${section('verificar', 'es')}/:code/`, (c) => verifyPage(c, 'es', c.req.param('code')))
  .get(`/en/${section('verificar', 'en')}/:code/`, (c) => verifyPage(c, 'en', c.req.param('code')));
