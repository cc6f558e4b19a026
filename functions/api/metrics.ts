import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope } from '../auth/require-scope.ts';
import { daysBetween, previousPeriod, todayUtc } from '../domain/dates.ts';
import { METRIC_TABLES, type MetricTable } from '../domain/metrics.ts';
import { isoDate } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { recordsCsv } from '../lib/csv.ts';
import { ApiError } from '../lib/errors.ts';
import { serveVersioned } from '../lib/http-cache.ts';
import { parseOrThrow } from '../lib/validate.ts';
import { PUBLIC_SLOT_MS, readPublicTraffic } from '../metrics/public-traffic.ts';
import { readReferral } from '../metrics/referrals.ts';
import { metricsCsv, readMetrics } from '../metrics/summary.ts';

const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'must be on or after from' })
  .refine((p) => daysBetween(p.from, p.to) <= 731, { path: ['to'], message: 'a period covers at most two years' });

/** The referral code a partner token is bound to (a partner token always has one: see scripts/token.ts). */
async function partnerCode(c: Context<AppEnv>): Promise<string> {
  const row = await c.env.DB.prepare('SELECT referral_code FROM api_tokens WHERE id = ?')
    .bind(c.get('tokenId') ?? '')
    .first<{ referral_code: string | null }>();
  if (!row?.referral_code) throw new ApiError('forbidden', 'This partner token is not bound to a referral code.');
  return row.referral_code;
}

/** `/api/v1/metrics`: staff summary and CSV tables, a partner's own referral figures, and public aggregates. */
export const metricsRoutes = new Hono<AppEnv>()
  .get('/summary', requireScope('staff'), async (c) => {
    const { from, to } = parseOrThrow(periodSchema, c.req.query(), 'period');
    const previous = previousPeriod(from, to);
    const [current, before] = await Promise.all([
      readMetrics(c.env.DB, from, to),
      readMetrics(c.env.DB, previous.from, previous.to),
    ]);
    c.header('Cache-Control', 'private, no-store');
    return c.json({
      ...current,
      previous: {
        from: previous.from,
        to: previous.to,
        pageviews: before.pageviews,
        visitors: before.visitors,
        events: before.events,
        register_clicks: before.register_clicks,
      },
    });
  })
  .get('/tables/:file', requireScope('staff'), async (c) => {
    const name = METRIC_TABLES.find((t) => c.req.param('file') === `${t}.csv`);
    if (!name)
      throw new ApiError(
        'not_found',
        `There is no table '${c.req.param('file')}'. Tables: ${METRIC_TABLES.map((t) => `${t}.csv`).join(', ')}.`,
      );
    const { from, to } = parseOrThrow(periodSchema, c.req.query(), 'period');
    const csv = metricsCsv(await readMetrics(c.env.DB, from, to), name as MetricTable);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="metrics-${name}-${from}-${to}.csv"`,
      'Cache-Control': 'private, no-store',
    });
  })
  // The partner page sends only the token: the code comes from it.
  .get('/referral', requireScope('partner'), async (c) => {
    const { from, to } = parseOrThrow(periodSchema, c.req.query(), 'period');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await readReferral(c.env.DB, await partnerCode(c), from, to));
  })
  .get('/referral.csv', requireScope('partner'), async (c) => {
    const { from, to } = parseOrThrow(periodSchema, c.req.query(), 'period');
    const code = await partnerCode(c);
    const figures = await readReferral(c.env.DB, code, from, to);
    return c.body(recordsCsv(figures.daily), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="referral-${code}-${from}-${to}.csv"`,
      'Cache-Control': 'private, no-store',
    });
  })
  .get('/referrals/:code', requireScope('partner'), async (c) => {
    const code = c.req.param('code');
    const own = await partnerCode(c);
    if (own !== code) throw new ApiError('forbidden', `This token reads the figures of referral code '${own}' only.`);
    const { from, to } = parseOrThrow(periodSchema, c.req.query(), 'period');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await readReferral(c.env.DB, code, from, to));
  })
  .get('/public', async (c) => {
    const days = parseOrThrow(z.coerce.number().int().min(1).max(365).default(30), c.req.query('days'), 'days');
    const slot = Math.floor(Date.now() / PUBLIC_SLOT_MS);
    // Recomputed once per slot and kept at the edge: a 30-day read touches every rollup of the period.
    return serveVersioned(
      c,
      {
        key: `metrics-public/${slot}/${days}`,
        etag: `"metrics-public.${slot}.${days}"`,
        build: async () => ({
          response: Response.json(await readPublicTraffic(c.env.DB, days, todayUtc())),
          rowsRead: 0,
        }),
      },
      0,
    );
  });
