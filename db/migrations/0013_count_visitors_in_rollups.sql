-- Fewer D1 writes per counted event (issue 32). A scope with a rollup row (site, lang:, page:, ref:) counts
-- its new visitors in that row, by the same upsert that adds the events, instead of a separate daily
-- upsert; a day's visitors are the sum over its hours. Only the scopes of free values (search:, missing:)
-- keep a daily table. The day's visitor hashes share rows by the first characters of the hash (1,024 rows
-- a day at most), so closing a day deletes those rows instead of one per visitor.

ALTER TABLE metric_rollups ADD COLUMN visitors INTEGER NOT NULL DEFAULT 0;

-- Existing daily figures move to the first hour of their day that has the scope's row (T00 without one),
-- so every day's and every period's figures stay the same.
INSERT INTO metric_rollups (hour, dimension, key, count, visitors)
SELECT COALESCE((SELECT MIN(r.hour) FROM metric_rollups r
    WHERE r.hour >= m.day || 'T00' AND r.hour <= m.day || 'T23' AND r.dimension = m.dimension AND r.key = m.key),
  m.day || 'T00'), m.dimension, m.key, 0, m.visitors
FROM (SELECT day, visitors,
    CASE WHEN scope = 'site' THEN 'event' ELSE substr(scope, 1, instr(scope, ':') - 1) END AS dimension,
    CASE WHEN scope = 'site' THEN 'pageview' ELSE substr(scope, instr(scope, ':') + 1) END AS key
  FROM metric_daily_visitors
  WHERE scope = 'site' OR scope LIKE 'lang:%' OR scope LIKE 'page:%' OR scope LIKE 'ref:%') m
WHERE true
ON CONFLICT (hour, dimension, key) DO UPDATE SET visitors = visitors + excluded.visitors;

-- Distinct daily visitors of the scopes that have no rollup row: search terms and missing paths (the
-- 5-visitor rule reads them).
CREATE TABLE metric_gated_visitors (
  day TEXT NOT NULL,
  scope TEXT NOT NULL,
  visitors INTEGER NOT NULL,
  PRIMARY KEY (day, scope)
) STRICT, WITHOUT ROWID;
INSERT INTO metric_gated_visitors (day, scope, visitors)
SELECT day, scope, visitors FROM metric_daily_visitors
WHERE NOT (scope = 'site' OR scope LIKE 'lang:%' OR scope LIKE 'page:%' OR scope LIKE 'ref:%');
DROP TABLE metric_daily_visitors;

-- The daily figures as before, for reading by hand (the reports read the rollups by hour).
CREATE VIEW metric_daily_visitors (day, scope, visitors) AS
SELECT substr(hour, 1, 10), CASE dimension WHEN 'event' THEN 'site' ELSE dimension || ':' || key END, SUM(visitors)
FROM metric_rollups WHERE visitors > 0 GROUP BY 1, 2
UNION ALL
SELECT day, scope, visitors FROM metric_gated_visitors;

-- The visitors seen on a day with their scopes, {"<visitor>": ["site", "page:/es/", ...]}, in rows shared by
-- the visitors whose hash starts alike: its first two characters and a quarter of the third (the shard).
CREATE TABLE metric_visitor_shards (
  day TEXT NOT NULL,
  shard TEXT NOT NULL,
  seen TEXT NOT NULL,
  PRIMARY KEY (day, shard)
) STRICT, WITHOUT ROWID;
INSERT INTO metric_visitor_shards (day, shard, seen)
SELECT day, substr(visitor, 1, 2) || substr('0000111122223333', instr('0123456789abcdef', substr(visitor, 3, 1)), 1),
  json_group_object(visitor, json(scopes))
FROM metric_visitor_seen GROUP BY 1, 2;
DROP TABLE metric_visitor_seen;

-- One row per visitor and day, as before, for reading by hand.
CREATE VIEW metric_visitor_seen (day, visitor, scopes) AS
SELECT s.day, j.key, j.value FROM metric_visitor_shards s, json_each(s.seen) j;
