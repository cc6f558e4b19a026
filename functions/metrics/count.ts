import { CAPPED_DIMENSIONS, MAX_DISTINCT_PER_DAY, OTHER } from '../domain/metrics.ts';
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
  /** [minute sent, ids of the events sent that minute] */
  buckets: [string, string[]][];
}

/** The minute an event was sent, which files it for the redelivery check (the hour for messages of older deploys). */
export const bucketOf = (m: EventMessage): string => m.minute ?? m.hour;

/** Sums a batch in memory: the hourly counts, each visitor's scopes of the day, and its register clicks. */
export function totalBatch(messages: readonly EventMessage[]): BatchTotals {
  const rollups = new Map<string, [string, string, string, number]>();
  const visits = new Map<string, [string, string, Set<string>]>();
  const clicks = new Map<string, [string, string, string, number]>();
  const buckets = new Map<string, string[]>();
  for (const m of messages) {
    const bucket = buckets.get(bucketOf(m)) ?? [];
    bucket.push(m.id);
    buckets.set(bucketOf(m), bucket);
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
    buckets: [...buckets],
  };
}

// Ids among ?3 that a batch already counted: only the records of the batch's minutes ?1 are read (an index
// lookup each, the minute leads the key), however long a backlog; records kept before minutes were (minute
// ''), by send time ?2. Both lists are
// constants, so SQLite builds each once rather than once per row.
const COUNTED_IDS = `SELECT j.value AS id FROM metric_batches b, json_each(b.ids) j
  WHERE (b.minute IN (SELECT value FROM json_each(?1)) OR (b.minute = '' AND b.at >= ?2))
    AND j.value IN (SELECT value FROM json_each(?3))`;

const CAPPED = CAPPED_DIMENSIONS.map((d) => `'${d}'`).join(', ');

// Days whose visitor rows the retention already deleted: their visitors are never counted again.
const OPEN_DAY = (day: string) => `${day} > (SELECT through FROM metric_closed)`;

// A free value counts under its own name only if it was admitted among its day's first 500.
const ADMITTED = (day: string, dimension: string, key: string) =>
  `EXISTS (SELECT 1 FROM metric_day_keys k WHERE k.day = ${day} AND k.dimension = ${dimension} AND k.key = ${key})`;

// The key a rollup is stored under: (other) past the day's cap, and for referral codes staff never registered.
const STORED_KEY = (hour: string, dimension: string, key: string) => `CASE
  WHEN ${key} = '${OTHER}' THEN ${key}
  WHEN ${dimension} IN (${CAPPED}) AND NOT ${ADMITTED(`substr(${hour}, 1, 10)`, dimension, key)} THEN '${OTHER}'
  WHEN ${dimension} = 'ref' AND ${key} NOT IN (SELECT code FROM referral_codes) THEN '${OTHER}'
  ELSE ${key} END`;

// A visitor scope counts only for a registered referral code and an admitted search term.
const COUNTED_SCOPE = (day: string, scope: string) => `(
  (${scope} NOT LIKE 'ref:%' OR substr(${scope}, 5) IN (SELECT code FROM referral_codes))
  AND (${scope} NOT LIKE 'search:%' OR ${ADMITTED(day, "'search_empty'", `substr(${scope}, 8)`)}))`;

/** The statements that count one batch, in one transaction (D1 `batch()`); the first aborts it on a repeat. */
function countStatements(db: D1Database, totals: BatchTotals, since: number, now: number): D1PreparedStatement[] {
  const buckets = JSON.stringify(totals.buckets);
  const ids = JSON.stringify(totals.buckets.flatMap(([, list]) => list));
  const minutes = JSON.stringify(totals.buckets.map(([minute]) => minute));
  const rollups = JSON.stringify(totals.rollups);
  // Each visitor's scopes, without those that do not count, on open days only.
  const visits = JSON.stringify(totals.visits);
  const countedVisits = `SELECT v.value ->> 0 AS day, v.value ->> 1 AS visitor, s.value AS scope
    FROM json_each(?1) v, json_each(v.value -> 2) s
    WHERE ${OPEN_DAY('v.value ->> 0')} AND ${COUNTED_SCOPE('v.value ->> 0', 's.value')}`;
  return [
    // Redelivery: aborts the transaction when an event was already counted.
    db.prepare(`INSERT INTO metric_guard (ok) SELECT 0 WHERE EXISTS (${COUNTED_IDS})`).bind(minutes, since, ids),
    // Admit this batch's new free values, in key order, while their day has room under the cap.
    db
      .prepare(
        `INSERT OR IGNORE INTO metric_day_keys (day, dimension, key)
         SELECT day, dimension, key FROM (
           SELECT c.day, c.dimension, c.key,
             ROW_NUMBER() OVER (PARTITION BY c.day, c.dimension ORDER BY c.key) AS n,
             (SELECT COUNT(*) FROM metric_day_keys k WHERE k.day = c.day AND k.dimension = c.dimension) AS have
           FROM (SELECT DISTINCT substr(value ->> 0, 1, 10) AS day, value ->> 1 AS dimension, value ->> 2 AS key
                 FROM json_each(?1) WHERE value ->> 1 IN (${CAPPED}) AND value ->> 2 <> '${OTHER}') c
           WHERE ${OPEN_DAY('c.day')} AND NOT ${ADMITTED('c.day', 'c.dimension', 'c.key')}
         ) WHERE n + have <= ?2`,
      )
      .bind(rollups, MAX_DISTINCT_PER_DAY),
    db
      .prepare(
        `INSERT INTO metric_rollups (hour, dimension, key, count)
         SELECT value ->> 0, value ->> 1, ${STORED_KEY('value ->> 0', 'value ->> 1', 'value ->> 2')}, value ->> 3
         FROM json_each(?1) WHERE true
         ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(rollups),
    // Before the seen rows change: a scope counts the visitors it had not seen that day.
    db
      .prepare(
        `INSERT INTO metric_daily_visitors (day, scope, visitors)
         SELECT c.day, c.scope, COUNT(*) FROM (${countedVisits}) c
         WHERE NOT EXISTS (
           SELECT 1 FROM metric_visitor_seen m, json_each(m.scopes) ms
           WHERE m.day = c.day AND m.visitor = c.visitor AND ms.value = c.scope)
         GROUP BY 1, 2
         ON CONFLICT (day, scope) DO UPDATE SET visitors = visitors + excluded.visitors`,
      )
      .bind(visits),
    // One row per visitor and day; rewritten only when the batch brings a scope it did not have.
    db
      .prepare(
        `INSERT INTO metric_visitor_seen (day, visitor, scopes)
         SELECT day, visitor, json_group_array(scope) FROM (${countedVisits}) GROUP BY 1, 2
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
    // One record per minute of send time, so the check above finds it by index.
    db
      .prepare(
        `INSERT INTO metric_batches (at, batch, ids, minute)
         SELECT ?1, ?2 || '/' || (value ->> 0), value -> 1, value ->> 0 FROM json_each(?3)`,
      )
      .bind(now, crypto.randomUUID(), buckets),
  ];
}

/** Ids among `messages` that a batch already counted. */
async function countedIds(db: D1Database, messages: readonly EventMessage[], since: number): Promise<Set<string>> {
  const { results } = await db
    .prepare(COUNTED_IDS)
    .bind(JSON.stringify([...new Set(messages.map(bucketOf))]), since, JSON.stringify(messages.map((m) => m.id)))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** What counting a batch cost and did: D1 rows written and read, and the events counted (repeats skipped). */
export interface CountResult {
  rowsWritten: number;
  rowsRead: number;
  counted: number;
}

/**
 * Counts a batch of queued events in one D1 transaction. The batch is summed in the Worker first, so D1
 * sees one upsert per distinct (hour, dimension, key), per (day, scope) and per visitor, plus one row per
 * minute of send time recording the ids counted. Events a batch already counted are skipped, so a
 * redelivered batch counts once; the check reads only the records of the same minutes, so its cost does not
 * grow with a backlog. `sentAfter` (the oldest send time, ms) bounds the check of records kept before
 * minutes were. The first try assumes nothing was counted; if the guard finds a repeat, the counted ids are
 * read and the rest counted.
 */
export async function countEvents(
  db: D1Database,
  messages: readonly EventMessage[],
  sentAfter: number,
  now = Date.now(),
): Promise<CountResult> {
  const since = sentAfter - CLOCK_MARGIN_MS;
  let pending = messages;
  const rowsRead = 0;
  for (let attempt = 1; ; attempt++) {
    if (pending.length === 0) return { rowsWritten: 0, rowsRead, counted: 0 };
    try {
      const results = await db.batch(countStatements(db, totalBatch(pending), since, now));
      return {
        rowsWritten: results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0),
        rowsRead: rowsRead + results.reduce((sum, r) => sum + (r.meta.rows_read ?? 0), 0),
        counted: pending.length,
      };
    } catch (error) {
      if (!/CHECK constraint failed/i.test(String(error)) || attempt >= MAX_ATTEMPTS) throw error;
      const counted = await countedIds(db, pending, since);
      pending = pending.filter((m) => !counted.has(m.id));
    }
  }
}
