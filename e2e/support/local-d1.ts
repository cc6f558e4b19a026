import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

/**
 * Reads the D1 database of a running `wrangler dev` (its SQLite file, read-only), for tests that must see
 * what was stored, not only what the API answers. Each call opens and closes it, so it sees the latest writes.
 */
export function queryLocalD1<T>(persistTo: string, sql: string, ...params: SQLInputValue[]): T[] {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
