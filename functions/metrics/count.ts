import { MAX_DISTINCT_PER_DAY, OTHER } from '../domain/metrics.ts';
import { admissionStatements } from './admission.ts';
import { type BatchTotals, bucketOf, totalBatch } from './batch-totals.ts';
import { ADMITTED, OPEN_DAY, ROLLUP_SCOPE, SCOPE_DIMENSION, SCOPE_KEY, VISITOR_SHARD } from './daily-keys-sql.ts';
import type { EventMessage } from './event.ts';

// Queue clocks and ours may differ a little: look this far before the oldest send time for earlier counts.
const CLOCK_MARGIN_MS = 60_000;
const MAX_ATTEMPTS = 5;

// Ids among ?3 that a batch already counted: only the records of the batch's minutes ?1 are read (the
// minute leads the key: a lookup each), however long a backlog; records kept before minutes were (minute
// ''), by send time ?2. Both lists are constants, so SQLite builds each once rather than once per row.
const COUNTED_IDS = `SELECT j.value AS id FROM metric_batches b, json_each(b.ids) j
  WHERE (b.minute IN (SELECT value FROM json_each(?1)) OR (b.minute = '' AND b.at >= ?2))
    AND j.value IN (SELECT value FROM json_each(?3))`;

// A visitor scope counts only for a registered referral code, an admitted search term, and a missing path
// admitted or waiting for admission (its visitors decide whether it is ever shown).
const COUNTED_SCOPE = (day: string, scope: string) => `(
  (${scope} NOT LIKE 'ref:%' OR substr(${scope}, 5) IN (SELECT code FROM referral_codes))
  AND (${scope} NOT LIKE 'search:%' OR ${ADMITTED(day, "'search_empty'", `substr(${scope}, 8)`)})
  AND (${scope} NOT LIKE 'missing:%' OR ${ADMITTED(day, "'not_found'", `substr(${scope}, 9)`)} OR EXISTS (
    SELECT 1 FROM metric_pending_keys p WHERE p.day = ${day} AND p.dimension = 'not_found' AND p.key = substr(${scope}, 9))))`;

// The batch's free values: a key the day already has adds to its row; new keys of an open day get rows in
// key order while the day has fewer than 500; the rest add to (other). SQLite reads the table into a
// temporary copy before inserting (the SELECT reads the table it writes), so each row sees the day as it
// was before this batch, and the day's count of keys is read once per (day, dimension).
const COUNT_FREE_VALUES = `WITH
  c AS (SELECT value ->> 0 AS day, value ->> 1 AS dimension, value ->> 2 AS key, value ->> 3 AS count FROM json_each(?1)),
  have AS (SELECT p.day, p.dimension, (SELECT COUNT(*) FROM metric_daily_keys k
      WHERE k.day = p.day AND k.dimension = p.dimension AND k.key <> '${OTHER}') AS keys
    FROM (SELECT DISTINCT day, dimension FROM c) p),
  marked AS (SELECT c.*, (c.key = '${OTHER}' OR ${ADMITTED('c.day', 'c.dimension', 'c.key')}) AS known FROM c),
  ranked AS (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.day, m.dimension, m.known ORDER BY m.key) AS n FROM marked m)
INSERT INTO metric_daily_keys (day, dimension, key, count)
SELECT r.day, r.dimension,
  CASE WHEN r.known OR (${OPEN_DAY('r.day')} AND r.n + h.keys <= ?2) THEN r.key ELSE '${OTHER}' END, r.count
FROM ranked r JOIN have h ON h.day = r.day AND h.dimension = r.dimension WHERE true
ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count`;

/** The statements that count one batch, in one transaction (D1 `batch()`); the first aborts it on a repeat. */
function countStatements(db: D1Database, totals: BatchTotals, since: number, now: number): D1PreparedStatement[] {
  const buckets = JSON.stringify(totals.buckets);
  const ids = JSON.stringify(totals.buckets.flatMap(([, list]) => list));
  const minutes = JSON.stringify(totals.buckets.map(([minute]) => minute));
  const rollups = JSON.stringify(totals.rollups);
  // Each visitor's scopes (with the hour that brought each), without those that do not count, on open days only.
  const visits = JSON.stringify(totals.visits);
  const countedVisits = `SELECT v.value ->> 0 AS day, v.value ->> 1 AS visitor, ${VISITOR_SHARD('v.value ->> 1')} AS shard,
      s.value ->> 0 AS scope, s.value ->> 1 AS hour
    FROM json_each(?1) v, json_each(v.value -> 2) s
    WHERE ${OPEN_DAY('v.value ->> 0')} AND ${COUNTED_SCOPE('v.value ->> 0', 's.value ->> 0')}`;
  // The scopes a visitor's shard row (metric_visitor_shards) held before this batch: the visitor's own
  // array, found by its key (a hex hash), so no other visitor of the row is read.
  const seenScopes = (
    c: string,
  ) => `SELECT ms.value FROM metric_visitor_shards m, json_each(m.seen, '$."' || ${c}.visitor || '"') ms
    WHERE m.day = ${c}.day AND m.shard = ${c}.shard`;
  // Scopes a visitor brings for the first time that day: each is one new visitor of that scope.
  const fresh = `fresh AS MATERIALIZED (SELECT c.* FROM (${countedVisits}) c WHERE c.scope NOT IN (${seenScopes('c')}))`;
  // Search terms and missing paths (no rollup row) are rare: their statement runs only for a batch that has one.
  const gated = totals.visits.some(([, , scopes]) => scopes.some(([scope]) => /^(search|missing):/.test(scope)));
  return [
    // Redelivery: aborts the transaction when an event was already counted.
    db.prepare(`INSERT INTO metric_guard (ok) SELECT 0 WHERE EXISTS (${COUNTED_IDS})`).bind(minutes, since, ids),
    db.prepare(COUNT_FREE_VALUES).bind(JSON.stringify(totals.daily), MAX_DISTINCT_PER_DAY),
    ...admissionStatements(db, totals.networks, MAX_DISTINCT_PER_DAY),
    // Known sets, by hour, with the visitors new to the row's scope that day (before the seen rows change);
    // a referral code staff never registered is (other).
    db
      .prepare(
        `WITH ${fresh},
         a AS (SELECT value ->> 0 AS hour, value ->> 1 AS dimension,
             CASE WHEN value ->> 1 = 'ref' AND value ->> 2 NOT IN (SELECT code FROM referral_codes) THEN '${OTHER}'
               ELSE value ->> 2 END AS key,
             value ->> 3 AS count, 0 AS visitors
           FROM json_each(?2)
           UNION ALL
           SELECT hour, ${SCOPE_DIMENSION('scope')}, ${SCOPE_KEY('scope')}, 0, 1 FROM fresh WHERE ${ROLLUP_SCOPE('scope')})
         INSERT INTO metric_rollups (hour, dimension, key, count, visitors)
         SELECT hour, dimension, key, SUM(count), SUM(visitors) FROM a GROUP BY 1, 2, 3
         ON CONFLICT (hour, dimension, key) DO UPDATE
           SET count = count + excluded.count, visitors = visitors + excluded.visitors`,
      )
      .bind(visits, rollups),
    // Search terms and missing paths have no rollup row: their new visitors count by day.
    ...(gated
      ? [
          db
            .prepare(
              `WITH ${fresh}
         INSERT INTO metric_gated_visitors (day, scope, visitors)
         SELECT day, scope, COUNT(*) FROM fresh WHERE NOT ${ROLLUP_SCOPE('scope')} GROUP BY 1, 2
         ON CONFLICT (day, scope) DO UPDATE SET visitors = visitors + excluded.visitors`,
            )
            .bind(visits),
        ]
      : []),
    // The visitors that brought a new scope, with all their scopes of the day, into their shard's row
    // (the other visitors of the row keep theirs).
    db
      .prepare(
        `WITH ${fresh},
         merged AS (SELECT f.day, f.shard, f.visitor, (SELECT json_group_array(value) FROM (
             ${seenScopes('f')} UNION SELECT scope FROM fresh g WHERE g.day = f.day AND g.visitor = f.visitor)) AS scopes
           FROM (SELECT DISTINCT day, shard, visitor FROM fresh) f)
         INSERT INTO metric_visitor_shards (day, shard, seen)
         SELECT day, shard, json_group_object(visitor, json(scopes)) FROM merged GROUP BY 1, 2
         ON CONFLICT (day, shard) DO UPDATE SET seen = json_patch(seen, excluded.seen)`,
      )
      .bind(visits),
    // A register click counts for the referral code its visitor arrived with that day (this batch included).
    ...(totals.clicks.length
      ? [
          db
            .prepare(
              `INSERT INTO metric_rollups (hour, dimension, key, count)
         SELECT c.value ->> 0, 'ref_cta', substr(s.value, 5), SUM(c.value ->> 3) FROM json_each(?1) c
         JOIN metric_visitor_shards m ON m.day = c.value ->> 1 AND m.shard = ${VISITOR_SHARD('c.value ->> 2')}
         JOIN json_each(m.seen, '$."' || (c.value ->> 2) || '"') s ON s.value LIKE 'ref:%'
         GROUP BY 1, 3
         ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count`,
            )
            .bind(JSON.stringify(totals.clicks)),
        ]
      : []),
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
 * sees one upsert per distinct (hour, dimension, key) (which also counts the key's new visitors), per shard
 * of the day's visitors that brought a new scope, and one row per minute of send time recording the ids counted. Events a batch already counted are skipped, so a
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
