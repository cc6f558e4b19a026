-- Cheaper bookkeeping for engagement events: the consumer now sums a batch in the Worker and writes one
-- upsert per distinct key, so the staging table goes; redelivery is detected from one row per counted
-- batch instead of one row (plus an index entry) per event; a visitor's scopes of the day share one row.

DROP TABLE metric_inbox;
DROP INDEX metric_event_ids_day;
DROP TABLE metric_event_ids;
DROP TABLE metric_visitor_seen;

-- Which visitor hashes were seen on a day, with the scopes they already count in ('site', 'lang:es',
-- 'page:/es/…', 'ref:CODE') as a JSON array. Deleted by the scheduled retention once the day is over.
CREATE TABLE metric_visitor_seen (
  day TEXT NOT NULL,
  visitor TEXT NOT NULL,
  scopes TEXT NOT NULL,
  PRIMARY KEY (day, visitor)
) STRICT, WITHOUT ROWID;

-- One row per counted queue batch: when (ms since the epoch) and the event ids it counted (JSON array).
-- A redelivered event can only have been counted after it was sent, so the check reads the batches
-- since then (by primary key). Deleted after 48 hours by the scheduled retention.
CREATE TABLE metric_batches (
  at INTEGER NOT NULL,
  batch TEXT NOT NULL,
  ids TEXT NOT NULL,
  PRIMARY KEY (at, batch)
) STRICT, WITHOUT ROWID;

-- Never holds a row: inserting into it (only when a batch repeats counted events) aborts the transaction.
CREATE TABLE metric_guard (
  ok INTEGER NOT NULL CHECK (ok = 1)
) STRICT;
