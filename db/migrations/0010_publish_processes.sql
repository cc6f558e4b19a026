-- The publication lifecycle: a process is created unpublished (a rehearsal, a test, a process being prepared) and
-- shows to admin and staff only until it is published; publishing cannot be undone. Processes that exist now
-- were public before this column, so they stay published, as of their last change.
ALTER TABLE processes ADD COLUMN published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1));
ALTER TABLE processes ADD COLUMN published_at TEXT; -- when it was published (ISO 8601 UTC), null while unpublished
UPDATE processes SET published = 1, published_at = updated_at;

-- The last data version of each deleted process: a process created again under the same slug starts above it, so
-- no cache key or ETag of the deleted one ever names the new one's figures.
CREATE TABLE deleted_processes (
  slug TEXT PRIMARY KEY,
  data_version INTEGER NOT NULL,
  deleted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
