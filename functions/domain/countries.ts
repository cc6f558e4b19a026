import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };

countries.registerLocale(es);
countries.registerLocale(en);

/** True for an ISO 3166-1 alpha-2 code in upper case that the maintained list knows (`US`, `HK`, `PR`). */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

/** The country's short name in Spanish or English, from i18n-iso-countries. */
export function countryName(code: string, lang: 'es' | 'en'): string {
  return countries.getName(code, lang, { select: 'official' }) ?? code;
}
