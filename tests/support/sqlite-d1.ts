// A D1 database for unit tests of SQL that D1 runs: SQLite in memory (node:sqlite, the engine D1 is built on) with
// every migration applied, behind the part of D1's API the counting statements use (prepare, bind, batch, all).
import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

const MIGRATIONS = new URL('../../db/migrations/', import.meta.url);

interface Bound {
  sql: string;
  params: SQLInputValue[];
}

/** A fresh in-memory database with the schema of every migration, usable as a `D1Database` by code that only prepares, binds and batches. */
export function memoryD1(): { d1: D1Database; rows: <T>(sql: string, ...params: SQLInputValue[]) => T[] } {
  const db = new DatabaseSync(':memory:');
  for (const file of readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    db.exec(readFileSync(new URL(file, MIGRATIONS), 'utf8'));
  }
  const statement = (sql: string, params: SQLInputValue[] = []): Bound & Record<string, unknown> => ({
    sql,
    params,
    bind: (...values: SQLInputValue[]) => statement(sql, values),
    all: async () => ({ results: db.prepare(sql).all(...params) }),
    run: async () => db.prepare(sql).run(...params),
  });
  const d1 = {
    prepare: (sql: string) => statement(sql),
    // As D1's batch: one transaction, every statement or none.
    batch: async (statements: Bound[]) => {
      db.exec('BEGIN');
      try {
        const results = statements.map((s) => ({ results: db.prepare(s.sql).all(...s.params) }));
        db.exec('COMMIT');
        return results;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
  } as unknown as D1Database;
  return { d1, rows: <T>(sql: string, ...params: SQLInputValue[]) => db.prepare(sql).all(...params) as T[] };
}
