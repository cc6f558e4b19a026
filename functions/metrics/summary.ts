import {
  EVENT_NAMES,
  type MetricsSummary,
  type MetricTable,
  MIN_SEARCH_VISITORS,
  OTHER,
  VISITOR_GATED,
} from '../domain/metrics.ts';
import { recordsCsv } from '../shared/csv.ts';

// Largest first; the (other) row, whatever its size, last, where a reader expects the remainder.
const isOther = (row: Record<string, unknown>) => Object.values(row).includes(OTHER);
const byCount = <T extends Record<string, unknown>>(rows: T[], key: keyof T) =>
  rows.sort(
    (a, b) =>
      Number(isOther(a)) - Number(isOther(b)) ||
      Number(b[key]) - Number(a[key]) ||
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
  );

/** Reads a period's figures from the hourly rollups (visitors included) and the daily free values. */
export async function readMetrics(db: D1Database, from: string, to: string): Promise<MetricsSummary> {
  const [counts, codes, daily, searches] = await db.batch<Record<string, string | number>>([
    // The hourly rows also carry their scope's new visitors of each day ('site': event/pageview's row).
    db
      .prepare(
        `SELECT dimension, key, SUM(count) AS n, SUM(visitors) AS visitors FROM metric_rollups
         WHERE hour >= ?1 AND hour <= ?2 GROUP BY dimension, key
         UNION ALL
         SELECT dimension, key, SUM(count), 0 FROM metric_daily_keys
         WHERE day >= ?3 AND day <= ?4 AND dimension NOT IN ('search_empty', 'not_found') GROUP BY dimension, key`,
      )
      .bind(`${from}T00`, `${to}T23`, from, to),
    db.prepare('SELECT code, name FROM referral_codes'),
    db
      .prepare(
        `SELECT d.date, COALESCE(p.n, 0) AS pageviews, COALESCE(p.visitors, 0) AS visitors
         FROM (SELECT DISTINCT substr(hour, 1, 10) AS date FROM metric_rollups WHERE hour >= ?1 AND hour <= ?2) d
         LEFT JOIN (SELECT substr(hour, 1, 10) AS date, SUM(count) AS n, SUM(visitors) AS visitors FROM metric_rollups
                    WHERE hour >= ?1 AND hour <= ?2 AND dimension = 'event' AND key = 'pageview' GROUP BY 1) p ON p.date = d.date
         ORDER BY d.date`,
      )
      .bind(`${from}T00`, `${to}T23`),
    // A search term or a missing path is shown only for the days on which 5 distinct visitors sent it; the
    // rest is (other).
    db
      .prepare(
        `SELECT r.dimension, CASE WHEN COALESCE(v.visitors, 0) >= ?3 THEN r.key ELSE '${OTHER}' END AS key,
           SUM(r.count) AS n
         FROM metric_daily_keys r
         LEFT JOIN metric_gated_visitors v ON v.day = r.day
           AND v.scope = (CASE r.dimension WHEN 'not_found' THEN '${VISITOR_GATED.not_found}' ELSE '${VISITOR_GATED.search_empty}' END) || r.key
         WHERE r.day >= ?1 AND r.day <= ?2 AND r.dimension IN ('search_empty', 'not_found')
         GROUP BY 1, 2`,
      )
      .bind(from, to, MIN_SEARCH_VISITORS),
  ]);
  const table = new Map<string, Map<string, number>>();
  for (const row of [...(counts?.results ?? []), ...(searches?.results ?? [])]) {
    const dimension = String(row.dimension);
    if (!table.has(dimension)) table.set(dimension, new Map());
    table.get(dimension)?.set(String(row.key), Number(row.n));
  }
  const dim = (name: string) => [...(table.get(name) ?? new Map<string, number>()).entries()];
  const visitorsOf = new Map(
    (counts?.results ?? []).map((r) => [
      r.dimension === 'event' && r.key === 'pageview' ? 'site' : `${r.dimension}:${r.key}`,
      Number(r.visitors),
    ]),
  );
  const events = Object.fromEntries(EVENT_NAMES.map((name) => [name, table.get('event')?.get(name) ?? 0]));
  const clicksByPage = new Map(dim('register'));
  const pages = byCount(
    dim('page').map(([path, pageviews]) => {
      const clicks = clicksByPage.get(path) ?? 0;
      return {
        path,
        pageviews,
        visitors: visitorsOf.get(`page:${path}`) ?? 0,
        register_clicks: clicks,
        conversion_rate: pageviews ? clicks / pageviews : null,
      };
    }),
    'pageviews',
  );
  const names = new Map((codes?.results ?? []).map((r) => [String(r.code), String(r.name)]));
  const refCta = new Map(dim('ref_cta'));
  const pageviews = events.pageview ?? 0;
  const registerClicks = events.cta_click ?? 0;
  const guidePages = pages.filter((p) => /^\/(es|en)\/guias\//.test(p.path));
  const guideViews = guidePages.reduce((sum, p) => sum + p.pageviews, 0);
  const guideClicks = guidePages.reduce((sum, p) => sum + p.register_clicks, 0);
  return {
    from,
    to,
    pageviews,
    visitors: visitorsOf.get('site') ?? 0,
    events,
    pages,
    campaigns: byCount(
      dim('campaign').map(([key, visits]) => {
        const [source = '', medium = '', campaign = ''] = key.split('|');
        return { source, medium, campaign, visits };
      }),
      'visits',
    ),
    referrers: byCount(
      dim('referrer').map(([host, visits]) => ({ host, visits })),
      'visits',
    ),
    embeds: byCount(
      dim('embed').map(([host, views]) => ({ host, views })),
      'views',
    ),
    downloads: byCount(
      dim('download').map(([asset, count]) => ({ asset, count })),
      'count',
    ),
    countries: byCount(
      dim('country').map(([country, n]) => ({ country, events: n })),
      'events',
    ),
    languages: byCount(
      dim('lang').map(([lang, n]) => ({ lang, events: n, visitors: visitorsOf.get(`lang:${lang}`) ?? 0 })),
      'events',
    ),
    shares: byCount(
      dim('share').map(([network, count]) => ({ network, count })),
      'count',
    ),
    searches_without_results: byCount(
      dim('search_empty').map(([query, count]) => ({ query, count })),
      'count',
    ),
    language_switches: byCount(
      dim('language_switch').map(([key, count]) => ({ switch: key, count })),
      'count',
    ),
    not_found: byCount(
      dim('not_found').map(([path, count]) => ({ path, count })),
      'count',
    ),
    // Only codes staff registered count as referrals: anything else in ?ref= is noise.
    referrals: byCount(
      dim('ref')
        .filter(([code]) => names.has(code))
        .map(([code, visits]) => ({
          code,
          name: names.get(code) ?? '',
          visits,
          visitors: visitorsOf.get(`ref:${code}`) ?? 0,
          register_clicks: refCta.get(code) ?? 0,
        })),
      'visits',
    ),
    register_clicks: registerClicks,
    conversion_rate: pageviews ? registerClicks / pageviews : null,
    guides: {
      pageviews: guideViews,
      register_clicks: guideClicks,
      conversion_rate: guideViews ? guideClicks / guideViews : null,
    },
    dropped: Object.fromEntries(dim('dropped')),
    daily: (daily?.results ?? []).map((r) => ({
      date: String(r.date),
      pageviews: Number(r.pageviews),
      visitors: Number(r.visitors),
    })),
  };
}

/** One table of the summary as CSV (RFC 4180), the same figures as the JSON. */
export function metricsCsv(summary: MetricsSummary, name: MetricTable): string {
  return recordsCsv(summary[name] as Record<string, unknown>[]);
}
