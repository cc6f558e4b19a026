import { Hono } from 'hono';
import { DEFAULT_LANG, LANGS } from '../../site/i18n/locales.ts';
import type { AppEnv } from '../env.ts';
import { negotiateLanguage } from '../lib/negotiate-language.ts';

/** `/`: sends each visitor to /es/ or /en/ by `Accept-Language`, keeping the query (campaign tags). No cookie. */
export const rootRoutes = new Hono<AppEnv>().get('/', (c) => {
  const lang = negotiateLanguage(c.req.header('accept-language'), LANGS, DEFAULT_LANG);
  const url = new URL(c.req.url);
  c.header('Vary', 'Accept-Language');
  c.header('Cache-Control', 'private, max-age=0');
  return c.redirect(`/${lang}/${url.search}`, 302);
});
