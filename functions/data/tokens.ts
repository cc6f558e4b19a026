import type { TokenScope } from '../domain/scopes.ts';

/** A stored token row (never the token itself). */
export interface StoredToken {
  id: string;
  scope: TokenScope;
  name: string;
  token_hash: string;
  /** The referral code a partner token reads the figures of. */
  referral_code: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** The active (not revoked) token with this id, if any. */
export async function findActiveToken(db: D1Database, id: string): Promise<StoredToken | null> {
  return db.prepare('SELECT * FROM api_tokens WHERE id = ? AND revoked_at IS NULL').bind(id).first<StoredToken>();
}

/** Stores a new token's hash. */
export async function insertToken(
  db: D1Database,
  token: { id: string; scope: TokenScope; name: string; hash: string; referralCode?: string },
): Promise<void> {
  const statements = [
    db
      .prepare('INSERT INTO api_tokens (id, scope, name, token_hash, referral_code) VALUES (?, ?, ?, ?, ?)')
      .bind(token.id, token.scope, token.name, token.hash, token.referralCode ?? null),
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
