-- Cuts: dated, frozen copies of a process's figures (the fortnightly reports' "cortes").
-- A cut stores the process's rollups as they were, not its applications: its size is bounded by the rollup key
-- space (about 300 k rows for a national process of 1.5 M applications, docs/scaling.md) and a cut's summary
-- reads the same few hundred rows as the live one, through the same primary-key range.

-- Which parts of a process's figures are modelled rather than published (JSON array, e.g. ["daily"]).
ALTER TABLE processes ADD COLUMN illustrative TEXT NOT NULL DEFAULT '[]';

CREATE TABLE registration_cuts (
  process TEXT NOT NULL REFERENCES processes (slug),
  date TEXT NOT NULL,       -- YYYY-MM-DD, Mexico City, at whose end the cut was taken
  taken_at TEXT NOT NULL,   -- when it was taken (ISO 8601 UTC)
  as_of TEXT,               -- the moment its figures describe (the process's as_of then)
  total INTEGER NOT NULL,   -- received applications
  cumple INTEGER NOT NULL,  -- those meeting requirements
  definition TEXT NOT NULL, -- the process as it was (JSON: name, window, entities, modalities, illustrative)
  PRIMARY KEY (process, date)
) STRICT, WITHOUT ROWID;

-- The rollups of each cut, the same rows registration_rollups held at that moment (zeros left out).
CREATE TABLE registration_cut_rollups (
  process TEXT NOT NULL,
  cut TEXT NOT NULL,
  scope TEXT NOT NULL,
  entity TEXT NOT NULL,
  country TEXT NOT NULL,
  dimension TEXT NOT NULL,
  bucket TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (process, cut, scope, entity, country, dimension, bucket)
) STRICT, WITHOUT ROWID;
