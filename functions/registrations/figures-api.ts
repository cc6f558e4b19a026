import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { viewerOf } from '../auth/viewer.ts';
import { countryName } from '../domain/countries.ts';
import { signCsv } from '../domain/signed-files/index.ts';
import { VIEWS } from '../domain/views.ts';
import type { AppEnv } from '../env.ts';
import { figureSource, serveFigures } from '../processes/figure-source.ts';
import { signingKey } from '../publications/keys.ts';
import { toCsv } from '../shared/csv.ts';
import { errors, jsonAnswer, processParam, textAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { LANGS } from '../shared/i18n.ts';
import { jsonWithRankedKeys } from '../shared/ordered-json.ts';
import { requireEntityInProcess } from '../shared/problems.ts';
import { validationHook } from '../shared/validate.ts';
import { SummaryAnswer } from './answers.ts';
import { dashboardQuerySchema } from './dashboard/params.ts';
import { serveFiguresView } from './dashboard/serve-view.ts';
import { csvCodeLine } from './dashboard/view-publication.ts';
import { viewCsv } from './dashboard/view-tables.ts';
import { FIGURE_FILTERS } from './figure-query.ts';
import { readCountryEntityTable, readSummary } from './summary.ts';

/** Query of the public figures endpoints: `scope`, `entity`, `country` (unknown parameters are ignored). */
const figuresQuerySchema = z.object(FIGURE_FILTERS);

// The view CSV takes the dashboard's query, without what its path already says.
const viewCsvQuery = dashboardQuerySchema.pick({ lang: true, scope: true, entity: true, country: true, cut: true });

/** `/api/v1/registrations/{process}/…`: the public figures (summary, view CSVs, countries by state). */
export const figureRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/summary',
      tags: ['Registrations'],
      summary: 'The figures of a process (public, CORS open, cached)',
      request: { params: processParam, query: figuresQuerySchema },
      responses: {
        200: jsonAnswer('The figures, with `ETag`, `Cache-Control` and `Server-Timing` (D1 rows read).', SummaryAnswer),
        304: { description: 'Not modified (`If-None-Match`).' },
        ...errors('not_found', 'validation_failed', 'rate_limited'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const source = await figureSource(c.env.DB, viewerOf(c), c.req.valid('param').process, query.cut);
      const { process, cut } = source;
      requireEntityInProcess(process, query.entity);
      const filters = { entity: query.entity ?? null, country: query.country ?? null };
      return serveFigures(
        c,
        source,
        'summary',
        query,
        async () => {
          const { value, rowsRead } = await readSummary(c.env.DB, process, query.scope, filters, cut?.date ?? null);
          const body = jsonWithRankedKeys(value, ['by_entity', 'by_country']);
          return {
            response: new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
            rowsRead,
          };
        },
        { front: true },
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/views/{file}',
      tags: ['Registrations'],
      summary: "The figures of one dashboard view as CSV, labels in the reader's language",
      request: {
        params: processParam.extend({
          file: z.string().describe(`The view and \`.csv\`: ${VIEWS.map((v) => `${v}.csv`).join(', ')}.`),
        }),
        query: viewCsvQuery,
      },
      responses: {
        200: textAnswer(
          'One row per category: `table,code,label,count,share` (the timeline: `date,daily,cumulative`).',
        ),
        ...errors('not_found', 'validation_failed', 'rate_limited'),
      },
    }),
    async (c) => {
      const { process: slug, file } = c.req.valid('param');
      const view = VIEWS.find((v) => file === `${v}.csv`);
      if (!view) {
        throw new ApiError(
          'not_found',
          `There is no view '${file}'. Use one of: ${VIEWS.map((v) => `${v}.csv`).join(', ')}.`,
        );
      }
      const query = { ...c.req.valid('query'), process: slug, view, theme: 'auto' as const };
      const origin = new URL(c.req.url).origin;
      const search = new URLSearchParams(
        Object.entries(c.req.valid('query')).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      return serveFiguresView(c, query, {
        kind: 'view-csv',
        // The first line names this host (the link to the code's page).
        extra: { origin },
        changes: view === 'changes',
        publishes: { kind: 'csv', view, path: () => `/api/v1/registrations/${slug}/views/${file}?${search}` },
        render: async (model, publication) => {
          const text = `${publication ? csvCodeLine(publication.code, origin) : ''}${viewCsv(model, view)}`;
          const signer = publication ? await signingKey(c.env) : null;
          const body = signer && publication ? await signCsv(text, { code: publication.code, signer }) : text;
          return new Response(body, {
            headers: {
              'Content-Type': 'text/csv; charset=utf-8',
              'Content-Disposition': `attachment; filename="${slug}-${view}-${query.scope}${query.cut ? `-${query.cut}` : ''}.csv"`,
            },
          });
        },
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/countries.csv',
      tags: ['Registrations'],
      summary: 'Applications by country and state',
      request: { params: processParam, query: figuresQuerySchema.pick({ scope: true, cut: true }) },
      responses: {
        200: textAnswer(
          '`country,country_name_es,country_name_en,total,<entity code>...`, one row per country, largest first.',
        ),
        ...errors('not_found', 'validation_failed', 'rate_limited'),
      },
    }),
    async (c) => {
      const [slug, query] = [c.req.valid('param').process, c.req.valid('query')];
      const source = await figureSource(c.env.DB, viewerOf(c), slug, query.cut);
      const { process, cut } = source;
      return serveFigures(c, source, 'countries', query, async () => {
        const { value, rowsRead } = await readCountryEntityTable(c.env.DB, process, query.scope, cut?.date ?? null);
        const header = ['country', ...LANGS.map((lang) => `country_name_${lang}`), 'total', ...process.entities];
        const body = toCsv([
          header,
          ...value.map((row) => [
            row.country,
            ...LANGS.map((lang) => countryName(row.country, lang)),
            row.total,
            ...process.entities.map((e) => row.entities[e] ?? 0),
          ]),
        ]);
        const response = new Response(body, {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `inline; filename="${slug}-countries-${query.scope}${cut ? `-${cut.date}` : ''}.csv"`,
          },
        });
        return { response, rowsRead };
      });
    },
  );
