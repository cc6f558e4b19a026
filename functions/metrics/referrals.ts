import { eachDay } from '../domain/dates.ts';
import type { ReferralFigures } from '../domain/metrics.ts';

/** Reads one referral code's visits, daily unique visitors and register clicks, by day (UTC). */
export async function readReferral(db: D1Database, code: string, from: string, to: string): Promise<ReferralFigures> {
  const [counts, names] = await db.batch<Record<string, string | number>>([
    // The code's hourly rows also carry its new visitors of each day.
    db
      .prepare(
        `SELECT substr(hour, 1, 10) AS date, dimension, SUM(count) AS n, SUM(visitors) AS visitors FROM metric_rollups
         WHERE hour >= ?1 AND hour <= ?2 AND dimension IN ('ref', 'ref_cta') AND key = ?3 GROUP BY 1, 2`,
      )
      .bind(`${from}T00`, `${to}T23`, code),
    db.prepare('SELECT name FROM referral_codes WHERE code = ?1').bind(code),
  ]);
  const byDay = new Map<string, { visits: number; visitors: number; register_clicks: number }>();
  for (const day of eachDay(from, to)) byDay.set(day, { visits: 0, visitors: 0, register_clicks: 0 });
  for (const row of counts?.results ?? []) {
    const day = byDay.get(String(row.date));
    if (!day) continue;
    day[row.dimension === 'ref' ? 'visits' : 'register_clicks'] = Number(row.n);
    if (row.dimension === 'ref') day.visitors = Number(row.visitors);
  }
  const daily = [...byDay].map(([date, figures]) => ({ date, ...figures }));
  const sum = (key: 'visits' | 'visitors' | 'register_clicks') => daily.reduce((total, d) => total + d[key], 0);
  return {
    code,
    name: String(names?.results[0]?.name ?? ''),
    from,
    to,
    visits: sum('visits'),
    visitors: sum('visitors'),
    register_clicks: sum('register_clicks'),
    daily,
  };
}
