import { z } from '@hono/zod-openapi';
import {
  AGE_BANDS,
  applicationSchema,
  CHANNELS,
  CREDENTIALS,
  MODALITIES,
  SCOPES,
  SEXES,
  STATUSES,
} from '../domain/registration.ts';
import { ProcessAnswer } from '../processes/answers.ts';
import { counts, date } from '../shared/answer-parts.ts';
import { jsonSchemaOf } from '../shared/describe.ts';
import {
  CHANGE_BREAKDOWNS,
  type ChangeBreakdown,
  MIN_GROUP,
  WITHHELD_FIELDS,
  WITHHELD_REASONS,
} from './small-groups.ts';

// The shapes of this feature's API answers, for the OpenAPI document. They are also the types of the data
// functions that build those answers (`z.output<typeof …>` in summary.ts, compare.ts, changes.ts), so an answer
// cannot drift from its documented shape without failing `tsc`.

/** What an answer says when it withholds breakdowns: the smallest group, why, and the fields set to null. */
const suppressedOf = <const F extends readonly string[]>(fields: F) =>
  z.object({ min_group: z.literal(MIN_GROUP), reason: z.enum(WITHHELD_REASONS), fields: z.array(z.enum(fields)) });

/** One application as the feed sends it: the `Application` component, which NDJSON lines and CSV rows follow. */
export const APPLICATION_JSON_SCHEMA = jsonSchemaOf(applicationSchema);

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
    breakdowns_as_of: z
      .string()
      .nullable()
      .optional()
      .describe(
        'Present when the attribute breakdowns are those last published for this population (rule 3: since then it changed by 1 to 9 applications, which new breakdowns would describe): the as_of of the version they come from. The total and the counts by state and country are current.',
      ),
    suppressed: suppressedOf(WITHHELD_FIELDS)
      .optional()
      .describe(
        'Present when the attribute breakdowns are withheld, and why: `small` (the population has 1 to 9 applications), `cross` (filtered by both state and country), `complementary` (the disclosure audit of this version withholds it so that no combination of published answers isolates 1 to 9 applications). The fields named are null; the counts by state and country stay exact.',
      ),
  })
  .openapi('Summary');

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

/** One category's move between two cuts. */
export const MoveAnswer = z.object({
  code: z.string(),
  before: z.number().int(),
  after: z.number().int(),
  change: z.number().int(),
});

const moves = z.array(MoveAnswer).nullable().describe('Largest moves first.');

/** What changed between two versions of the figures: the total and each breakdown (compare.ts builds it). */
export const ComparisonAnswer = z.object({
  total: z.object({ before: z.number().int(), after: z.number().int(), change: z.number().int() }),
  ...(Object.fromEntries(CHANGE_BREAKDOWNS.map((name) => [name, moves])) as Record<ChangeBreakdown, typeof moves>),
  suppressed: suppressedOf(CHANGE_BREAKDOWNS)
    .optional()
    .describe(
      'Breakdowns withheld on either side by the small-group rule are null here, and so are all attribute breakdowns when the population changed by 1 to 9 applications (reason `small`: the change itself is a small group).',
    ),
});

/** `GET …/cuts/{date}/changes`: a cut against the one before it. */
export const CutChangesAnswer = z
  .object({
    process: z.string(),
    from: date.nullable().describe('The cut before (null for the first cut: everything counts from zero).'),
    to: date,
    scope: z.enum(SCOPES),
    filters: z.object({ entity: z.string().nullable(), country: z.string().nullable() }),
    ...ComparisonAnswer.shape,
  })
  .openapi('CutChanges');
