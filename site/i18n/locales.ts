/** The one locale config: routing, the language switcher, hreflang and the Worker's negotiation read it. */
export const LOCALES = {
  es: { label: 'Español', htmlLang: 'es-MX', ogLocale: 'es_MX', dir: 'ltr' },
  en: { label: 'English', htmlLang: 'en', ogLocale: 'en_US', dir: 'ltr' },
} as const;

/** A supported language code. */
export type Lang = keyof typeof LOCALES;

/** The props of a component drawn in one language. */
export interface LangProps {
  lang: Lang;
}

/** Spanish first: the audience's own language is the default everywhere. */
export const DEFAULT_LANG: Lang = 'es';

/** Supported languages, default first. */
export const LANGS = Object.keys(LOCALES) as readonly Lang[];

/** True when `value` is a supported language code. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

/**
 * Sections whose path is spelled in each language (the contract names `/es/verificar/` and `/en/verify/`); every
 * other section keeps its Spanish path in both languages.
 */
export const LOCALIZED_SECTIONS = [{ es: 'verificar', en: 'verify' }] as const satisfies Record<Lang, string>[];

/** A section's path segment in `lang`: `section('verificar', 'en')` is `verify`; other sections are unchanged. */
export function section(segment: string, lang: Lang): string {
  const spelled = LOCALIZED_SECTIONS.find((names) => Object.values<string>(names).includes(segment));
  return spelled ? spelled[lang] : segment;
}

/** The same page in another language: swaps the language segment (`/es/guias/` → `/en/guias/`) and a spelled section. */
export function pathInLang(pathname: string, lang: Lang): string {
  const [, first, ...rest] = pathname.split('/');
  const [head = '', ...tail] = isLang(first) ? rest : [first ?? '', ...rest];
  const joined = [section(head, lang), ...tail].join('/');
  return `/${lang}/${joined}`.replace(/\/{2,}/g, '/');
}

/** `getStaticPaths` of a page that exists once per language: `export const getStaticPaths = eachLang;`. */
export function eachLang() {
  return LANGS.map((lang) => ({ params: { lang } }));
}
