import type { EventMessage } from './event.ts';

// Queue clocks and ours may differ a little: look this far before the oldest send time for earlier counts.
const CLOCK_MARGIN_MS = 60_000;
const MAX_ATTEMPTS = 5;

/** A batch reduced to what D1 must change: one entry per distinct key, not one per event. */
export interface BatchTotals {
  /** [hour, dimension, key, count] */
  rollups: [string, string, string, number][];
  /** [day, visitor, scopes] */
  visits: [string, string, string[]][];
  /** [hour, day, visitor, register clicks] */
  clicks: [string, string, string, number][];
  ids: string[];
}

/** Sums a batch in memory: the hourly counts, each visitor's scopes of the day, and its register clicks. */
export function totalBatch(messages: readonly EventMessage[]): BatchTotals {
  const rollups = new Map<string, [string, string, string, number]>();
  const visits = new Map<string, [string, string, Set<string>]>();
  const clicks = new Map<string, [string, string, string, number]>();
  for (const m of messages) {
    for (const [dimension, key] of m.counts) {
      const id = JSON.stringify([m.hour, dimension, key]);
      const row = rollups.get(id) ?? [m.hour, dimension, key, 0];
      row[3] += 1;
      rollups.set(id, row);
    }
    if (!m.visitor) continue;
    if (m.scopes.length) {
      const id = JSON.stringify([m.day, m.visitor]);
      const row = visits.get(id) ?? [m.day, m.visitor, new Set<string>()];
      for (const scope of m.scopes) row[2].add(scope);
      visits.set(id, row);
    }
    if (m.counts.some(([dimension, key]) => dimension === 'event' && key === 'cta_click')) {
      const id = JSON.stringify([m.hour, m.visitor]);
      const row = clicks.get(id) ?? [m.hour, m.day, m.visitor, 0];
      row[3] += 1;
      clicks.set(id, row);
    }
  }
  return {
    rollups: [...rollups.values()],
    visits: [...visits.values()].map(([day, visitor, scopes]) => [day, visitor, [...scopes]]),
    clicks: [...clicks.values()],
    ids: messages.map((m) => m.id),
  };
}

/** The statements that count one batch, in one transaction (D1 `batch()`); the first aborts it on a repeat. */
function countStatements(db: D1Database, totals: BatchTotals, since: number, now: number): D1PreparedStatement[] {
  const ids = JSON.stringify(totals.ids);
  const visits = JSON.stringify(totals.visits);
  return [
    db
      .prepare(
        `INSERT INTO metric_guard (ok) SELECT 0 WHERE EXISTS (
           SELECT 1 FROM metric_batches b, json_each(b.ids) j
           WHERE b.at >= ?1 AND j.value IN (SELECT value FROM json_each(?2)))`,
      )
      .bind(since, ids),
    db
      .prepare(
        `INSERT INTO metric_rollups (hour, dimension, key, count)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?1) WHERE true
         ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(JSON.stringify(totals.rollups)),
    // Before the seen rows change: a scope counts the visitors it had not seen that day.
    db
      .prepare(
        `INSERT INTO metric_daily_visitors (day, scope, visitors)
         SELECT v.value ->> 0, s.value, COUNT(*) FROM json_each(?1) v, json_each(v.value -> 2) s
         WHERE NOT EXISTS (
           SELECT 1 FROM metric_visitor_seen m, json_each(m.scopes) ms
           WHERE m.day = v.value ->> 0 AND m.visitor = v.value ->> 1 AND ms.value = s.value)
         GROUP BY 1, 2
         ON CONFLICT (day, scope) DO UPDATE SET visitors = visitors + excluded.visitors`,
      )
      .bind(visits),
    // One row per visitor and day; rewritten only when the batch brings a scope it did not have.
    db
      .prepare(
        `INSERT INTO metric_visitor_seen (day, visitor, scopes)
         SELECT value ->> 0, value ->> 1, value -> 2 FROM json_each(?1) WHERE true
         ON CONFLICT (day, visitor) DO UPDATE SET scopes = (
           SELECT json_group_array(value) FROM (
             SELECT value FROM json_each(metric_visitor_seen.scopes) UNION SELECT value FROM json_each(excluded.scopes)))
         WHERE EXISTS (
           SELECT 1 FROM json_each(excluded.scopes) e
           WHERE e.value NOT IN (SELECT value FROM json_each(metric_visitor_seen.scopes)))`,
      )
      .bind(visits),
    // A register click counts for the referral code its visitor arrived with that day (this batch included).
    db
      .prepare(
        `INSERT INTO metric_rollups (hour, dimension, key, count)
         SELECT c.value ->> 0, 'ref_cta', substr(s.value, 5), SUM(c.value ->> 3) FROM json_each(?1) c
         JOIN metric_visitor_seen m ON m.day = c.value ->> 1 AND m.visitor = c.value ->> 2
         JOIN json_each(m.scopes) s ON s.value LIKE 'ref:%'
         GROUP BY 1, 3
         ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(JSON.stringify(totals.clicks)),
    db.prepare('INSERT INTO metric_batches (at, batch, ids) VALUES (?1, ?2, ?3)').bind(now, crypto.randomUUID(), ids),
  ];
}

/** Ids among `ids` that a batch counted since `since` (ms). */
async function countedIds(db: D1Database, ids: readonly string[], since: number): Promise<Set<string>> {
  const { results } = await db
    .prepare(
      `SELECT j.value AS id FROM metric_batches b, json_each(b.ids) j
       WHERE b.at >= ?1 AND j.value IN (SELECT value FROM json_each(?2))`,
    )
    .bind(since, JSON.stringify(ids))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/**
 * Counts a batch of queued events in one D1 transaction and returns the D1 rows it wrote. The batch is
 * summed in the Worker first, so D1 sees one upsert per distinct (hour, dimension, key), per (day, scope)
 * and per visitor, plus one row recording the batch's event ids. Events already counted by a batch since
 * `sentAfter` (the oldest send time in the batch, ms) are skipped: a redelivered batch counts once. The
 * first try assumes none was; if the guard finds one, the counted ids are read and the rest counted.
 */
export async function countEvents(
  db: D1Database,
  messages: readonly EventMessage[],
  sentAfter: number,
  now = Date.now(),
): Promise<{ rowsWritten: number; counted: number }> {
  const since = sentAfter - CLOCK_MARGIN_MS;
  let pending = messages;
  for (let attempt = 1; ; attempt++) {
    if (pending.length === 0) return { rowsWritten: 0, counted: 0 };
    try {
      const results = await db.batch(countStatements(db, totalBatch(pending), since, now));
      return {
        rowsWritten: results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0),
        counted: pending.length,
      };
    } catch (error) {
      if (!/CHECK constraint failed/i.test(String(error)) || attempt >= MAX_ATTEMPTS) throw error;
      const counted = await countedIds(
        db,
        pending.map((m) => m.id),
        since,
      );
      pending = pending.filter((m) => !counted.has(m.id));
    }
  }
}
