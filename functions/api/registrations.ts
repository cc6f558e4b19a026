import { Hono } from 'hono';
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
import { VIEWS } from '../domain/views.ts';
import type { AppEnv } from '../env.ts';
import { toCsv } from '../lib/csv.ts';
import { ApiError } from '../lib/errors.ts';
import { serveVersioned } from '../lib/http-cache.ts';
import { jsonWithRankedKeys } from '../lib/ordered-json.ts';
import { requireEntityInProcess, unknownProcess } from '../lib/problems.ts';
import { readBodyLimited, sha256Hex } from '../lib/read-body.ts';
import { parseOrThrow } from '../lib/validate.ts';
import { figuresQuerySchema } from './figures-query.ts';

const FORMATS: Record<string, BatchFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
};

function batchFormat(contentType: string | undefined): BatchFormat {
  const [type = '', ...params] = (contentType ?? '')
    .toLowerCase()
    .split(';')
    .map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '');
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
export const registrationRoutes = new Hono<AppEnv>()
  .post('/:process/batches', requireScope('ingest'), async (c) => {
    const slug = c.req.param('process');
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
    return c.json(toResult({ ...result, body_sha256: bodySha256 }));
  })
  .get('/:process/summary', async (c) => {
    const slug = c.req.param('process');
    const query = parseOrThrow(figuresQuerySchema, c.req.query(), 'query');
    const { process, rowsRead } = await currentProcess(c.env.DB, slug);
    if (!process) throw unknownProcess(slug);
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
  })
  .get('/:process/views/:file', async (c) => {
    const slug = c.req.param('process');
    const view = VIEWS.find((v) => c.req.param('file') === `${v}.csv`);
    if (!view) {
      throw new ApiError(
        'not_found',
        `There is no view '${c.req.param('file')}'. Use one of: ${VIEWS.map((v) => `${v}.csv`).join(', ')}.`,
      );
    }
    const query = parseOrThrow(dashboardQuerySchema, { ...c.req.query(), process: slug, view }, 'query');
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
  })
  .get('/:process/countries.csv', async (c) => {
    const slug = c.req.param('process');
    const query = parseOrThrow(figuresQuerySchema.pick({ scope: true }), c.req.query(), 'query');
    const { process, rowsRead } = await currentProcess(c.env.DB, slug);
    if (!process) throw unknownProcess(slug);
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
  });
