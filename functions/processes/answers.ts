import { z } from '@hono/zod-openapi';
import { ILLUSTRATIVE_PARTS, MODALITIES } from '../domain/registration.ts';
import { date, perLanguage } from '../shared/answer-parts.ts';

// The shapes of this feature's API answers, for the OpenAPI document.

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
