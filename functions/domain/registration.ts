import { z } from 'zod';
import { isCountryCode } from './countries.ts';
import { daysBetween } from './dates.ts';
import { ENTITY_CODES, type EntityCode } from './entities.ts';

/** Sex as recorded on the application: H hombre, M mujer, X no binario / otro. */
export const SEXES = ['H', 'M', 'X'] as const;
/** Ways to vote from abroad. */
export const MODALITIES = ['postal', 'internet', 'presencial'] as const;
/** How the application was filed: the web system (SRVE) or the phone line (INETEL). */
export const CHANNELS = ['srve', 'inetel'] as const;
/** Credential held: issued abroad (CPVE) or in Mexico (CPV). */
export const CREDENTIALS = ['cpve', 'cpv'] as const;
/** Review status of an application. */
export const STATUSES = ['revision', 'cumple', 'subsane', 'improcedente'] as const;
/** Age bands of the published reports (18 and 19 on their own, then five-year bands, 65+). */
export const AGE_BANDS = [
  '18',
  '19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65+',
] as const;
/** Which applications a figure counts: all received, or only those meeting requirements. */
export const SCOPES = ['received', 'cumple'] as const;

/** A voting modality. */
export type Modality = (typeof MODALITIES)[number];
/** Sex code. */
export type Sex = (typeof SEXES)[number];
/** Filing channel. */
export type Channel = (typeof CHANNELS)[number];
/** Credential type. */
export type Credential = (typeof CREDENTIALS)[number];
/** Review status. */
export type Status = (typeof STATUSES)[number];
/** An age band label. */
export type AgeBand = (typeof AGE_BANDS)[number];
/** A figures scope. */
export type Scope = (typeof SCOPES)[number];

/** The age band an age falls in. */
export function ageBand(age: number): AgeBand {
  if (age < 20) return age <= 18 ? '18' : '19';
  if (age >= 65) return '65+';
  const start = Math.floor(age / 5) * 5;
  return `${start}-${start + 4}` as AgeBand;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (rejects 2021-02-30). */
export const isoDate = z
  .string()
  .regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

const entityCode = z.enum(ENTITY_CODES as [EntityCode, ...EntityCode[]], {
  error: 'must be a two-digit INEGI state code, 01 to 32',
});

/** A registration application as the feed sends it (field rules of the public contract). */
export const applicationSchema = z.object({
  folio: z
    .string({ error: 'is required' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters: letters, digits, _ or -'),
  received_on: isoDate,
  country: z
    .string({ error: 'is required' })
    .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US'),
  entity: entityCode,
  sex: z.enum(SEXES, { error: 'must be H, M or X' }),
  age: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(18, 'must be 18 or more')
    .max(130, 'must be 130 or less'),
  modality: z.enum(MODALITIES, { error: 'must be postal, internet or presencial' }),
  channel: z.enum(CHANNELS, { error: 'must be srve or inetel' }),
  credential: z.enum(CREDENTIALS, { error: 'must be cpve or cpv' }),
  status: z.enum(STATUSES, { error: 'must be revision, cumple, subsane or improcedente' }),
});

/** A validated application. */
export type Application = z.output<typeof applicationSchema>;

/** Field names of an application, in the order the CSV exports use. */
export const APPLICATION_FIELDS = Object.keys(applicationSchema.shape) as (keyof Application)[];

/** The longest registration window a process may have, in days (two years). */
export const MAX_WINDOW_DAYS = 731;

/** Parts of the figures that may be modelled rather than published (the demo data's day-by-day series). */
export const ILLUSTRATIVE_PARTS = ['daily'] as const;

/** The body of `PUT /api/v1/processes/{slug}`. */
export const processBodySchema = z
  .strictObject({
    name: z.strictObject({
      es: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
      en: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    }),
    registration_opens: isoDate,
    registration_closes: isoDate,
    election_day: isoDate.nullable(),
    entities: z
      .array(entityCode)
      .min(1, 'must list at least one state')
      .refine((list) => new Set(list).size === list.length, 'must not repeat a state'),
    modalities: z
      .array(z.enum(MODALITIES, { error: 'must be postal, internet or presencial' }))
      .min(1, 'must list at least one modality')
      .refine((list) => new Set(list).size === list.length, 'must not repeat a modality'),
    illustrative: z
      .array(z.enum(ILLUSTRATIVE_PARTS, { error: `must list only ${ILLUSTRATIVE_PARTS.join(', ')}` }))
      .refine((list) => new Set(list).size === list.length, 'must not repeat a part')
      .default([]),
    // true publishes the process; a new one is unpublished otherwise, and a published one can never be unpublished.
    published: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((p) => p.registration_opens <= p.registration_closes, {
    path: ['registration_closes'],
    message: 'must be on or after registration_opens',
  })
  // A window longer than this has never existed; it also bounds a batch's distinct days (see rollup-keys.ts).
  .refine((p) => daysBetween(p.registration_opens, p.registration_closes) <= MAX_WINDOW_DAYS, {
    path: ['registration_closes'],
    message: `must be at most ${MAX_WINDOW_DAYS} days after registration_opens`,
  })
  .refine((p) => p.election_day === null || p.election_day >= p.registration_closes, {
    path: ['election_day'],
    message: 'must be on or after registration_closes',
  });

/** An electoral process definition. */
export type ProcessBody = z.output<typeof processBodySchema>;

/** A process slug: `^[a-z0-9][a-z0-9-]{1,62}$`. */
export const processSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 characters: lower-case letters, digits and -');
