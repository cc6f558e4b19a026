import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ENTITY_IDS } from '../domain/entity-ids.ts';
import type { AppEnv } from '../env.ts';
import { recordsCsv } from '../shared/csv.ts';
import { jsonAnswer, textAnswer } from '../shared/describe.ts';
import { validationHook } from '../shared/validate.ts';

/** One state in every naming partners join on. */
const EntityAnswer = z
  .object({
    code: z.string().describe('INEGI code, `01`..`32`: what every other route stores and answers.'),
    name_es: z.string(),
    name_en: z.string(),
    iso_3166_2: z.string().describe('ISO 3166-2, e.g. `MX-JAL`.'),
    ocd_id: z.string().describe('Open Civic Data division id, e.g. `ocd-division/country:mx/state:ja`.'),
  })
  .openapi('Entity');

// The list never changes between deploys: a day in caches, a week stale while revalidating.
const CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

/** `GET /api/v1/entities` (+ `.csv`): the crosswalk of the 32 states (INEGI, names, ISO 3166-2, OCD id). */
export const entityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/entities',
      tags: ['Registrations'],
      summary: 'The 32 states: INEGI code, names, ISO 3166-2 and OCD id (public)',
      description:
        'Every `entity=` parameter accepts any of `code`, `iso_3166_2` and `ocd_id`; answers always name states by INEGI code.',
      responses: { 200: jsonAnswer('The states in INEGI order.', z.array(EntityAnswer)) },
    }),
    (c) => {
      c.header('Cache-Control', CACHE);
      return c.json([...ENTITY_IDS], 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/entities.csv',
      tags: ['Registrations'],
      summary: 'The same crosswalk as CSV',
      responses: { 200: textAnswer('`code,name_es,name_en,iso_3166_2,ocd_id`, one row per state in INEGI order.') },
    }),
    (c) =>
      c.body(recordsCsv(ENTITY_IDS as unknown as Record<string, unknown>[]), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'inline; filename="entities.csv"',
        'Cache-Control': CACHE,
      }),
  );
