-- Scoped API tokens. Only a SHA-256 of each token is stored; the token itself is shown once.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('ingest', 'staff', 'partner')),
  referral_code TEXT, -- partner tokens: the referral code whose figures they may read
  name TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  revoked_at TEXT
) STRICT;
