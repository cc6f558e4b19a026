// One module for every table the two INE reports publish, read from ../shared/data and mapped to contract codes,
// so that the generator and its tests check against a single reading of the reports.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ENTITIES, type EntityCode, isEntityCode } from '../../functions/domain/entities.ts';
import {
  AGE_BANDS,
  type AgeBand,
  ageBand,
  type Channel,
  type Credential,
  type Modality,
  type Sex,
  type Status,
} from '../../functions/domain/registration.ts';
import { countryCode } from './countries.ts';

/** The two electoral processes whose INE reports publish registration tables. */
export const PROCESS_SLUGS = ['pel-2020-2021', 'pel-2022-2023'] as const;
/** Slug of a process with published registration tables. */
export type ProcessSlug = (typeof PROCESS_SLUGS)[number];

/** Which requests a published figure counts: all received, or only those meeting requirements (status cumple). */
export type Scope = 'received' | 'meets_requirements';
export { AGE_BANDS, type AgeBand, ageBand, type Channel, type Credential, type Modality, type Sex, type Status };

/** Inclusive age range of a band; 65+ is open-ended, so its top is the oldest age the generator uses. */
export function ageBandRange(band: AgeBand): readonly [number, number] {
  if (band === '65+') return [65, 99];
  const [lo, hi] = band.split('-').map(Number);
  if (lo === undefined) throw new Error(`ageBandRange: bad band ${band}`);
  return [lo, hi ?? lo];
}

function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Official long names and common short forms the reports may print instead of the catalogue name.
const ENTITY_ALIASES: Readonly<Record<string, EntityCode>> = {
  'coahuila de zaragoza': '05',
  mexico: '15',
  'michoacan de ocampo': '16',
  'veracruz de ignacio de la llave': '30',
  cdmx: '09',
  'distrito federal': '09',
};

const ENTITY_BY_FOLDED_NAME: ReadonlyMap<string, EntityCode> = new Map([
  ...Object.entries(ENTITY_ALIASES),
  ...Object.entries(ENTITIES).map(([code, names]) => {
    if (!isEntityCode(code)) throw new Error(`entities: bad INEGI code ${code}`);
    return [fold(names.es), code] as const;
  }),
]);

/** INEGI code of a Mexican state named as in the reports (any case, with or without accents); throws on an unknown name. */
export function entityCodeOf(name: string): EntityCode {
  const code = ENTITY_BY_FOLDED_NAME.get(fold(name));
  if (code === undefined) throw new Error(`entityCodeOf: unknown Mexican state name ${JSON.stringify(name)}`);
  return code;
}

const DATA_DIR = new URL('../../../shared/data/', import.meta.url);

type Row = Readonly<Record<string, string>>;
const fileCache = new Map<string, readonly Row[]>();

function readTable(file: string): readonly Row[] {
  let rows = fileCache.get(file);
  if (rows === undefined) {
    rows = parse(readFileSync(new URL(file, DATA_DIR), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
    fileCache.set(file, rows);
  }
  return rows;
}

function field(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`published: missing column ${column}`);
  return value;
}

function count(row: Row, column: string): number {
  const text = field(row, column);
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < 0)
    throw new Error(`published: ${column}=${JSON.stringify(text)} is not a count`);
  return value;
}

function scopeOf(text: string): Scope {
  if (text === 'received' || text === 'meets_requirements') return text;
  throw new Error(`published: unknown status_scope ${JSON.stringify(text)}`);
}

function processRows(file: string, slug: ProcessSlug): readonly Row[] {
  // Printed TOTAL rows/columns would double count anything summed over these tables.
  return readTable(file).filter((row) => field(row, 'process') === slug && row.is_reported_total !== '1');
}

/** One cell of the country × entity tables (counts of requests by country of residence and state of origin). */
export interface CountryEntityCell {
  readonly scope: Scope;
  /** Country name as printed (normalized so both 2022 tables agree). */
  readonly countryName: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly entity: EntityCode;
  readonly count: number;
}

/** Every printed country × entity cell of a process (zeros included), as contract codes. */
export function publishedCountryEntity(slug: ProcessSlug): CountryEntityCell[] {
  return processRows('registrations_by_country_entity.csv', slug).map((row) => ({
    scope: scopeOf(field(row, 'status_scope')),
    countryName: field(row, 'country_normalized'),
    country: countryCode(field(row, 'country_normalized')),
    entity: entityCodeOf(field(row, 'entity')),
    count: count(row, 'count'),
  }));
}

/** Category codes of each counted dimension, named after the Application field they split ('entity' = per-state totals). */
export interface CategoryByDimension {
  channel: Channel;
  credential: Credential;
  sex: Sex;
  age_band: AgeBand;
  modality: Modality;
  status: Status;
  entity: 'total';
}
/** A counted dimension of registrations_breakdowns.csv. */
export type CountDimension = keyof CategoryByDimension;

/** One printed count of registrations_breakdowns.csv: requests in `scope`, restricted to `entity`/`channel` when not null. */
export type CountCell = {
  [D in CountDimension]: {
    readonly scope: Scope;
    readonly dimension: D;
    readonly entity: EntityCode | null;
    readonly channel: Channel | null;
    readonly category: CategoryByDimension[D];
    readonly label: string;
    readonly value: number;
  };
}[CountDimension];

const CHANNELS: Readonly<Record<string, Channel>> = { INETEL: 'inetel', SRVE: 'srve', inetel: 'inetel', srve: 'srve' };
const CREDENTIALS: Readonly<Record<string, Credential>> = { cpve: 'cpve', cpv_national: 'cpv' };
const SEXES: Readonly<Record<string, Sex>> = { male: 'H', female: 'M' };
const MODALITIES: Readonly<Record<string, Modality>> = {
  postal: 'postal',
  internet: 'internet',
  in_person: 'presencial',
};
const STATUSES: Readonly<Record<string, Status>> = {
  meets_requirements: 'cumple',
  with_inconsistencies: 'subsane',
  sent_to_correction: 'subsane',
  under_review: 'revision',
  improper: 'improcedente',
};

function lookup<T>(table: Readonly<Record<string, T>>, key: string, what: string): T {
  const value = table[key];
  if (value === undefined) throw new Error(`published: unknown ${what} ${JSON.stringify(key)}`);
  return value;
}

function countCell(row: Row): CountCell {
  const base = {
    scope: scopeOf(field(row, 'status_scope')),
    entity: field(row, 'entity') === 'all' ? null : entityCodeOf(field(row, 'entity')),
    channel: field(row, 'channel') === 'all' ? null : lookup(CHANNELS, field(row, 'channel'), 'channel'),
    label: field(row, 'category_label_es'),
    value: count(row, 'value'),
  };
  const category = field(row, 'category');
  const dimension = field(row, 'dimension');
  switch (dimension) {
    case 'channel':
      return { ...base, dimension: 'channel', category: lookup(CHANNELS, category, 'channel') };
    case 'credential_type':
      return { ...base, dimension: 'credential', category: lookup(CREDENTIALS, category, 'credential type') };
    case 'sex':
      return { ...base, dimension: 'sex', category: lookup(SEXES, category, 'sex') };
    case 'age_band': {
      const band = AGE_BANDS.find((b) => b === category);
      if (band === undefined) throw new Error(`published: unknown age band ${JSON.stringify(category)}`);
      return { ...base, dimension: 'age_band', category: band };
    }
    case 'modality':
      return { ...base, dimension: 'modality', category: lookup(MODALITIES, category, 'modality') };
    case 'review_status':
      return { ...base, dimension: 'status', category: lookup(STATUSES, category, 'review status') };
    case 'entity':
      if (category !== 'total') throw new Error(`published: entity row with category ${category}`);
      return { ...base, dimension: 'entity', category: 'total' };
    default:
      throw new Error(`published: unexpected count dimension ${JSON.stringify(dimension)}`);
  }
}

/** Every printed non-total count of registrations_breakdowns.csv for a process (mean ages excluded). */
export function publishedCounts(slug: ProcessSlug): CountCell[] {
  return processRows('registrations_breakdowns.csv', slug)
    .filter((row) => field(row, 'dimension') !== 'mean_age')
    .map(countCell);
}

/** A printed mean age (years) of the requests of one state in one scope. */
export interface MeanAgeCell {
  readonly scope: Scope;
  readonly entity: EntityCode;
  readonly value: number;
  /** Decimal places printed, so a generated mean must round to `value` at this precision. */
  readonly decimals: number;
}

/** Every printed mean age of a process. */
export function publishedMeanAges(slug: ProcessSlug): MeanAgeCell[] {
  return processRows('registrations_breakdowns.csv', slug)
    .filter((row) => field(row, 'dimension') === 'mean_age')
    .map((row) => {
      const text = field(row, 'value');
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) throw new Error(`published: bad mean age ${JSON.stringify(text)}`);
      return {
        scope: scopeOf(field(row, 'status_scope')),
        entity: entityCodeOf(field(row, 'entity')),
        value,
        decimals: text.split('.')[1]?.length ?? 0,
      };
    });
}

/** Registration calls of INETEL's outbound campaign split by chosen modality, per state (002 only; empty for 001). */
export interface InetelRegistrationCell {
  readonly entity: EntityCode;
  readonly modality: Modality;
  readonly count: number;
}

const REGISTERED_OUTCOMES: Readonly<Record<string, Modality>> = {
  registered_postal: 'postal',
  registered_internet: 'internet',
  registered_in_person: 'presencial',
};

/** INETEL outbound calls that ended in a registration, by state and modality (used to fill channel × modality). */
export function publishedInetelRegistrations(slug: ProcessSlug): InetelRegistrationCell[] {
  return processRows('inetel_calls.csv', slug)
    .filter((row) => field(row, 'call_type') === 'outbound_registration_invitation' && field(row, 'entity') !== 'all')
    .flatMap((row) => {
      const modality = REGISTERED_OUTCOMES[field(row, 'outcome')];
      return modality === undefined
        ? []
        : [{ entity: entityCodeOf(field(row, 'entity')), modality, count: count(row, 'count') }];
    });
}

/** INETEL follow-up calls to requests sent to correction (subsane), per state (002 only). */
export function publishedCorrectionFollowups(slug: ProcessSlug): Map<EntityCode, number> {
  const out = new Map<EntityCode, number>();
  // The per-state figures of this table are printed as its TOTAL row, so read them before total rows are dropped.
  for (const row of readTable('inetel_calls.csv')) {
    if (field(row, 'process') !== slug || field(row, 'call_type') !== 'outbound_correction_followup') continue;
    if (field(row, 'outcome') !== 'total' || field(row, 'entity') === 'all') continue;
    out.set(entityCodeOf(field(row, 'entity')), count(row, 'count'));
  }
  return out;
}

/** Key dates of a process from timeline.csv and the registration tables' cut-off. */
export interface ProcessDates {
  readonly registrationOpens: string;
  readonly registrationCloses: string;
  /** Date of the figures in the report: every generated request is received on or before it. */
  readonly cutoff: string;
  /** Null when the report does not state it. */
  readonly electionDay: string | null;
}

/** Registration window, report cut-off and election day of a process as stated in its report. */
export function publishedDates(slug: ProcessSlug): ProcessDates {
  const rows = readTable('timeline.csv').filter((row) => field(row, 'process') === slug);
  const dateOf = (category: string): string | null => {
    const dates = [
      ...new Set(rows.filter((row) => field(row, 'category') === category).map((row) => field(row, 'date'))),
    ];
    if (dates.length > 1) throw new Error(`published: ${slug} has several ${category} dates: ${dates.join(', ')}`);
    return dates[0] ?? null;
  };
  const required = (category: string): string => {
    const date = dateOf(category);
    if (date === null) throw new Error(`published: ${slug} has no ${category} in timeline.csv`);
    return date;
  };
  const cutoffs = [
    ...new Set(processRows('registrations_breakdowns.csv', slug).map((row) => field(row, 'cutoff_date'))),
  ];
  const cutoff = cutoffs[0];
  // The timeline also lists the fortnightly report cut-offs, so the tables' own date must be one of them.
  const timelineCutoffs = rows
    .filter((row) => field(row, 'category') === 'report_cutoff')
    .map((row) => field(row, 'date'));
  if (cutoff === undefined || cutoffs.length !== 1 || !timelineCutoffs.includes(cutoff)) {
    throw new Error(
      `published: ${slug} registration tables' cut-off ${cutoffs.join(', ')} is not a single timeline report_cutoff`,
    );
  }
  return {
    registrationOpens: required('registration_period_start'),
    registrationCloses: required('registration_period_end'),
    cutoff,
    electionDay: dateOf('election_day'),
  };
}
