-- Electoral processes, registration applications and the rollups that answer every summary.

CREATE TABLE processes (
  slug TEXT PRIMARY KEY,
  name_es TEXT NOT NULL,
  name_en TEXT NOT NULL,
  registration_opens TEXT NOT NULL,
  registration_closes TEXT NOT NULL,
  election_day TEXT,
  entities TEXT NOT NULL,   -- JSON array of INEGI codes
  modalities TEXT NOT NULL, -- JSON array
  data_version INTEGER NOT NULL DEFAULT 0, -- moves when shown figures or fields change (cache keys)
  write_seq INTEGER NOT NULL DEFAULT 0,    -- moves on every applied batch (optimistic concurrency)
  as_of TEXT,               -- when the figures last changed (ISO 8601 UTC)
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- One row per application (SIILNERE), only the contract's fields: no names, addresses or ids.
CREATE TABLE applications (
  process TEXT NOT NULL REFERENCES processes (slug),
  folio TEXT NOT NULL,
  received_on TEXT NOT NULL,
  country TEXT NOT NULL,
  entity TEXT NOT NULL,
  sex TEXT NOT NULL,
  age INTEGER NOT NULL,
  age_band TEXT NOT NULL, -- derived from age by functions/domain/registration.ts (one place)
  modality TEXT NOT NULL,
  channel TEXT NOT NULL,
  credential TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (process, folio)
) STRICT, WITHOUT ROWID;

-- Counts per (scope, entity filter, country filter, dimension, bucket). '*' means "not filtered".
-- Every ingest moves these in the same transaction as the applications, so a summary reads a few
-- hundred rows whatever the number of applications.
CREATE TABLE registration_rollups (
  process TEXT NOT NULL,
  scope TEXT NOT NULL,     -- received | cumple
  entity TEXT NOT NULL,    -- INEGI code or '*'
  country TEXT NOT NULL,   -- ISO alpha-2 or '*'
  dimension TEXT NOT NULL, -- total, channel, credential, sex, age_band, modality, status, entity, country, day
  bucket TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (process, scope, entity, country, dimension, bucket)
) STRICT, WITHOUT ROWID;

-- Makes a batch's transaction fail when another batch wrote to the process since it was planned:
-- the row is rewritten with ok = (write_seq still as read), and the CHECK aborts the whole batch otherwise.
CREATE TABLE ingest_guard (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  ok INTEGER NOT NULL CHECK (ok = 1)
) STRICT;

-- Applied batches, for idempotent retries: same key and body → the stored answer.
CREATE TABLE ingest_batches (
  id TEXT PRIMARY KEY,
  process TEXT NOT NULL REFERENCES processes (slug),
  idempotency_key TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (process, idempotency_key)
) STRICT;
