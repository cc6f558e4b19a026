import type { Context } from 'hono';
import { languageDetector } from 'hono/language';
import type { AppEnv } from '../env.ts';
import { DEFAULT_LANG, isLang, LANGS, type Lang } from './i18n.ts';

/** Middleware that reads the reader's language from `Accept-Language` alone (no cookie), Spanish by default. */
export const readerLanguage = languageDetector({
  supportedLanguages: [...LANGS],
  fallbackLanguage: DEFAULT_LANG,
  order: ['header'],
  caches: false,
});

/** A 302 to `to(lang)` in the reader's language; kept out of shared caches, since it depends on the header. */
export function redirectByLanguage(c: Context<AppEnv>, to: (lang: Lang) => string): Response {
  const detected = c.get('language');
  const lang = isLang(detected) ? detected : DEFAULT_LANG;
  c.header('Vary', 'Accept-Language');
  c.header('Cache-Control', 'private, max-age=0');
  return c.redirect(to(lang), 302);
}
