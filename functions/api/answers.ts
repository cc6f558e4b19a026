import { z } from '@hono/zod-openapi';
import { LANGS, type Lang } from '../../site/i18n/locales.ts';
import { CHANGE_BREAKDOWNS } from '../domain/cut-changes.ts';
import { SIZE_NAMES } from '../domain/infographics.ts';
import {
  AGE_BANDS,
  CHANNELS,
  CREDENTIALS,
  ILLUSTRATIVE_PARTS,
  MODALITIES,
  SCOPES,
  SEXES,
  STATUSES,
} from '../domain/registration.ts';
import { TOKEN_SCOPES } from '../domain/scopes.ts';
import { MIN_GROUP, WITHHELD_FIELDS } from '../domain/small-groups.ts';

// The shapes of the API's answers, for the OpenAPI document (requests are validated by the domain schemas;
// answers are built by the data functions, whose types these mirror).

const perLanguage = z.object(Object.fromEntries(LANGS.map((lang) => [lang, z.string()])) as Record<Lang, z.ZodString>);
const counts = (keys: readonly string[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()]))).describe('Every category, zero when empty.');
const date = z.string().describe('YYYY-MM-DD');

/** An electoral process as the API shows it. */
export const ProcessAnswer = z
  .object({
    slug: z.string(),
    name: perLanguage,
    registration_opens: date,
    registration_closes: date,
    election_day: date.nullable(),
    entities: z.array(z.string()).describe('INEGI codes of the states that vote from abroad in this process.'),
    modalities: z.array(z.enum(MODALITIES)),
    illustrative: z
      .array(z.enum(ILLUSTRATIVE_PARTS))
      .describe('Parts of the figures that are modelled rather than published (`daily`: the day-by-day series).'),
    data_version: z.number().int().describe('Grows with every ingest that changes the figures.'),
    as_of: z
      .string()
      .nullable()
      .describe('The moment the figures describe (RFC 3339): the latest `Data-As-Of` applied.'),
    updated_at: z.string().describe('When the figures or the definition last changed here (RFC 3339).'),
    published: z
      .boolean()
      .describe(
        'False until an admin publishes it: until then only admin and staff tokens and signed-in staff see it.',
      ),
    published_at: z.string().nullable().describe('When it was published (RFC 3339); null while unpublished.'),
    links: z.object({ summary: z.string(), countries_csv: z.string() }),
  })
  .openapi('Process');

/** The answer of `GET /api/v1/processes`. */
export const ProcessListAnswer = z.object({ processes: z.array(ProcessAnswer) }).openapi('ProcessList');

/** The registration figures of a process, scope and filters. */
export const SummaryAnswer = z
  .object({
    process: ProcessAnswer.pick({
      slug: true,
      name: true,
      registration_opens: true,
      registration_closes: true,
      election_day: true,
    }),
    scope: z.enum(SCOPES),
    filters: z.object({ entity: z.string().nullable(), country: z.string().nullable() }),
    as_of: z.string().nullable(),
    updated_at: z.string(),
    total: z.number().int(),
    by_channel: counts(CHANNELS).nullable(),
    by_credential: counts(CREDENTIALS).nullable(),
    by_sex: counts(SEXES).nullable(),
    by_age_band: counts(AGE_BANDS).nullable(),
    by_modality: counts(MODALITIES).nullable(),
    by_status: counts(STATUSES).nullable(),
    by_entity: z.record(z.string(), z.number().int()).describe('Non-zero states, largest first.'),
    by_country: z.record(z.string(), z.number().int()).describe('Non-zero countries, largest first.'),
    daily: z
      .array(z.object({ date, count: z.number().int() }))
      .nullable()
      .describe('Every day from the first application to the last, zeros included.'),
    suppressed: z
      .object({ min_group: z.literal(MIN_GROUP), fields: z.array(z.enum(WITHHELD_FIELDS)) })
      .optional()
      .describe(
        'Present when the population has 1 to 9 applications, or differs by 1 to 9 from the population with one filter fewer or from the same filters in the other scope: the fields named are null.',
      ),
  })
  .openapi('Summary');

/** A cut of a process's figures, with the links to everything it can be read as. */
export const CutAnswer = z
  .object({
    date: date.describe('The cut, named by the Mexico City day at whose end it was taken.'),
    taken_at: z.string().describe('When it was taken (RFC 3339).'),
    as_of: z.string().nullable().describe('The moment its figures describe (RFC 3339).'),
    total: z.number().int().describe('Applications received.'),
    cumple: z.number().int().describe('Applications that meet requirements.'),
    links: z.record(z.string(), z.string()).describe('Summary, countries.csv, changes, package, report, embed.'),
  })
  .openapi('Cut');

/** `GET …/cuts`: newest first. */
export const CutListAnswer = z.array(CutAnswer).openapi('CutList');

const move = z.object({
  code: z.string(),
  before: z.number().int(),
  after: z.number().int(),
  change: z.number().int(),
});

/** `GET …/cuts/{date}/changes`. */
export const CutChangesAnswer = z
  .object({
    process: z.string(),
    from: date.nullable().describe('The cut before (null for the first cut: everything counts from zero).'),
    to: date,
    scope: z.enum(SCOPES),
    filters: z.object({ entity: z.string().nullable(), country: z.string().nullable() }),
    total: z.object({ before: z.number().int(), after: z.number().int(), change: z.number().int() }),
    ...Object.fromEntries(
      CHANGE_BREAKDOWNS.map((name) => [name, z.array(move).nullable().describe('Largest moves first.')]),
    ),
    suppressed: z
      .object({ min_group: z.literal(MIN_GROUP), fields: z.array(z.enum(CHANGE_BREAKDOWNS)) })
      .optional()
      .describe('Breakdowns withheld on either side by the small-group rule are null here.'),
  })
  .openapi('CutChanges');

/** What an applied (or replayed) batch did. */
export const BatchAnswer = z
  .object({
    batch: z.string(),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .openapi('BatchResult');

/** The staff summary of the site's own traffic (the contract's fields, and more tables). */
export const MetricsSummaryAnswer = z
  .looseObject({
    from: date,
    to: date,
    pageviews: z.number().int(),
    visitors: z.number().int().describe('Distinct daily visitors, summed over the days.'),
    events: z.record(z.string(), z.number().int()),
    pages: z.array(z.looseObject({ path: z.string(), pageviews: z.number().int(), visitors: z.number().int() })),
    campaigns: z.array(
      z.object({ source: z.string(), medium: z.string(), campaign: z.string(), visits: z.number().int() }),
    ),
    referrers: z.array(z.object({ host: z.string(), visits: z.number().int() })),
    embeds: z.array(z.object({ host: z.string(), views: z.number().int() })),
    downloads: z.array(z.object({ asset: z.string(), count: z.number().int() })),
    previous: z.looseObject({ from: date, to: date }).describe('The same figures for the period just before.'),
  })
  .openapi('MetricsSummary');

/** A partner's own referral figures. */
export const ReferralAnswer = z
  .object({
    code: z.string(),
    name: z.string(),
    from: date,
    to: date,
    visits: z.number().int(),
    visitors: z.number().int(),
    register_clicks: z.number().int(),
    daily: z.array(
      z.object({ date, visits: z.number().int(), visitors: z.number().int(), register_clicks: z.number().int() }),
    ),
  })
  .openapi('ReferralFigures');

/** The site's traffic as anyone may see it: counts under 10 are null. */
export const PublicTrafficAnswer = z
  .object({
    from: date,
    to: date,
    suppressed_below: z.number().int(),
    pageviews: z.number().int().nullable(),
    visitors: z.number().int().nullable(),
    pages: z.array(z.object({ path: z.string(), pageviews: z.number().int().nullable() })),
    languages: z.array(z.object({ lang: z.string(), events: z.number().int().nullable() })),
    countries: z.array(z.object({ country: z.string(), events: z.number().int() })),
  })
  .openapi('PublicTraffic');

/** One infographic template, with what it takes. */
export const TemplateAnswer = z
  .object({
    template: z.string(),
    title: perLanguage,
    sizes: z.array(z.enum(SIZE_NAMES as [string, ...string[]])),
    params: z.array(
      z.object({
        name: z.string(),
        required: z.boolean(),
        default: z.string().optional(),
        values: z.array(z.string()).optional(),
        pattern: z.string().optional(),
      }),
    ),
    formats: z.array(z.string()),
    dimensions: z.record(z.string(), z.object({ width: z.number().int(), height: z.number().int() })),
  })
  .openapi('InfographicTemplate');

/** The `.json` of an image: its alt text in both languages and the version it shows. */
export const ImageInfoAnswer = z
  .object({
    template: z.string(),
    size: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    alt: perLanguage,
    data_version: z.string(),
    png: z.string(),
    svg: z.string(),
  })
  .openapi('InfographicInfo');

const PublicHealth = z.object({ status: z.literal('ok'), database: z.literal('ok') }).openapi('Health');

const AdminHealth = PublicHealth.extend({
  migrations: z
    .object({
      applied: z.number().int().describe('How many migrations the database has applied.'),
      latest: z.string().nullable().describe('The file name of the latest applied migration.'),
    })
    .describe('Only with an admin token: the public never learns which schema is live.'),
}).openapi('HealthWithMigrations');

/** The health check: the public answer, or with an admin token the same plus the migration level. */
export const HealthAnswer = z.union([AdminHealth, PublicHealth]);

/** `GET /api/v1/me`: the signed-in person. */
export const MeAnswer = z
  .object({
    email: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    referral_code: z.string().nullable(),
    sign_out: z.string().describe('Access’s logout path on this host.'),
  })
  .openapi('Me');
