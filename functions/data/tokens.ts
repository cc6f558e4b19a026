import type { TokenScope } from '../env.ts';

/** A stored token row (never the token itself). */
export interface StoredToken {
  id: string;
  scope: TokenScope;
  name: string;
  token_hash: string;
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
  token: { id: string; scope: TokenScope; name: string; hash: string },
): Promise<void> {
  await db
    .prepare('INSERT INTO api_tokens (id, scope, name, token_hash) VALUES (?, ?, ?, ?)')
    .bind(token.id, token.scope, token.name, token.hash)
    .run();
}

/** Deletes a token (used for the short-lived token the demo seed makes for itself). */
export async function deleteToken(db: D1Database, id: string): Promise<void> {
  await db.prepare('DELETE FROM api_tokens WHERE id = ?').bind(id).run();
}
