import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { scoped } from '../auth/scoped.ts';
import { addDays, todayUtc } from '../domain/dates.ts';
import { APPLICATION_FIELDS } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { getProcess } from '../processes/store.ts';
import { forgetProcess } from '../processes/versions.ts';
import { errors, jsonAnswer, processParam, textContent } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { mediaType } from '../shared/media-type.ts';
import { unknownProcess } from '../shared/problems.ts';
import { readBodyLimited, sha256Hex } from '../shared/read-body.ts';
import { validationHook } from '../shared/validate.ts';
import { BatchAnswer } from './answers.ts';
import { acceptedRows, asOfOf, idempotencyKeyOf, invalidate, replayOrConflict, writtenOrThrow } from './batch-steps.ts';
import { applyBatch, type BatchResult, findBatch, toResult } from './ingest.ts';
import { BATCH_LIMITS, type BatchFormat, parseBatch } from './parse-batch.ts';
import { auditLiveVersion } from './version-audit.ts';

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

const ROW_REF = { $ref: '#/components/schemas/Application' };
const CSV_EXAMPLE =
  'folio,received_on,country,entity,sex,age,modality,channel,credential,status\n' +
  'A-0001,2023-10-02,US,15,M,34,internet,srve,cpve,revision\n' +
  'A-0002,2023-10-03,CA,05,H,51,postal,inetel,cpv,cumple\n';
const NDJSON_EXAMPLE =
  '{"folio":"A-0001","received_on":"2023-10-02","country":"US","entity":"15","sex":"M","age":34,"modality":"internet","channel":"srve","credential":"cpve","status":"revision"}\n' +
  '{"folio":"A-0002","received_on":"2023-10-03","country":"CA","entity":"05","sex":"H","age":51,"modality":"postal","channel":"inetel","credential":"cpv","status":"cumple"}\n';
const ndjson = textContent(
  'NDJSON: one JSON object per line, each an `Application` (#/components/schemas/Application), UTF-8. At most 50,000 lines and 10 MB.',
  NDJSON_EXAMPLE,
  { mediaType: 'application/json', schema: ROW_REF },
);
const batchBody = {
  required: true,
  description:
    'Applications, all or nothing: CSV or NDJSON whose rows are `Application`s (#/components/schemas/Application). At most 50,000 rows and 10 MB.',
  content: {
    'text/csv': textContent(
      `CSV, UTF-8 (optional BOM), LF or CRLF, a header row naming the columns in any order: ${APPLICATION_FIELDS.join(', ')}; each row is one \`Application\` (#/components/schemas/Application) with the same rules.`,
      CSV_EXAMPLE,
    ),
    'application/x-ndjson': ndjson,
    'application/ndjson': ndjson,
  },
};

/** `POST /api/v1/registrations/{process}/batches`: the live feed, all or nothing, idempotent by key. */
export const batchRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).openapi(
  createRoute({
    method: 'post',
    path: '/{process}/batches',
    tags: ['Registrations'],
    summary: 'Send a batch of applications (all or nothing)',
    ...scoped('ingest'),
    request: {
      params: processParam,
      headers: z.object({
        'idempotency-key': z.string().optional().describe('1-128 visible ASCII characters, unique per batch (a UUID).'),
        'data-as-of': z.iso
          .datetime({ offset: true, error: 'must be an RFC 3339 date and time, such as 2022-11-15T18:00:00Z' })
          .optional()
          .describe("RFC 3339: when the source system extracted the rows; becomes the figures' `as_of`."),
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
    const key = idempotencyKeyOf(c.req.header('idempotency-key'));
    const format = batchFormat(c.req.header('content-type'));
    const asOf = asOfOf(c.req.valid('header')['data-as-of']);
    const bytes = await readBodyLimited(c.req.raw, BATCH_LIMITS.maxBytes, 'batch');
    const bodySha256 = await sha256Hex(bytes);
    const earlier = await findBatch(c.env.DB, slug, key);
    if (earlier) {
      c.header('Idempotent-Replayed', 'true');
      const replayed = toResult(replayOrConflict(earlier, bodySha256, key) as typeof earlier);
      // A retry after a failed audit stores it now (readers withhold every breakdown until then).
      await auditNewVersion(c, slug);
      return c.json(replayed);
    }
    const parsed = await parseBatch(bytes, format, { ...process, latest_day: addDays(todayUtc(), 1) });
    const rows = acceptedRows(parsed);
    let result: BatchResult;
    try {
      const applied = writtenOrThrow(
        await applyBatch(c.env.DB, {
          id: crypto.randomUUID(),
          process: slug,
          idempotencyKey: key,
          bodySha256,
          rows,
          asOf,
          definition: process,
        }),
        slug,
      );
      const { rowsWritten, ...answer } = applied;
      // What the batch cost in D1 writes, beside the Worker's time (benchmarks and operators read it).
      c.header('Server-Timing', `d1;desc="rows_written=${rowsWritten}"`, { append: true });
      result = answer;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // A concurrent request with the same key won the race: answer as if we were the retry.
      const raced = await findBatch(c.env.DB, slug, key);
      if (!raced) throw error;
      c.header('Idempotent-Replayed', 'true');
      result = replayOrConflict(raced, bodySha256, key);
    } finally {
      invalidate(slug);
    }
    await auditNewVersion(c, slug);
    return c.json(toResult({ ...result, body_sha256: bodySha256 }), 200);
  },
);

/**
 * Audits the version a batch created before answering, then forgets the cached process (its data_version moved).
 * The audit's time (its D1 read, the plan and its write) goes in `Server-Timing` as `audit`, for operators and the
 * benchmark: the workerd clock moves only across I/O, so the write's end bounds the plan's CPU too.
 */
async function auditNewVersion(c: Context<AppEnv>, slug: string): Promise<void> {
  const started = Date.now();
  const audit = await auditLiveVersion(c.env.DB, slug);
  if (!audit) return;
  forgetProcess(slug);
  c.header('Server-Timing', `audit;dur=${Date.now() - started};desc="cells=${audit.cells}"`, { append: true });
}
