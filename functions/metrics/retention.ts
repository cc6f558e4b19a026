import { addDays, isoDay } from '../domain/dates.ts';
import { MIN_SEARCH_VISITORS, OTHER, VISITOR_GATED } from '../domain/metrics.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What one retention run deleted, per table (D1 rows written), and the last day it closed. */
export interface RetentionResult {
  /** Rows of the closed days' visitor hashes deleted (metric_visitor_shards: up to 1,024 a day, whatever the visitors). */
  visitor_seen: number;
  visitor_salts: number;
  metric_batches: number;
  /** Search terms and missing paths of the closed days that fewer than 5 visitors sent, folded into `(other)`. */
  search_terms: number;
  closed_through: string;
}

/**
 * Deletes what the metrics keep only for a while and closes the days that are over (one hour of grace for
 * events still in the queue), in one transaction:
 * - search terms and missing paths of the closed days that fewer than 5 distinct visitors sent are folded
 *   into `(other)`, so they never reach a report and are not kept;
 * - the networks that vouched for new values and the waiting counts (admission.ts) go with their day;
 * - the day's visitor hashes go, and the day is marked closed, so a late event still counts in the figures
 *   but never as a visitor a second time, and adds no new free value;
 * - daily salts go after 48 hours (today's and yesterday's stay), and the records of counted batches
 *   (which only guard against redelivery) after 48 hours. Rollups stay.
 * Only the days since the last run are read, so a run costs the same after a year as after a day.
 */
export async function deleteExpired(db: D1Database, now = Date.now()): Promise<RetentionResult> {
  const through = addDays(isoDay(now - HOUR_MS), -1);
  // Days closed by this run: after the last closed day, up to `through`.
  const closing = (day: string) => `${day} > (SELECT through FROM metric_closed) AND ${day} <= ?1`;
  const gated = Object.entries(VISITOR_GATED);
  const scopeOf = `CASE r.dimension ${gated.map(([d, prefix]) => `WHEN '${d}' THEN '${prefix}'`).join(' ')} END || r.key`;
  const tooFew = `r.dimension IN (${gated.map(([d]) => `'${d}'`).join(', ')}) AND r.key <> '${OTHER}' AND COALESCE((
      SELECT v.visitors FROM metric_gated_visitors v WHERE v.day = r.day AND v.scope = ${scopeOf}), 0)
    < ${MIN_SEARCH_VISITORS}`;
  const scopeGated = gated.map(([, prefix]) => `scope LIKE '${prefix}%'`).join(' OR ');
  const [, folded, , seen, , , , salts, batches, closed] = await db.batch<{ through?: string }>([
    db
      .prepare(
        `INSERT INTO metric_daily_keys (day, dimension, key, count)
         SELECT r.day, r.dimension, '${OTHER}', SUM(r.count) FROM metric_daily_keys r
         WHERE ${closing('r.day')} AND ${tooFew}
         GROUP BY r.day, r.dimension
         ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(through),
    db.prepare(`DELETE FROM metric_daily_keys AS r WHERE ${closing('r.day')} AND ${tooFew}`).bind(through),
    db
      .prepare(
        `DELETE FROM metric_gated_visitors
         WHERE ${closing('day')} AND (${scopeGated}) AND visitors < ${MIN_SEARCH_VISITORS}`,
      )
      .bind(through),
    db.prepare('DELETE FROM metric_visitor_shards WHERE day <= ?1').bind(through),
    db.prepare('DELETE FROM metric_key_networks WHERE day <= ?1').bind(through),
    db.prepare('DELETE FROM metric_pending_keys WHERE day <= ?1').bind(through),
    db.prepare('UPDATE metric_closed SET through = ?1 WHERE through < ?1').bind(through),
    db.prepare('DELETE FROM visitor_salts WHERE day < ?1').bind(isoDay(now - DAY_MS)),
    db.prepare('DELETE FROM metric_batches WHERE at < ?1').bind(now - 2 * DAY_MS),
    db.prepare('SELECT through FROM metric_closed'),
  ]);
  return {
    visitor_seen: seen?.meta.changes ?? 0,
    visitor_salts: salts?.meta.changes ?? 0,
    metric_batches: batches?.meta.changes ?? 0,
    search_terms: folded?.meta.changes ?? 0,
    closed_through: closed?.results[0]?.through ?? through,
  };
}
