-- Nothing a visitor sends grows the stored figures without bound (issue 14).

-- The distinct values a day of each capped dimension (referrer, campaign, embed, download, search_empty,
-- not_found): the first 500 of a day are admitted, the rest counted as '(other)'. Deleted once the day
-- is closed; by then every admitted value is in the rollups.
CREATE TABLE metric_day_keys (
  day TEXT NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (day, dimension, key)
) STRICT, WITHOUT ROWID;

-- The last day whose visitor rows were deleted. A late event for a closed day still counts in the hourly
-- figures, never as a visitor (its visitor may already have been counted and forgotten), and its free
-- values go to '(other)'. One row.
CREATE TABLE metric_closed (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  through TEXT NOT NULL
) STRICT;
INSERT INTO metric_closed (one, through) VALUES (1, date('now', '-2 days'));

-- The redelivery check reads only the batches that counted events sent in the same minutes, however long
-- the backlog: the minute leads the key (no second index to write). Rows written before this migration
-- keep minute '' and are found by time; they expire within 48 hours.
CREATE TABLE metric_batches_by_minute (
  minute TEXT NOT NULL,
  at INTEGER NOT NULL,
  batch TEXT NOT NULL,
  ids TEXT NOT NULL,
  PRIMARY KEY (minute, at, batch)
) STRICT, WITHOUT ROWID;
INSERT INTO metric_batches_by_minute (minute, at, batch, ids) SELECT '', at, batch, ids FROM metric_batches;
DROP TABLE metric_batches;
ALTER TABLE metric_batches_by_minute RENAME TO metric_batches;

-- Search terms stored before the 5-visitor rule had no visitor counts: none can be shown, so all go.
INSERT INTO metric_rollups (hour, dimension, key, count)
SELECT hour, 'search_empty', '(other)', SUM(count) FROM metric_rollups
WHERE dimension = 'search_empty' AND key <> '(other)'
GROUP BY hour
ON CONFLICT (hour, dimension, key) DO UPDATE SET count = count + excluded.count;
DELETE FROM metric_rollups WHERE dimension = 'search_empty' AND key <> '(other)';
