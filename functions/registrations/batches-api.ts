import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { scoped } from '../auth/scoped.ts';
import { addDays, todayUtc } from '../domain/dates.ts';
import { APPLICATION_FIELDS } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { getProcess } from '../processes/store.ts';
import { bodyErrors, jsonAnswer, processParam, textContent } from '../shared/describe.ts';
import { unknownProcess } from '../shared/problems.ts';
import { readBodyLimited, sha256Hex } from '../shared/read-body.ts';
import { validationHook } from '../shared/validate.ts';
import { BatchAnswer } from './answers.ts';
import { findBatch, toResult } from './batch-records.ts';
import * as step from './batch-steps.ts';
import { applyBatch } from './ingest.ts';
import { BATCH_LIMITS, parseBatch } from './parse-batch.ts';
import { auditLiveVersion } from './version-audit.ts';

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
        'disclosure-audit': z
          .enum(['defer'], { error: "must be 'defer' (or left out: the version is audited before the answer)" })
          .optional()
          .describe(
            '`defer`: more batches of the same run follow, so the disclosure audit of the new version waits for the ' +
              "run's last batch (sent without this header), or for the minute's audit of every version still " +
              'unaudited. Until a version is audited, readers see its totals and every breakdown withheld.',
          ),
      }),
      body: batchBody,
    },
    responses: {
      200: jsonAnswer('Applied, or the first answer replayed (header `Idempotent-Replayed: true`).', BatchAnswer),
      ...bodyErrors('not_found', 'conflict', 'rate_limited', 'service_unavailable'),
    },
  }),
  async (c) => {
    // The workerd clock moves only across I/O: `body` is the upload, `batch` the whole write (parse, plan, D1).
    const started = Date.now();
    const slug = c.req.valid('param').process;
    // Fresh from D1, not the read memo: a batch must be checked against the process as it is now.
    const process = await getProcess(c.env.DB, slug);
    if (!process) throw unknownProcess(slug);
    const key = step.idempotencyKeyOf(c.req.header('idempotency-key'));
    const format = step.batchFormat(c.req.header('content-type'));
    const asOf = step.asOfOf(c.req.valid('header')['data-as-of']);
    const audit = step.auditNowOrLater(c.req.valid('header')['disclosure-audit'], () => timedAudit(c, slug));
    const bytes = await readBodyLimited(c.req.raw, BATCH_LIMITS.maxBytes, 'batch');
    const read = Date.now();
    const bodySha256 = await sha256Hex(bytes);
    const earlier = await findBatch(c.env.DB, slug, key);
    if (earlier) {
      c.header('Idempotent-Replayed', 'true');
      const replayed = toResult(step.replayOrConflict(earlier, bodySha256, key) as typeof earlier);
      // A retry after a failed or deferred audit stores it now (readers withhold every breakdown until then).
      await step.invalidate(slug, audit);
      return c.json(replayed);
    }
    const rows = step.acceptedRows(await parseBatch(bytes, format, { ...process, latest_day: addDays(todayUtc(), 1) }));
    const batch = { id: crypto.randomUUID(), process: slug, idempotencyKey: key, bodySha256, rows, asOf };
    const written = await step.writeBatch(
      {
        apply: () => applyBatch(c.env.DB, { ...batch, definition: process }),
        stored: () => findBatch(c.env.DB, slug, key),
      },
      slug,
      key,
      bodySha256,
    );
    // What the batch cost in D1 writes and SQLite time, beside the Worker's time (benchmarks and operators read it).
    if (written.rowsWritten !== null) {
      const sql = written.sqlMs === null ? '' : `dur=${written.sqlMs.toFixed(1)};`;
      c.header('Server-Timing', `d1;${sql}desc="rows_written=${written.rowsWritten}"`, { append: true });
    }
    if (written.phases) c.header('Server-Timing', written.phases, { append: true });
    if (written.replayed) c.header('Idempotent-Replayed', 'true');
    c.header('Server-Timing', `body;dur=${read - started}, batch;dur=${Date.now() - read}`, { append: true });
    await step.invalidate(slug, audit);
    return c.json(toResult({ ...written.result, body_sha256: bodySha256 }), 200);
  },
);

/**
 * Audits the version a batch created before answering (the caller then forgets the cached process).
 * The audit's time (its D1 read, the plan and its write) goes in `Server-Timing` as `audit`, for operators and the
 * benchmark: the workerd clock moves only across I/O, so the write's end bounds the plan's CPU too.
 */
async function timedAudit(c: Context<AppEnv>, slug: string) {
  const started = Date.now();
  const audit = await auditLiveVersion(c.env.DB, slug);
  if (audit)
    c.header('Server-Timing', `audit;dur=${Date.now() - started};desc="cells=${audit.cells}"`, { append: true });
  return audit;
}
