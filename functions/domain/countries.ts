import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import type { Lang } from '../../site/i18n/locales.ts';

// The one place country names are registered: the Worker, the site, the map and the seed read them from here.
const NAMES = { es, en } satisfies Record<Lang, countries.LocaleData>;
for (const locale of Object.values(NAMES)) countries.registerLocale(locale);

/** True for an ISO 3166-1 alpha-2 code in upper case that the maintained list knows (`US`, `HK`, `PR`). */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

/** The country's short name in the reader's language, from i18n-iso-countries. */
export function countryName(code: string, lang: Lang): string {
  return countries.getName(code, lang, { select: 'official' }) ?? code;
}

/** The alpha-2 code of an ISO 3166-1 numeric code (the world atlas names countries that way). */
export function countryCodeOfNumeric(numeric: string): string | undefined {
  return countries.numericToAlpha2(numeric);
}

/** The alpha-2 code of a country named in one of the site's languages, if the list knows the name. */
export function countryCodeOfName(name: string, lang: Lang): string | undefined {
  return countries.getAlpha2Code(name, lang);
}

/** Every country the list knows, as `[code, name]` in the reader's language, sorted by name (for pickers). */
export function countryOptions(lang: Lang): [string, string][] {
  return Object.entries(countries.getNames(lang, { select: 'official' })).sort((a, b) =>
    a[1].localeCompare(b[1], lang),
  );
}
