/** The one locale config: routing, the language switcher, hreflang and the Worker's negotiation read it. */
export const LOCALES = {
  es: { label: 'Español', htmlLang: 'es-MX', ogLocale: 'es_MX', dir: 'ltr' },
  en: { label: 'English', htmlLang: 'en', ogLocale: 'en_US', dir: 'ltr' },
} as const;

/** A supported language code. */
export type Lang = keyof typeof LOCALES;

/** Spanish first: the audience's own language is the default everywhere. */
export const DEFAULT_LANG: Lang = 'es';

/** Supported languages, default first. */
export const LANGS = Object.keys(LOCALES) as readonly Lang[];

/** True when `value` is a supported language code. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

/** The same page in another language: swaps the first path segment (`/es/guias/` → `/en/guias/`). */
export function pathInLang(pathname: string, lang: Lang): string {
  const [, first, ...rest] = pathname.split('/');
  const tail = isLang(first) ? rest : [first ?? '', ...rest];
  const joined = tail.join('/');
  return `/${lang}/${joined}`.replace(/\/{2,}/g, '/');
}

/** `getStaticPaths` of a page that exists once per language: `export const getStaticPaths = eachLang;`. */
export function eachLang() {
  return LANGS.map((lang) => ({ params: { lang } }));
}
