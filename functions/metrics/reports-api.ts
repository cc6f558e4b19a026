import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { scoped } from '../auth/scoped.ts';
import { previousPeriod, todayUtc } from '../domain/dates.ts';
import { METRIC_TABLES, type MetricTable } from '../domain/metrics.ts';
import { isoDate } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { cacheName } from '../shared/cache-key.ts';
import { recordsCsv } from '../shared/csv.ts';
import { checkPeriod, errors, jsonAnswer, textAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { serveVersioned } from '../shared/http-cache.ts';
import { validationHook } from '../shared/validate.ts';
import { MetricsSummaryAnswer, PublicTrafficAnswer, ReferralAnswer } from './answers.ts';
import { PUBLIC_SLOT_MS, readPublicTraffic } from './public-traffic.ts';
import { readReferral } from './referrals.ts';
import { metricsCsv, readMetrics } from './summary.ts';

const periodSchema = z.object({ from: isoDate, to: isoDate }).superRefine(checkPeriod);

// Every route here that reads a period names it so in its 422.
const periodHook = validationHook('period');
const PRIVATE = { 'Cache-Control': 'private, no-store' };

/** The referral code a partner token is bound to (a partner token always has one: see scripts/token.ts). */
function partnerCode(c: Context<AppEnv>): string {
  const code = c.get('referralCode');
  if (!code) throw new ApiError('forbidden', 'This partner token is not bound to a referral code.');
  return code;
}

/** A CSV download that no cache keeps (staff and partner figures). */
function privateCsv(c: Context, body: string, filename: string): Response {
  return c.body(body, 200, {
    ...PRIVATE,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

const denied = errors('unauthorized', 'forbidden', 'validation_failed');

/** `/api/v1/metrics`: staff summary and CSV tables, a partner's own referral figures, and public aggregates. */
export const metricsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/summary',
      tags: ['Metrics'],
      summary: "The site's own traffic for a period, with the period before",
      ...scoped('staff'),
      request: { query: periodSchema },
      responses: { 200: jsonAnswer('The figures of the period (UTC days).', MetricsSummaryAnswer), ...denied },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const previous = previousPeriod(from, to);
      const [current, before] = await Promise.all([
        readMetrics(c.env.DB, from, to),
        readMetrics(c.env.DB, previous.from, previous.to),
      ]);
      const { pageviews, visitors, events, register_clicks } = before;
      return c.json(
        { ...current, previous: { ...previous, pageviews, visitors, events, register_clicks } },
        200,
        PRIVATE,
      );
    },
    periodHook,
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tables/{file}',
      tags: ['Metrics'],
      summary: 'One table of the staff summary as CSV',
      ...scoped('staff'),
      request: {
        params: z.object({ file: z.string().describe(`One of ${METRIC_TABLES.map((t) => `${t}.csv`).join(', ')}.`) }),
        query: periodSchema,
      },
      responses: { 200: textAnswer('The table, a header row from its fields.'), ...denied, ...errors('not_found') },
    }),
    async (c) => {
      const { file } = c.req.valid('param');
      const name = METRIC_TABLES.find((t) => file === `${t}.csv`);
      if (!name) {
        throw new ApiError(
          'not_found',
          `There is no table '${file}'. Tables: ${METRIC_TABLES.map((t) => `${t}.csv`).join(', ')}.`,
        );
      }
      const { from, to } = c.req.valid('query');
      const csv = metricsCsv(await readMetrics(c.env.DB, from, to), name as MetricTable);
      return privateCsv(c, csv, `metrics-${name}-${from}-${to}.csv`);
    },
    periodHook,
  )
  // The partner page sends only the token: the code comes from it.
  .openapi(
    createRoute({
      method: 'get',
      path: '/referral',
      tags: ['Metrics'],
      summary: "A partner's own referral figures (the code comes from the token)",
      ...scoped('partner'),
      request: { query: periodSchema },
      responses: { 200: jsonAnswer('Totals and one row per day.', ReferralAnswer), ...denied },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json(await readReferral(c.env.DB, partnerCode(c), from, to), 200, PRIVATE);
    },
    periodHook,
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/referral.csv',
      tags: ['Metrics'],
      summary: "A partner's own figures by day, as CSV",
      ...scoped('partner'),
      request: { query: periodSchema },
      responses: { 200: textAnswer('`date,visits,visitors,register_clicks`.'), ...denied },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const code = partnerCode(c);
      const figures = await readReferral(c.env.DB, code, from, to);
      return privateCsv(c, recordsCsv(figures.daily), `referral-${code}-${from}-${to}.csv`);
    },
    periodHook,
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{code}',
      tags: ['Metrics'],
      summary: "A partner's own referral figures, by its code",
      ...scoped('partner'),
      request: { params: z.object({ code: z.string() }), query: periodSchema },
      responses: { 200: jsonAnswer('Totals and one row per day.', ReferralAnswer), ...denied },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const own = partnerCode(c);
      if (own !== code) throw new ApiError('forbidden', `This token reads the figures of referral code '${own}' only.`);
      const { from, to } = c.req.valid('query');
      return c.json(await readReferral(c.env.DB, code, from, to), 200, PRIVATE);
    },
    periodHook,
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public',
      tags: ['Metrics'],
      summary: "The site's traffic as anyone may see it (counts under 10 hidden)",
      request: { query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }) },
      responses: {
        200: jsonAnswer('The last `days` days, recomputed every ten minutes.', PublicTrafficAnswer),
        304: { description: 'Not modified (`If-None-Match`).' },
        ...errors('validation_failed', 'rate_limited'),
      },
    }),
    async (c) => {
      const { days } = c.req.valid('query');
      const slot = Math.floor(Date.now() / PUBLIC_SLOT_MS);
      // Recomputed once per slot and kept at the edge: a 30-day read touches every rollup of the period.
      return serveVersioned(
        c,
        {
          name: cacheName('metrics-public', String(slot), { days }),
          build: async () => ({
            response: Response.json(await readPublicTraffic(c.env.DB, days, todayUtc())),
            rowsRead: 0,
          }),
        },
        0,
      );
    },
  );
