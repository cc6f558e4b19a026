import { ENTITIES, type EntityCode } from '../domain/entities.ts';
import type { CutRecord } from '../processes/cut-store.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { fill, LANGS, useTranslations } from '../shared/i18n.ts';

// Frictionless Data Package (v2) descriptors: what each CSV's columns mean, their types and units, the licence,
// the sources and the period covered, so data tools (frictionless, Open Knowledge's validators, CKAN) read our
// tables without the docs. One for each cut's zip (files beside it) and one on the API (URLs of the live CSVs).

/** One column of a Table Schema. */
interface Field {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'boolean';
  description: string;
  unit?: string;
}

/** One CSV of a package: its name, where it is, and its columns. */
export interface TableResource {
  name: string;
  path: string;
  title: string;
  fields: Field[];
  bytes?: number;
  sha256?: string;
}

const APPLICATIONS = 'applications';
const count = (name: string, what: string): Field => ({
  name,
  type: 'integer',
  description: `Number of applications to register to vote from abroad${what}.`,
  unit: APPLICATIONS,
});
const text = (name: string, description: string): Field => ({ name, type: 'string', description });

/** Columns of a `code,label_es,label_en,count` table of the zip. */
export function labelledFields(codeMeans: string): Field[] {
  return [
    text('code', codeMeans),
    ...LANGS.map((lang) => text(`label_${lang}`, `The category's name (${lang}).`)),
    count('count', ' in the category'),
  ];
}

/** Columns of the country by state table (zip and `countries.csv`). */
export function countryByStateFields(entities: readonly string[]): Field[] {
  return [
    text('country', 'Country of residence, ISO 3166-1 alpha-2.'),
    ...LANGS.map((lang) => text(`country_name_${lang}`, `The country's name (${lang}).`)),
    count('total', ' from the country'),
    ...entities.map((e) =>
      count(e, ` from the country whose state of origin is ${ENTITIES[e as EntityCode]?.es ?? e} (INEGI ${e})`),
    ),
  ];
}

/** Columns of the day-by-day table of the zip. */
export function dailyFields(illustrative: boolean): Field[] {
  return [
    { name: 'date', type: 'date', description: 'The day the applications were received.' },
    count('count', ' received that day'),
    ...(illustrative
      ? [{ name: 'illustrative', type: 'boolean' as const, description: 'True: modelled from the published totals.' }]
      : []),
  ];
}

/** Columns of a view CSV (`table,code,label,count,share`). */
export const VIEW_FIELDS: Field[] = [
  text('table', 'Which table of the view the row belongs to (`total` for the first row).'),
  text('code', 'The category code (country ISO alpha-2, INEGI state code, modality…); empty on a note row.'),
  text('label', "The category's name in the CSV's language, or the sentence saying why it is withheld."),
  count('count', ' in the category; empty when withheld (groups under 10)'),
  { name: 'share', type: 'number', description: 'Share of the total, 0 to 1.', unit: 'ratio' },
];

/** Columns of `GET /api/v1/entities.csv`. */
export const ENTITY_FIELDS: Field[] = [
  text('code', 'INEGI state code, 01 to 32.'),
  text('name_es', 'Name in Spanish.'),
  text('name_en', 'Name in English.'),
  text('iso_3166_2', 'ISO 3166-2 subdivision code.'),
  text('ocd_id', 'Open Civic Data division id.'),
];

// What the code column of each table of a cut's zip holds.
const CODE_OF: Record<string, string> = {
  'modality.csv': 'Voting modality: postal, internet or presencial.',
  'credential.csv': 'Credential: cpve (issued abroad) or cpv (issued in Mexico).',
  'country.csv': 'Country of residence, ISO 3166-1 alpha-2.',
  'sex.csv': 'H (hombre), M (mujer) or X (no binario / otro).',
  'channel.csv': 'srve (web system) or inetel (phone line).',
  'status.csv': 'Review status: revision, cumple, subsane or improcedente.',
  'entity.csv': 'State of origin, INEGI code (GET /api/v1/entities for ISO 3166-2 and OCD ids).',
  'age_band.csv': 'Age band in whole years (18, 19, 20-24 … 65+).',
};

/** The resource of one CSV of a cut's zip, with its size and SHA-256. */
export function zipResource(file: string, process: ProcessRecord, bytes: number, sha256: string): TableResource {
  const name = file.replace(/\.csv$/, '').replaceAll('_', '-');
  const fields =
    file === 'daily.csv'
      ? dailyFields(process.illustrative.includes('daily'))
      : file === 'country_by_state.csv'
        ? countryByStateFields(process.entities)
        : labelledFields(CODE_OF[file] ?? 'The category code.');
  return { name, path: file, title: file, fields, bytes, sha256 };
}

/** The Data Package descriptor of a process's figures (a cut's when `cut` is given). */
export function dataPackage(input: {
  process: ProcessRecord;
  cut: CutRecord | null;
  origin: string;
  resources: TableResource[];
}): Record<string, unknown> {
  const { process, cut, origin, resources } = input;
  const es = useTranslations('es');
  const asOf = cut?.as_of ?? process.as_of;
  const end = cut?.date ?? asOf?.slice(0, 10) ?? process.registration_closes;
  const reports = cut
    ? LANGS.map((lang) => ({
        title: `${fill(useTranslations(lang)('dash.cuts.report'), { date: cut.date })} (${lang})`,
        path: `${origin}/${lang}/dashboard/cortes/${process.slug}/${cut.date}/`,
      }))
    : LANGS.map((lang) => ({
        title: `${useTranslations(lang)('dash.title')} (${lang})`,
        path: `${origin}/${lang}/dashboard/?process=${process.slug}`,
      }));
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: `voto-extranjero-${process.slug}${cut ? `-${cut.date}` : ''}`,
    title: `${process.name.es}${cut ? ` — corte al ${cut.date}` : ''}`,
    description: `${process.name.en}: applications to register to vote from abroad (${cut ? `cut of ${cut.date}, frozen` : 'live figures'}). Counts are numbers of applications; groups under 10 are not broken down. Every state code is INEGI's (GET /api/v1/entities gives ISO 3166-2 and OCD ids).`,
    homepage: reports[0]?.path,
    version: cut ? cut.date : String(process.data_version),
    ...(asOf ? { created: asOf } : {}),
    keywords: ['voto extranjero', 'INE', 'SRVE', 'registration', 'Mexico', process.slug],
    licenses: [
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Attribution 4.0',
      },
    ],
    sources: [{ title: es('dash.source') }, ...reports],
    // schema.org's temporalCoverage (ISO 8601 interval): from the opening of registration to the figures' day.
    temporalCoverage: `${process.registration_opens}/${end}`,
    resources: resources.map((resource) => ({
      name: resource.name,
      type: 'table',
      path: resource.path,
      title: resource.title,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      ...(resource.bytes !== undefined ? { bytes: resource.bytes } : {}),
      ...(resource.sha256 ? { hash: `sha256:${resource.sha256}` } : {}),
      // View CSVs open with the verification code line and end with the signature line, both `#` comments.
      dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', commentChar: '#' },
      schema: { fields: resource.fields, missingValues: [''] },
    })),
  };
}
