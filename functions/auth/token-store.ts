import { utcNowSql } from '../shared/sql-time.ts';
import { DEFAULT_TOKEN_DAYS, type TokenScope } from './scopes.ts';

/** A stored token row (never the token itself). */
export interface StoredToken {
  id: string;
  scope: TokenScope;
  name: string;
  token_hash: string;
  /** The referral code a partner token reads the figures of. */
  referral_code: string | null;
  created_at: string;
  expires_at: string;
  /** The last day (UTC) the token was used, if ever. */
  last_used_on: string | null;
  revoked_at: string | null;
}

/** A token as `token list` shows it: everything but the hash. */
export type ListedToken = Omit<StoredToken, 'token_hash'>;

const NOW = utcNowSql();

/** The columns `token list` shows (every one but the hash), newest first: the local and the remote list share it. */
export const LIST_TOKENS_SQL =
  'SELECT id, scope, name, referral_code, created_at, expires_at, last_used_on, revoked_at FROM api_tokens ORDER BY created_at DESC, id';

/** The active token with this id (not revoked, not expired), if any. */
export async function findActiveToken(db: D1Database, id: string): Promise<StoredToken | null> {
  return db
    .prepare(`SELECT * FROM api_tokens WHERE id = ? AND revoked_at IS NULL AND expires_at > ${NOW}`)
    .bind(id)
    .first<StoredToken>();
}

/** Notes that a token was used on `day` (called at most once a day per token, so a busy feed costs no writes). */
export async function markTokenUsed(db: D1Database, id: string, day: string): Promise<void> {
  await db.prepare('UPDATE api_tokens SET last_used_on = ? WHERE id = ?').bind(day, id).run();
}

/** Every token, newest first, without its hash. */
export async function listTokens(db: D1Database): Promise<ListedToken[]> {
  const { results } = await db.prepare(LIST_TOKENS_SQL).all<ListedToken>();
  return results;
}

/** Revokes a token at once; false when there is no such token or it was revoked already. */
export async function revokeToken(db: D1Database, id: string): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE api_tokens SET revoked_at = ${NOW} WHERE id = ? AND revoked_at IS NULL`)
    .bind(id)
    .run();
  return (result.meta.changes ?? 0) > 0;
}

/** Stores a new token's hash. */
export async function insertToken(
  db: D1Database,
  token: { id: string; scope: TokenScope; name: string; hash: string; referralCode?: string; expiresInDays?: number },
): Promise<void> {
  const days = token.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  const statements = [
    db
      .prepare(
        `INSERT INTO api_tokens (id, scope, name, token_hash, referral_code, expires_at)
         VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ? || ' days'))`,
      )
      .bind(token.id, token.scope, token.name, token.hash, token.referralCode ?? null, days),
  ];
  // A partner token creates its referral code, so visits with ?ref=CODE start counting.
  if (token.referralCode) {
    statements.unshift(
      db
        .prepare('INSERT OR IGNORE INTO referral_codes (code, name) VALUES (?, ?)')
        .bind(token.referralCode, token.name),
    );
  }
  await db.batch(statements);
}

/** Deletes a token (used for the short-lived token the demo seed makes for itself). */
export async function deleteToken(db: D1Database, id: string): Promise<void> {
  await db.prepare('DELETE FROM api_tokens WHERE id = ?').bind(id).run();
}
