import type { EventMessage } from '../env.ts';

// Messages per statement: a queue batch holds at most 100, so one statement per batch suffices.
const STAGE = `
  INSERT OR IGNORE INTO metric_inbox (batch, id, hour, day, dimension, key, visitor)
  SELECT ?1, m.value ->> 'id', m.value ->> 'hour', m.value ->> 'day', r.value ->> 0, r.value ->> 1, m.value ->> 'visitor'
  FROM json_each(?2) m, json_each(m.value -> 'rows') r
  WHERE NOT EXISTS (SELECT 1 FROM metric_event_ids e WHERE e.id = m.value ->> 'id')`;

/**
 * Counts a batch of queued events in one D1 transaction (returns the D1 rows it wrote): skips ids already counted (a redelivered
 * batch counts once), adds the hourly counts, counts each visitor once per day and scope, attributes
 * register clicks to the referral code the visitor arrived with today, and forgets hashes of past days.
 */
export async function countEvents(
  db: D1Database,
  messages: readonly EventMessage[],
  batch: string,
  today: string,
): Promise<{ rowsWritten: number }> {
  const staged = messages.map((m) => ({
    id: m.id,
    hour: m.hour,
    day: m.day,
    visitor: m.visitor,
    rows: [...m.counts, ...m.scopes.map((scope) => ['visitor', scope])],
  }));
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const results = await db.batch([
    db.prepare(STAGE).bind(batch, JSON.stringify(staged)),
    db
      .prepare(
        'INSERT OR IGNORE INTO metric_event_ids (id, day) SELECT DISTINCT id, day FROM metric_inbox WHERE batch = ?1',
      )
      .bind(batch),
    db
      .prepare(
        `INSERT INTO metric_rollups (hour, dimension, key, count)
         SELECT hour, dimension, key, COUNT(*) FROM metric_inbox WHERE batch = ?1 AND dimension <> 'visitor'
         GROUP BY hour, dimension, key
         ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(batch),
    db
      .prepare(
        `INSERT INTO metric_daily_visitors (day, scope, visitors)
         SELECT i.day, i.key, COUNT(DISTINCT i.visitor) FROM metric_inbox i
         WHERE i.batch = ?1 AND i.dimension = 'visitor'
           AND NOT EXISTS (SELECT 1 FROM metric_visitor_seen v WHERE v.day = i.day AND v.scope = i.key AND v.visitor = i.visitor)
         GROUP BY i.day, i.key
         ON CONFLICT (day, scope) DO UPDATE SET visitors = visitors + excluded.visitors`,
      )
      .bind(batch),
    db
      .prepare(
        `INSERT OR IGNORE INTO metric_visitor_seen (day, scope, visitor)
         SELECT DISTINCT day, key, visitor FROM metric_inbox WHERE batch = ?1 AND dimension = 'visitor'`,
      )
      .bind(batch),
    db
      .prepare(
        `INSERT INTO metric_rollups (hour, dimension, key, count)
         SELECT i.hour, 'ref_cta', substr(v.scope, 5), COUNT(*) FROM metric_inbox i
         JOIN metric_visitor_seen v ON v.day = i.day AND v.visitor = i.visitor AND v.scope LIKE 'ref:%'
         WHERE i.batch = ?1 AND i.dimension = 'event' AND i.key = 'cta_click'
         GROUP BY i.hour, v.scope
         ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(batch),
    db.prepare('DELETE FROM metric_inbox WHERE batch = ?1').bind(batch),
    db.prepare('DELETE FROM metric_visitor_seen WHERE day < ?1').bind(yesterday),
    db.prepare('DELETE FROM metric_event_ids WHERE day < ?1').bind(yesterday),
  ]);
  return { rowsWritten: results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0) };
}
