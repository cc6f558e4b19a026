import { Hono } from 'hono';
import { languageDetector } from 'hono/language';
import type { AppEnv } from '../env.ts';
import { DEFAULT_LANG, LANGS } from './i18n.ts';

/** `/`: sends each visitor to /es/ or /en/ by `Accept-Language`, keeping the query (campaign tags). No cookie. */
export const rootRoutes = new Hono<AppEnv>().get(
  '/',
  languageDetector({
    supportedLanguages: [...LANGS],
    fallbackLanguage: DEFAULT_LANG,
    order: ['header'],
    caches: false,
  }),
  (c) => {
    const url = new URL(c.req.url);
    c.header('Vary', 'Accept-Language');
    c.header('Cache-Control', 'private, max-age=0');
    return c.redirect(`/${c.get('language')}/${url.search}`, 302);
  },
);
