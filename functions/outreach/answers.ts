import { z } from '@hono/zod-openapi';
import { NATURAL_KEYS, STORED_COLUMNS } from '../domain/outreach.ts';

/** What an outreach import changed. */
export const OutreachImportAnswer = z
  .object({
    kind: z.enum(['figures', 'calls', 'contacts']).describe('Which kind of file the header showed.'),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .openapi('OutreachImportResult');

const stored = (kind: keyof typeof STORED_COLUMNS) =>
  z.looseObject(Object.fromEntries(STORED_COLUMNS[kind].map((c) => [c, z.unknown()])));

/** The outreach report of a period (JSON). */
export const OutreachReportAnswer = z
  .looseObject({
    from: z.string(),
    to: z.string(),
    lang: z.enum(['es', 'en']),
    periods: z.array(z.object({ from: z.string(), to: z.string() })),
    sources: z.array(z.string()),
    figures: z.array(
      z.object({
        table: z.string(),
        title: z.string(),
        groups: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            rows: z.array(stored('figures')),
            sums: z.array(z.object({ source: z.string(), metric: z.string(), value: z.number() })),
          }),
        ),
      }),
    ),
    inetel_calls: z.array(
      z.object({ call_type: z.string(), title: z.string(), rows: z.array(stored('calls')), detail_sum: z.number() }),
    ),
    inetel_contacts: z.array(z.looseObject({ subject: z.string(), title: z.string() })),
    site: z.looseObject({ pageviews: z.number().int(), visitors: z.number().int() }),
    content: z.object({ events: z.array(z.looseObject({})), press_releases: z.array(z.looseObject({})) }),
  })
  .openapi('OutreachReport');

/** The report periods stored. */
export const OutreachPeriodsAnswer = z
  .object({ periods: z.array(z.object({ from: z.string(), to: z.string() })) })
  .openapi('OutreachPeriods');

/** Natural keys, for the description of the import routes. */
export const KEY_WORDS = `figures: ${NATURAL_KEYS.figures.join(', ')}; calls: ${NATURAL_KEYS.calls.join(', ')}; contacts: ${NATURAL_KEYS.contacts.join(', ')}`;
