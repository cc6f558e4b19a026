import { isoDay } from '../domain/dates.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const dayOf = isoDay;

/** What one retention run deleted, per table (D1 rows written). */
export interface RetentionResult {
  visitor_seen: number;
  visitor_salts: number;
  metric_batches: number;
}

/**
 * Deletes what the metrics keep only for a while: visitor hashes once their day is over (one hour of
 * grace for events still in the queue), daily salts after 48 hours (today's and yesterday's stay), and
 * the record of counted batches after 48 hours (it only guards against redelivery). Rollups stay.
 */
export async function deleteExpired(db: D1Database, now = Date.now()): Promise<RetentionResult> {
  const [seen, salts, batches] = await db.batch([
    db.prepare('DELETE FROM metric_visitor_seen WHERE day < ?1').bind(dayOf(now - HOUR_MS)),
    db.prepare('DELETE FROM visitor_salts WHERE day < ?1').bind(dayOf(now - DAY_MS)),
    db.prepare('DELETE FROM metric_batches WHERE at < ?1').bind(now - 2 * DAY_MS),
  ]);
  return {
    visitor_seen: seen?.meta.changes ?? 0,
    visitor_salts: salts?.meta.changes ?? 0,
    metric_batches: batches?.meta.changes ?? 0,
  };
}
