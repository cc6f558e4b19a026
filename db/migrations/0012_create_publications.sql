-- Every figure the site publishes (an image, an embed, a view CSV, a cut package) is recorded once, the first
-- time it is served, under its verification code. The table is append-only and hash-chained: each record holds
-- the SHA-256 of the one before (prev_hash) and its own (hash, over the canonical record including prev_hash),
-- so a removed or altered record breaks the chain. prev_hash is UNIQUE: two first serves racing on the same head
-- cannot both append; the loser reads the new head and tries again (functions/publications/store.ts).
CREATE TABLE publications (
  seq INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'embed', 'csv', 'package')),
  process TEXT NOT NULL,
  version TEXT NOT NULL,
  as_of TEXT,
  figures TEXT NOT NULL,
  render TEXT NOT NULL,
  created_at TEXT NOT NULL,
  prev_hash TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE
);

CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
BEGIN
  SELECT RAISE(ABORT, 'publications are append-only');
END;

CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN
  SELECT RAISE(ABORT, 'publications are append-only');
END;
