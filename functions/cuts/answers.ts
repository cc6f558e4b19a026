import { z } from '@hono/zod-openapi';
import { SCOPES } from '../domain/registration.ts';
import { CHANGE_BREAKDOWNS } from '../registrations/compare.ts';
import { MIN_GROUP, WITHHELD_REASONS } from '../registrations/small-groups.ts';
import { date } from '../shared/answer-parts.ts';

// The shapes of this feature's API answers, for the OpenAPI document.

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
      .object({
        min_group: z.literal(MIN_GROUP),
        reason: z.enum(WITHHELD_REASONS),
        fields: z.array(z.enum(CHANGE_BREAKDOWNS)),
      })
      .optional()
      .describe(
        'Breakdowns withheld on either side by the small-group rule are null here, and so are all attribute breakdowns when the population changed by 1 to 9 applications (reason `small`: the change itself is a small group).',
      ),
  })
  .openapi('CutChanges');
