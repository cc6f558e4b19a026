import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LANGS } from '../../site/i18n/locales.ts';
import { requireScope } from '../auth/require-scope.ts';
import { dashboardQuerySchema } from '../dashboard/params.ts';
import { serveFiguresView } from '../dashboard/serve-view.ts';
import { viewCsv } from '../dashboard/view-tables.ts';
import { currentProcess, forgetProcess } from '../data/data-version.ts';
import { applyBatch, type BatchResult, findBatch, toResult } from '../data/ingest.ts';
import { getProcess } from '../data/processes.ts';
import { readCountryEntityTable, readSummary } from '../data/summary.ts';
import { countryName } from '../domain/countries.ts';
import { BATCH_LIMITS, type BatchFormat, parseBatch } from '../domain/parse-batch.ts';
import { applicationSchema } from '../domain/registration.ts';
import { VIEWS } from '../domain/views.ts';
import type { AppEnv } from '../env.ts';
import { toCsv } from '../lib/csv.ts';
import { ApiError } from '../lib/errors.ts';
import { serveVersioned } from '../lib/http-cache.ts';
import { mediaType } from '../lib/media-type.ts';
import { jsonWithRankedKeys } from '../lib/ordered-json.ts';
import { requireEntityInProcess, unknownProcess } from '../lib/problems.ts';
import { readBodyLimited, sha256Hex } from '../lib/read-body.ts';
import { validationHook } from '../lib/validate.ts';
import { BatchAnswer, SummaryAnswer } from './answers.ts';
import { bodyOf, errors, jsonAnswer, needsScope, textAnswer } from './describe.ts';
import { figuresQuerySchema } from './figures-query.ts';

const FORMATS: Record<string, BatchFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
};

function batchFormat(contentType: string | undefined): BatchFormat {
  const { type, charset } = mediaType(contentType);
  const format = FORMATS[type];
  if (!format) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the batch as text/csv or application/x-ndjson (got '${type || 'no Content-Type'}').`,
    );
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('unsupported_media_type', `Send the batch in UTF-8 (got charset '${charset}').`);
  }
  return format;
}

const processParam = z.object({ process: z.string().describe('The process slug.') });

// The view CSV takes the dashboard's query, without what its path already says.
const viewCsvQuery = dashboardQuerySchema.pick({ lang: true, scope: true, entity: true, country: true });

const batchBody = bodyOf(
  applicationSchema,
  ['text/csv', 'application/x-ndjson'],
  'Applications: CSV with a header row of these field names (any column order, UTF-8, optional BOM, LF or CRLF), or NDJSON with one such object per line. At most 50,000 rows and 10 MB. The schema shown is one row.',
);

/** A process with its current data version (memoised for a few seconds), or the contract's 404. */
async function liveProcess(db: D1Database, slug: string) {
  const { process, rowsRead } = await currentProcess(db, slug);
  if (!process) throw unknownProcess(slug);
  return { process, rowsRead };
}

function replayOrConflict(stored: { body_sha256: string } & BatchResult, bodySha256: string, key: string): BatchResult {
  if (stored.body_sha256 !== bodySha256) {
    throw new ApiError(
      'conflict',
      `The Idempotency-Key '${key}' was already used for a different body. Use a new key for a new batch.`,
    );
  }
  return stored;
}

/** `/api/v1/registrations/{process}`: the live feed (ingest) and the public figures. */
export const registrationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'post',
      path: '/{process}/batches',
      tags: ['Registrations'],
      summary: 'Send a batch of applications (all or nothing)',
      middleware: requireScope('ingest'),
      security: needsScope('ingest'),
      request: {
        params: processParam,
        headers: z.object({
          'idempotency-key': z
            .string()
            .optional()
            .describe('1-128 visible ASCII characters, unique per batch (a UUID).'),
          'data-as-of': z.string().optional().describe('RFC 3339: when the source system extracted the rows.'),
        }),
        body: batchBody,
      },
      responses: {
        200: jsonAnswer('Applied, or the first answer replayed (header `Idempotent-Replayed: true`).', BatchAnswer),
        ...errors(
          'bad_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'conflict',
          'payload_too_large',
          'unsupported_media_type',
          'validation_failed',
          'rate_limited',
          'service_unavailable',
        ),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      // Fresh from D1, not the read memo: a batch must be checked against the process as it is now.
      const process = await getProcess(c.env.DB, slug);
      if (!process) throw unknownProcess(slug);
      const key = c.req.header('idempotency-key');
      if (!key || !/^[\x21-\x7e]{1,128}$/.test(key)) {
        throw new ApiError(
          'bad_request',
          'Send an Idempotency-Key header of 1 to 128 visible ASCII characters, unique per batch (for example a UUID).',
        );
      }
      const format = batchFormat(c.req.header('content-type'));
      const bytes = await readBodyLimited(c.req.raw, BATCH_LIMITS.maxBytes, 'batch');
      const bodySha256 = await sha256Hex(bytes);
      const earlier = await findBatch(c.env.DB, slug, key);
      if (earlier) {
        c.header('Idempotent-Replayed', 'true');
        return c.json(toResult(replayOrConflict(earlier, bodySha256, key) as typeof earlier));
      }
      const parsed = await parseBatch(bytes, format, process);
      if (!parsed.ok && parsed.tooManyRows) {
        throw new ApiError(
          'payload_too_large',
          `A batch holds at most ${BATCH_LIMITS.maxRows.toLocaleString('en')} rows. Split the file (npm run ingest does it for you).`,
        );
      }
      if (!parsed.ok) {
        const count = parsed.problems.length;
        throw new ApiError(
          'validation_failed',
          `Nothing was written: ${count === BATCH_LIMITS.maxProblems ? 'at least ' : ''}${count} problem${count === 1 ? '' : 's'} in the batch. Fix the lines listed in details and send it again.`,
          parsed.problems,
        );
      }
      let result: BatchResult;
      try {
        const applied = await applyBatch(c.env.DB, {
          id: crypto.randomUUID(),
          process: slug,
          idempotencyKey: key,
          bodySha256,
          rows: parsed.rows,
        });
        if ('busy' in applied) {
          throw new ApiError(
            'rate_limited',
            'Other batches for this process are being applied right now. Send this one again in a moment (same Idempotency-Key).',
            [],
            { 'Retry-After': '1' },
          );
        }
        result = applied;
      } catch (error) {
        if (error instanceof ApiError) throw error;
        // A concurrent request with the same key won the race: answer as if we were the retry.
        const raced = await findBatch(c.env.DB, slug, key);
        if (!raced) throw error;
        c.header('Idempotent-Replayed', 'true');
        result = replayOrConflict(raced, bodySha256, key);
      } finally {
        forgetProcess(slug);
      }
      return c.json(toResult({ ...result, body_sha256: bodySha256 }), 200);
    },
  )
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
        ...errors('not_found', 'validation_failed'),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      const query = c.req.valid('query');
      const { process, rowsRead } = await liveProcess(c.env.DB, slug);
      requireEntityInProcess(process, query.entity);
      const filters = { entity: query.entity ?? null, country: query.country ?? null };
      const variant = `${query.scope}.${filters.entity ?? 'all'}.${filters.country ?? 'all'}`;
      return serveVersioned(
        c,
        {
          key: `summary/${slug}/${process.data_version}/${variant}`,
          etag: `"${slug}.v${process.data_version}.${variant}"`,
          build: async () => {
            const { value, rowsRead: read } = await readSummary(c.env.DB, process, query.scope, filters);
            const body = jsonWithRankedKeys(value, ['by_entity', 'by_country']);
            return {
              response: new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
              rowsRead: read,
            };
          },
        },
        rowsRead,
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
        ...errors('not_found', 'validation_failed'),
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
      return serveFiguresView(c, query, {
        kind: 'view-csv',
        variant: [query.lang, query.scope, query.entity, query.country, view],
        render: async (model) =>
          new Response(viewCsv(model, view), {
            headers: {
              'Content-Type': 'text/csv; charset=utf-8',
              'Content-Disposition': `attachment; filename="${slug}-${view}-${query.scope}.csv"`,
            },
          }),
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/countries.csv',
      tags: ['Registrations'],
      summary: 'Applications by country and state',
      request: { params: processParam, query: figuresQuerySchema.pick({ scope: true }) },
      responses: {
        200: textAnswer(
          '`country,country_name_es,country_name_en,total,<entity code>...`, one row per country, largest first.',
        ),
        ...errors('not_found', 'validation_failed'),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      const query = c.req.valid('query');
      const { process, rowsRead } = await liveProcess(c.env.DB, slug);
      return serveVersioned(
        c,
        {
          key: `countries/${slug}/${process.data_version}/${query.scope}`,
          etag: `"${slug}.v${process.data_version}.countries.${query.scope}"`,
          build: async () => {
            const { value, rowsRead: read } = await readCountryEntityTable(c.env.DB, process, query.scope);
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
                'Content-Disposition': `inline; filename="${slug}-countries-${query.scope}.csv"`,
              },
            });
            return { response, rowsRead: read };
          },
        },
        rowsRead,
      );
    },
  );
