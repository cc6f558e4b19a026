-- Tokens get the admin scope, an expiry and a last-used day. SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt; existing tokens keep their ids and hashes and expire 365 days after their creation.
-- Expand-safe: the columns the previous code reads are unchanged, and expires_at has a default for its inserts.
CREATE TABLE api_tokens_next (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('admin', 'ingest', 'staff', 'partner')),
  referral_code TEXT, -- partner tokens: the referral code whose figures they may read
  name TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  expires_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+365 days')),
  last_used_on TEXT, -- YYYY-MM-DD (UTC): kept to the day, so a busy feed writes once a day at most
  revoked_at TEXT
) STRICT;

INSERT INTO api_tokens_next (id, scope, referral_code, name, token_hash, created_at, expires_at, revoked_at)
SELECT id, scope, referral_code, name, token_hash, created_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+365 days'), revoked_at
FROM api_tokens;

DROP TABLE api_tokens;
ALTER TABLE api_tokens_next RENAME TO api_tokens;
