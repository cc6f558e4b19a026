import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { scoped } from '../auth/scoped.ts';
import { OUTREACH_CHANNELS, OUTREACH_LIMITS } from '../domain/outreach.ts';
import { isoDate } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { checkPeriod, errors, jsonAnswer, textAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { LANGS, type Lang } from '../shared/i18n.ts';
import { mediaType } from '../shared/media-type.ts';
import { datedPages } from '../shared/page-index.ts';
import { fileProblems } from '../shared/problems.ts';
import { readBodyLimited } from '../shared/read-body.ts';
import { validationHook } from '../shared/validate.ts';
import { KEY_WORDS, OutreachImportAnswer, OutreachPeriodsAnswer, OutreachReportAnswer } from './answers.ts';
import { type ImportRoute, parseOutreach } from './parse.ts';
import { buildReport } from './report.ts';
import { applyOutreach, outreachPeriods } from './store.ts';
import { reportWorkbook } from './workbook.ts';

const PRIVATE = { 'Cache-Control': 'private, no-store' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reportQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    lang: z
      .enum(LANGS as [Lang, ...Lang[]])
      .default('es')
      .describe('Language of titles and labels.'),
  })
  .superRefine(checkPeriod);

const importErrors = errors(
  'unauthorized',
  'forbidden',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
);

function csvBody(description: string) {
  return {
    required: true,
    description: `${description} UTF-8, optional BOM, LF or CRLF; at most ${OUTREACH_LIMITS.maxRows.toLocaleString('en')} rows and ${OUTREACH_LIMITS.maxBytes / 1024 / 1024} MB. All or nothing; a row with the same key (${KEY_WORDS}) replaces the stored one, so the same file twice changes nothing.`,
    content: { 'text/csv': { schema: { type: 'string' as const } } },
  };
}

async function importFile(c: Context<AppEnv>, route: ImportRoute) {
  const { type, charset } = mediaType(c.req.header('content-type'));
  if (type !== 'text/csv') {
    throw new ApiError('unsupported_media_type', `Send the file as text/csv (got '${type || 'no Content-Type'}').`);
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('unsupported_media_type', `Send the file in UTF-8 (got charset '${charset}').`);
  }
  const bytes = await readBodyLimited(c.req.raw, OUTREACH_LIMITS.maxBytes, 'file');
  const parsed = await parseOutreach(bytes, route);
  if (!parsed.ok && parsed.tooManyRows) {
    throw new ApiError(
      'payload_too_large',
      `A file holds at most ${OUTREACH_LIMITS.maxRows.toLocaleString('en')} rows. Split it and send each part.`,
    );
  }
  if (!parsed.ok) throw fileProblems(parsed, OUTREACH_LIMITS.maxProblems, 'imported', 'file');
  const counts = await applyOutreach(c.env.DB, parsed.kind, parsed.rows as never[]);
  return c.json({ kind: parsed.kind, rows: parsed.rows.length, ...counts }, 200, PRIVATE);
}

function report(c: Context<AppEnv>, query: z.output<typeof reportQuery>) {
  const origin = new URL(c.req.url).origin;
  return buildReport(
    c.env.DB,
    () => datedPages(c.env.ASSETS, origin, query.lang, query.from, query.to),
    query.from,
    query.to,
    query.lang,
  );
}

/** `/api/v1/outreach`: staff imports of campaign and INETEL figures, and the report of a period. */
export const outreachRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'post',
      path: '/figures',
      tags: ['Outreach'],
      summary: 'Import campaign figures (CSV, all or nothing, idempotent)',
      ...scoped('staff'),
      request: {
        body: csvBody(
          `The columns of campaign_metrics.csv: period_start, period_end, area, channel (${OUTREACH_CHANNELS.join(', ')}), platform, item, format, date, date_end, segment, link, metric, value, value_qualifier, source (or report and source_section), and optionally is_reported_total and note.`,
        ),
      },
      responses: { 200: jsonAnswer('What the file changed.', OutreachImportAnswer), ...importErrors },
    }),
    (c) => importFile(c, 'figures'),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inetel',
      tags: ['Outreach'],
      summary: 'Import INETEL calls or contacts (CSV, all or nothing, idempotent)',
      ...scoped('staff'),
      request: {
        body: csvBody(
          'One file of either kind, told apart by its header: the columns of inetel_calls.csv (process, period_start, period_end, call_type, entity, outcome, outcome_label_es, count, is_reported_total, source or source_file and source_section, note) or of inetel_contacts.csv (… subject, dimension, category, category_label_es, count, unit …).',
        ),
      },
      responses: { 200: jsonAnswer('What the file changed.', OutreachImportAnswer), ...importErrors },
    }),
    (c) => importFile(c, 'inetel'),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/periods',
      tags: ['Outreach'],
      summary: 'The report periods of the imported figures, newest first',
      ...scoped('staff'),
      responses: {
        200: jsonAnswer('Periods.', OutreachPeriodsAnswer),
        ...errors('unauthorized', 'forbidden'),
      },
    }),
    async (c) => c.json({ periods: await outreachPeriods(c.env.DB) }, 200, PRIVATE),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/report',
      tags: ['Outreach'],
      summary: "The outreach report of a period: imported figures, this site's own, and dated content",
      ...scoped('staff'),
      request: { query: reportQuery },
      responses: {
        200: jsonAnswer(
          'Imported figures of the report periods within from–to, grouped as the reports group them (printed totals flagged, never added to `sums`), the site metrics of those days, and the events and news dated in them.',
          OutreachReportAnswer,
        ),
        ...errors('unauthorized', 'forbidden', 'validation_failed'),
      },
    }),
    async (c) => c.json(await report(c, c.req.valid('query')), 200, PRIVATE),
    validationHook('period'),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/report.xlsx',
      tags: ['Outreach'],
      summary: 'The same report as an .xlsx workbook (a cover, then one sheet per table)',
      ...scoped('staff'),
      request: { query: reportQuery },
      responses: {
        200: textAnswer('The workbook: typed numbers, dates as dates.', XLSX),
        ...errors('unauthorized', 'forbidden', 'validation_failed'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const body = await reportWorkbook(await report(c, query));
      return c.body(body, 200, {
        ...PRIVATE,
        'Content-Type': XLSX,
        'Content-Disposition': `attachment; filename="outreach-${query.from}-${query.to}.xlsx"`,
      });
    },
    validationHook('period'),
  );
