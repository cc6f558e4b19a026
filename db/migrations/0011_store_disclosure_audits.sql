-- The disclosure audit of every published version (contract "Small groups are never described", rules 2 and 3),
-- stored when the version is created (after a batch's rollups, when a cut is taken), never recomputed per read.

-- One audit per process and version: 'live' (the one current live version) or a cut's date.
CREATE TABLE disclosure_audits (
  process TEXT NOT NULL,
  version TEXT NOT NULL,        -- 'live' or YYYY-MM-DD (a cut)
  write_seq INTEGER NOT NULL,   -- live: the processes.write_seq audited; readers of a newer one withhold (fail closed)
  as_of TEXT,                   -- the moment the audited figures describe
  populations INTEGER NOT NULL, -- populations published with breakdowns (this version's and, over time, the previous one's)
  cells INTEGER NOT NULL,       -- non-zero cells (review class x state x country [x slice])
  rank INTEGER NOT NULL,        -- rank of the published populations over the cells
  derivable INTEGER NOT NULL,   -- groups of 1 to 9 still derivable after suppression (must be 0)
  withheld INTEGER NOT NULL,    -- populations withheld by the audit (reason complementary)
  held INTEGER NOT NULL,        -- populations serving earlier breakdowns (rule 3)
  cell_counts TEXT NOT NULL,    -- JSON [[class, state, country, count]]: the next version splits its cells by slice from these
  published TEXT NOT NULL,      -- JSON ["scope|entity|country"]: the populations serving this version's breakdowns
  audited_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (process, version)
) STRICT, WITHOUT ROWID;

-- The populations of a version that do not publish this version's breakdowns: withheld by the audit
-- (reason 'complementary', breakdowns NULL) or held (reason NULL, the breakdowns served and their as_of).
-- Populations without a row publish their own breakdowns; a summary reads its row with one point read.
CREATE TABLE disclosure_decisions (
  process TEXT NOT NULL,
  version TEXT NOT NULL,
  scope TEXT NOT NULL,
  entity TEXT NOT NULL,         -- INEGI code or '*'
  country TEXT NOT NULL,        -- ISO alpha-2 or '*'
  reason TEXT,                  -- 'complementary', or NULL when held
  breakdowns TEXT,              -- held: JSON [[dimension, bucket, count]] as last published
  breakdowns_as_of TEXT,        -- held: the as_of of the version they come from
  PRIMARY KEY (process, version, scope, entity, country)
) STRICT, WITHOUT ROWID;

-- Per population, the breakdowns last published and the as_of of their version (rule 3's reference).
CREATE TABLE disclosure_held (
  process TEXT NOT NULL,
  scope TEXT NOT NULL,
  entity TEXT NOT NULL,
  country TEXT NOT NULL,
  breakdowns TEXT NOT NULL,     -- JSON [[dimension, bucket, count]] (dimension 'total' included)
  as_of TEXT,
  PRIMARY KEY (process, scope, entity, country)
) STRICT, WITHOUT ROWID;
