import { Hono } from 'hono';
import { z } from 'zod';
import { requireScope } from '../auth/require-scope.ts';
import { METRIC_TABLES, type MetricTable, metricsCsv, readMetrics } from '../data/metrics-summary.ts';
import { addDays, daysBetween } from '../data/pace.ts';
import { isoDate } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { parseOrThrow } from '../lib/validate.ts';

const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'must be on or after from' })
  .refine((p) => daysBetween(p.from, p.to) <= 731, { path: ['to'], message: 'a period covers at most two years' });

/** The period just before [from, to], of the same length (for comparisons). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

// Counts under this are shown as null on the public page: too small to publish without risk.
const PUBLIC_MIN = 10;

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
  .get('/referrals/:code', requireScope('partner'), async (c) => {
    const code = c.req.param('code');
    const row = await c.env.DB.prepare('SELECT referral_code FROM api_tokens WHERE id = ?')
      .bind(c.get('tokenId') ?? '')
      .first<{ referral_code: string | null }>();
    if (row?.referral_code !== code)
      throw new ApiError(
        'forbidden',
        `This token reads the figures of referral code '${row?.referral_code ?? ''}' only.`,
      );
    const { from, to } = parseOrThrow(periodSchema, c.req.query(), 'period');
    const summary = await readMetrics(c.env.DB, from, to);
    const mine = summary.referrals.find((r) => r.code === code) ?? {
      code,
      name: '',
      visits: 0,
      visitors: 0,
      register_clicks: 0,
    };
    c.header('Cache-Control', 'private, no-store');
    return c.json({ from, to, ...mine });
  })
  .get('/public', async (c) => {
    const days = parseOrThrow(z.coerce.number().int().min(1).max(365).default(30), c.req.query('days'), 'days');
    const to = new Date().toISOString().slice(0, 10);
    const from = addDays(to, -(days - 1));
    const summary = await readMetrics(c.env.DB, from, to);
    const shown = (n: number) => (n >= PUBLIC_MIN ? n : null);
    c.header('Cache-Control', 'public, max-age=600');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({
      from,
      to,
      suppressed_below: PUBLIC_MIN,
      pageviews: shown(summary.pageviews),
      visitors: shown(summary.visitors),
      pages: summary.pages.slice(0, 20).map((p) => ({ path: p.path, pageviews: shown(p.pageviews) })),
      languages: summary.languages.map((l) => ({ lang: l.lang, events: shown(l.events) })),
      countries: summary.countries
        .filter((x) => x.events >= PUBLIC_MIN)
        .map((x) => ({ country: x.country, events: x.events })),
    });
  });
