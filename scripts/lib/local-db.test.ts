import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { localD1File, localD1Migrated, openLocalD1ReadOnly } from './local-db.ts';
import { ROOT } from './local-env.ts';

const MIGRATIONS = readdirSync(join(ROOT, 'db', 'migrations')).filter((f) => f.endsWith('.sql'));
const dirs: string[] = [];

/** A state folder laid out as wrangler lays it out, with one D1 file recording `applied` (or no table at all). */
function state(applied: string[] | null, extraFiles: string[] = []): string {
  const persistTo = mkdtempSync(join(tmpdir(), 'voto-local-db-'));
  dirs.push(persistTo);
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  mkdirSync(dir, { recursive: true });
  new DatabaseSync(join(dir, 'metadata.sqlite')).close();
  for (const name of ['abc.sqlite', ...extraFiles]) {
    const db = new DatabaseSync(join(dir, name));
    if (applied) {
      db.exec('CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE)');
      for (const migration of applied) db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(migration);
    }
    db.close();
  }
  return persistTo;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the local D1 state', () => {
  it('is migrated only when every migration file is recorded', () => {
    expect(localD1Migrated(state(MIGRATIONS))).toBe(true);
    expect(localD1Migrated(state(MIGRATIONS.slice(0, -1)))).toBe(false);
    expect(localD1Migrated(state([]))).toBe(false);
    expect(localD1Migrated(state(null))).toBe(false);
  });

  it('has no database before its first use, and none it would have to guess between', () => {
    const empty = mkdtempSync(join(tmpdir(), 'voto-local-db-'));
    dirs.push(empty);
    expect(localD1File(empty)).toBeNull();
    expect(localD1Migrated(empty)).toBe(false);
    const two = state(MIGRATIONS, ['def.sqlite']);
    expect(localD1File(two)).toBeNull();
    expect(localD1Migrated(two)).toBe(false);
    expect(localD1File(state(MIGRATIONS))).toMatch(/miniflare-D1DatabaseObject\/abc\.sqlite$/);
  });

  it('waits for a writer that holds the file, as a running wrangler dev does, and then reads what it wrote', async () => {
    const persistTo = state(MIGRATIONS);
    const file = localD1File(persistTo) as string;
    // Another process takes SQLite's write lock, writes, and commits 400 ms later: a reader without a busy
    // timeout was refused at once ("database is locked", a failed `npm test` run).
    const writer = spawn(process.execPath, [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(${JSON.stringify(file)});
       db.exec('BEGIN EXCLUSIVE');
       db.exec("INSERT INTO d1_migrations (name) VALUES ('written-while-locked')");
       process.stdout.write('locked\\n');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);`,
    ]);
    await new Promise<void>((resolve, reject) => {
      writer.stdout.once('data', () => resolve());
      writer.once('error', reject);
    });
    const db = openLocalD1ReadOnly(file);
    try {
      const names = (db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name);
      expect(names).toContain('written-while-locked');
    } finally {
      db.close();
    }
    await new Promise((resolve) => writer.once('close', resolve));
  });
});
