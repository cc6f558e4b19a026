import type { SQLInputValue } from 'node:sqlite';
import { localD1File, openLocalD1ReadOnly } from '../../scripts/lib/local-db.ts';

/**
 * Reads the D1 database of a running `wrangler dev` (its SQLite file, read-only), for tests that must see
 * what was stored, not only what the API answers. Each call opens and closes it, so it sees the latest writes.
 */
export function queryLocalD1<T>(persistTo: string, sql: string, ...params: SQLInputValue[]): T[] {
  const file = localD1File(persistTo);
  if (!file) throw new Error(`no D1 database under ${persistTo}`);
  const db = openLocalD1ReadOnly(file);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
