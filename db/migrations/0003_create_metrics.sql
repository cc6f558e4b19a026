-- Privacy-first engagement metrics: only aggregates are kept. Visitor hashes live one day,
-- salts 48 hours, event ids 48 hours (for idempotent retries). No IP address or user agent is stored.

-- Daily random salts for the visitor hash (Plausible's model): deleted after 48 hours, so a hash
-- can never be recomputed or linked across days.
CREATE TABLE visitor_salts (
  day TEXT PRIMARY KEY,
  salt TEXT NOT NULL
) STRICT;

-- Hourly counts per dimension: (hour, dimension, key) → count. Dimensions: event (name), page (path),
-- lang, country, source/medium/campaign, referrer (host), embed (host), download (asset), ref (code),
-- ref_cta, search_empty (query), share (network), register (path of the guide), dropped (reason).
CREATE TABLE metric_rollups (
  hour TEXT NOT NULL,      -- YYYY-MM-DDTHH
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (hour, dimension, key)
) STRICT, WITHOUT ROWID;

-- Distinct daily visitors per scope ('site', 'page:/es/…', 'ref:CODE', …), counted when first seen.
CREATE TABLE metric_daily_visitors (
  day TEXT NOT NULL,
  scope TEXT NOT NULL,
  visitors INTEGER NOT NULL,
  PRIMARY KEY (day, scope)
) STRICT, WITHOUT ROWID;

-- Which visitor hashes were seen today in which scope; deleted once the day is over.
CREATE TABLE metric_visitor_seen (
  day TEXT NOT NULL,
  scope TEXT NOT NULL,
  visitor TEXT NOT NULL,
  PRIMARY KEY (day, scope, visitor)
) STRICT, WITHOUT ROWID;

-- Event ids already counted (a redelivered queue batch counts once); kept 48 hours.
CREATE TABLE metric_event_ids (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX metric_event_ids_day ON metric_event_ids (day);

-- Events of the batch being counted; filled and emptied inside one transaction.
CREATE TABLE metric_inbox (
  batch TEXT NOT NULL,
  id TEXT NOT NULL,
  hour TEXT NOT NULL,
  day TEXT NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  visitor TEXT NOT NULL,
  PRIMARY KEY (batch, id, dimension, key)
) STRICT, WITHOUT ROWID;

-- Partners' referral codes (?ref=CODE); the partner reads its own figures with a token of scope partner.
CREATE TABLE referral_codes (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT ''
) STRICT;
