import { z } from '@hono/zod-openapi';
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
