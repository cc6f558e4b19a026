import { countryCodeOfName } from '../../functions/domain/countries.ts';

// Spellings the INE reports use that the library's Spanish names do not match.
const ALIASES: Readonly<Record<string, string>> = {
  'Estados Unidos de América': 'US',
  EUA: 'US',
  'Nueva Zelandia': 'NZ',
  'República Popular China': 'CN',
  Qatar: 'QA',
  Rumania: 'RO',
};

/** ISO 3166-1 alpha-2 code (upper case) of a country name as printed in the reports; throws on an unknown name. */
export function countryCode(name: string): string {
  const trimmed = name.trim();
  const code = ALIASES[trimmed] ?? countryCodeOfName(trimmed, 'es');
  if (code === undefined || !/^[A-Z]{2}$/.test(code)) {
    throw new Error(
      `countries: no ISO 3166-1 alpha-2 code for report country name ${JSON.stringify(name)}; add it to ALIASES`,
    );
  }
  return code;
}
