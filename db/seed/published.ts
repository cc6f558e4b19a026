// One module for every table the two INE reports publish, read from ../shared/data and mapped to contract codes,
// so that the generator and its tests check against a single reading of the reports.
import type { EntityCode } from '../../functions/domain/entities.ts';
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
import {
  count,
  entityCodeOf,
  field,
  type ProcessSlug,
  processRows,
  type Row,
  readTable,
  type Scope,
  scopeOf,
} from './report-tables.ts';

export { type ProcessDates, publishedDates } from './published-dates.ts';
export { entityCodeOf, PROCESS_SLUGS, type ProcessSlug, type Scope } from './report-tables.ts';
export { AGE_BANDS, type AgeBand, ageBand, type Channel, type Credential, type Modality, type Sex, type Status };

/** Inclusive age range of a band; 65+ is open-ended, so its top is the oldest age the generator uses. */
export function ageBandRange(band: AgeBand): readonly [number, number] {
  if (band === '65+') return [65, 99];
  const [lo, hi] = band.split('-').map(Number);
  if (lo === undefined) throw new Error(`ageBandRange: bad band ${band}`);
  return [lo, hi ?? lo];
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
