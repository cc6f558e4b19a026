// The Worker's one door to the site's strings, languages and formatters (`site/i18n/`): pages, panels, reports
// and image templates import them from here, so the seam between the Worker and the site is one file wide.
export { type Formatters, fill, formatters } from '../../site/i18n/format.ts';

export { DEFAULT_LANG, isLang, LANGS, type Lang, LOCALES, section } from '../../site/i18n/locales.ts';
export { type UiKey, useTranslations } from '../../site/i18n/ui.ts';

import { LANGS, type Lang } from '../../site/i18n/locales.ts';

/** One text in every language of the site (the `{es, en}` objects of the API's answers). */
export function inEveryLanguage(text: (lang: Lang) => string): Record<Lang, string> {
  return Object.fromEntries(LANGS.map((lang) => [lang, text(lang)])) as Record<Lang, string>;
}

/** The methods page, which explains what is withheld and why (every "why withheld" sentence links to it). */
export function methodsPath(lang: Lang): string {
  return `/${lang}/metodos/`;
}
