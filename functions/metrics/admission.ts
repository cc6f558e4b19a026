import { MIN_NETWORKS, NEW_VALUES_PER_NETWORK, OTHER } from '../domain/metrics.ts';
import { ADMITTED, OPEN_DAY } from './daily-keys-sql.ts';

/** [day, dimension, key, count, network] of a batch, for the dimensions admitted by breadth. */
export type NetworkCount = [string, string, string, number, string];

// The batch's values (?1), summed per key, each marked with whether it already has its own row.
const VALUES = `c AS (SELECT value ->> 0 AS day, value ->> 1 AS dimension, value ->> 2 AS key, SUM(value ->> 3) AS count
    FROM json_each(?1) GROUP BY 1, 2, 3)`;

const NETWORKS = (c: string) =>
  `(SELECT COUNT(*) FROM metric_key_networks n WHERE n.day = ${c}.day AND n.dimension = ${c}.dimension AND n.key = ${c}.key)`;

// The values this batch admits: not yet admitted, on an open day, vouched for by enough networks, and within
// the day's cap (in key order), counted before any of them is inserted.
const ADMITTING = `${VALUES},
  have AS (SELECT p.day, p.dimension, (SELECT COUNT(*) FROM metric_daily_keys k
      WHERE k.day = p.day AND k.dimension = p.dimension AND k.key <> '${OTHER}') AS keys
    FROM (SELECT DISTINCT day, dimension FROM c) p),
  ready AS (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.day, c.dimension ORDER BY c.key) AS n FROM c
    WHERE c.key <> '${OTHER}' AND ${OPEN_DAY('c.day')} AND NOT ${ADMITTED('c.day', 'c.dimension', 'c.key')}
      AND ${NETWORKS('c')} >= ${MIN_NETWORKS}),
  admitted AS (SELECT r.day, r.dimension, r.key, r.count, COALESCE(p.count, 0) AS waited FROM ready r
    JOIN have h ON h.day = r.day AND h.dimension = r.dimension
    LEFT JOIN metric_pending_keys p ON p.day = r.day AND p.dimension = r.dimension AND p.key = r.key
    WHERE r.n + h.keys <= ?2)`;

/**
 * The statements that count a batch's referrer hosts, campaigns and missing paths by breadth, in order, in
 * the counting transaction. A value with its own row adds to it. A new value is vouched for by the network
 * that sent it (while that network has budget left that day); once MIN_NETWORKS networks vouched for it, it
 * gets its own row with everything it counted while waiting, moved out of `(other)`. Until then, and
 * beyond the day's cap, it counts in `(other)`, and in its waiting count if some network vouched for it.
 */
export function admissionStatements(db: D1Database, rows: readonly NetworkCount[], cap: number): D1PreparedStatement[] {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows);
  return [
    // Vouching, within each network's budget of new values (rows it already has, then this batch's in key order).
    db
      .prepare(
        `WITH f AS (SELECT DISTINCT value ->> 0 AS day, value ->> 1 AS dimension, value ->> 2 AS key, value ->> 4 AS network
           FROM json_each(?1) j
           WHERE value ->> 2 <> '${OTHER}' AND ${OPEN_DAY('value ->> 0')}
             AND NOT ${ADMITTED('value ->> 0', 'value ->> 1', 'value ->> 2')}
             AND NOT EXISTS (SELECT 1 FROM metric_key_networks n WHERE n.day = value ->> 0
               AND n.dimension = value ->> 1 AND n.key = value ->> 2 AND n.network = value ->> 4)),
         r AS (SELECT f.*, ROW_NUMBER() OVER (PARTITION BY f.day, f.dimension, f.network ORDER BY f.key) AS n FROM f)
         INSERT OR IGNORE INTO metric_key_networks (day, dimension, key, network)
         SELECT day, dimension, key, network FROM r
         WHERE r.n + (SELECT COUNT(*) FROM metric_key_networks u
           WHERE u.day = r.day AND u.dimension = r.dimension AND u.network = r.network) <= ?2`,
      )
      .bind(json, NEW_VALUES_PER_NETWORK),
    // Values admitted before this batch.
    db
      .prepare(
        `WITH ${VALUES} INSERT INTO metric_daily_keys (day, dimension, key, count)
         SELECT day, dimension, key, count FROM c WHERE key <> '${OTHER}' AND ${ADMITTED('c.day', 'c.dimension', 'c.key')}
         ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(json),
    // What the values admitted now counted while waiting leaves (other)...
    db
      .prepare(
        `WITH ${ADMITTING}
         UPDATE metric_daily_keys SET count = count - (SELECT SUM(a.waited) FROM admitted a
           WHERE a.day = metric_daily_keys.day AND a.dimension = metric_daily_keys.dimension)
         WHERE key = '${OTHER}' AND (day, dimension) IN (SELECT day, dimension FROM admitted WHERE waited > 0)`,
      )
      .bind(json, cap),
    // ...for their own rows.
    db
      .prepare(
        `WITH ${ADMITTING} INSERT INTO metric_daily_keys (day, dimension, key, count)
         SELECT day, dimension, key, count + waited FROM admitted WHERE true
         ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(json, cap),
    // The rest counts in (other), and a vouched-for value also in its waiting count.
    db
      .prepare(
        `WITH ${VALUES} INSERT INTO metric_daily_keys (day, dimension, key, count)
         SELECT day, dimension, '${OTHER}', SUM(count) FROM c
         WHERE key = '${OTHER}' OR NOT ${ADMITTED('c.day', 'c.dimension', 'c.key')} GROUP BY 1, 2
         ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(json),
    db
      .prepare(
        `WITH ${VALUES} INSERT INTO metric_pending_keys (day, dimension, key, count)
         SELECT day, dimension, key, count FROM c
         WHERE key <> '${OTHER}' AND ${OPEN_DAY('c.day')} AND NOT ${ADMITTED('c.day', 'c.dimension', 'c.key')}
           AND ${NETWORKS('c')} > 0
         ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count`,
      )
      .bind(json),
    db
      .prepare(
        `DELETE FROM metric_pending_keys AS p WHERE ${ADMITTED('p.day', 'p.dimension', 'p.key')}
           AND EXISTS (SELECT 1 FROM json_each(?1) j
             WHERE j.value ->> 0 = p.day AND j.value ->> 1 = p.dimension AND j.value ->> 2 = p.key)`,
      )
      .bind(json),
  ];
}
