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
import { MIN_GROUP, WITHHELD_FIELDS, WITHHELD_REASONS } from './small-groups.ts';

// The shapes of this feature's API answers, for the OpenAPI document.

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
    suppressed: z
      .object({
        min_group: z.literal(MIN_GROUP),
        reason: z.enum(WITHHELD_REASONS),
        fields: z.array(z.enum(WITHHELD_FIELDS)),
      })
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
