-- Nothing a visitor sends grows the stored figures without bound (issue 14).

-- Daily counts of the values a visitor chooses freely (dimensions referrer, campaign, embed, download,
-- search_empty, not_found): the first 500 distinct keys of a day keep their own row, the rest are
-- counted under '(other)'. The row is both the count and the proof that a key was admitted that day, so
-- the cap costs no extra writes. These dimensions leave the hourly rollups: every report reads days.
CREATE TABLE metric_daily_keys (
  day TEXT NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, dimension, key)
) STRICT, WITHOUT ROWID;
INSERT INTO metric_daily_keys (day, dimension, key, count)
SELECT substr(hour, 1, 10), dimension, key, SUM(count) FROM metric_rollups
WHERE dimension IN ('referrer', 'campaign', 'embed', 'download', 'search_empty', 'not_found')
GROUP BY 1, 2, 3;
DELETE FROM metric_rollups
WHERE dimension IN ('referrer', 'campaign', 'embed', 'download', 'search_empty', 'not_found');

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
INSERT INTO metric_daily_keys (day, dimension, key, count)
SELECT day, 'search_empty', '(other)', SUM(count) FROM metric_daily_keys
WHERE dimension = 'search_empty' AND key <> '(other)'
GROUP BY day
ON CONFLICT (day, dimension, key) DO UPDATE SET count = count + excluded.count;
DELETE FROM metric_daily_keys WHERE dimension = 'search_empty' AND key <> '(other)';
