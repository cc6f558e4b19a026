import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Env } from '../../functions/env.ts';
import { isDatabaseBusy } from '../../functions/shared/on-error.ts';
import { migrateLocal, ROOT } from './local-env.ts';

/** The SQLite file of the local D1 (`persistTo`, or wrangler's default state folder), or null before its first use. */
export function localD1File(persistTo = join(ROOT, '.wrangler', 'state')): string | null {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  // One D1 binding is one file; anything else is a folder this code does not understand, so it is not guessed at.
  return files.length === 1 ? join(dir, files[0] as string) : null;
}

/**
 * Opens a local D1 file read-only. A running `wrangler dev` shares the file, and SQLite refuses a reader ("database
 * is locked") while a writer commits: the reader waits for the lock, up to as long as a busy CLI statement does.
 */
export function openLocalD1ReadOnly(file: string): DatabaseSync {
  return new DatabaseSync(file, { readOnly: true, timeout: 13_000 });
}

/**
 * Whether every migration in db/migrations/ is recorded in the local D1's `d1_migrations` (as wrangler records them):
 * then `wrangler d1 migrations apply` would do nothing, and the seconds of starting it can be saved.
 */
export function localD1Migrated(persistTo?: string): boolean {
  const file = localD1File(persistTo);
  if (!file) return false;
  const wanted = readdirSync(join(ROOT, 'db', 'migrations')).filter((f) => f.endsWith('.sql'));
  const db = openLocalD1ReadOnly(file);
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'").get();
    if (!table) return false;
    const applied = new Set(
      (db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((row) => row.name),
    );
    return wanted.every((name) => applied.has(name));
  } finally {
    db.close();
  }
}

/** Opens the local D1 database that `wrangler dev` uses (migrated first), runs `work`, and closes it. */
export async function withLocalDb<T>(work: (db: D1Database) => Promise<T>, persistTo?: string): Promise<T> {
  if (!localD1Migrated(persistTo)) await migrateLocal(persistTo);
  // The CLIs print their answer on stdout (a token, a table): wrangler's notes ("Using secrets defined in .dev.vars")
  // must not mix into it. Quieted only while the proxy starts, so child processes (wrangler d1 execute) keep theirs.
  const level = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = 'warn';
  // wrangler is imported here, not at the top: it is seconds of CPU to load, which a CLI that only refuses its
  // arguments (or a test that only reads the SQLite file through localD1File) should not pay.
  const { getPlatformProxy } = await import('wrangler');
  let proxy: Awaited<ReturnType<typeof getPlatformProxy<Env>>>;
  try {
    proxy = await getPlatformProxy<Env>({
      configPath: `${ROOT}wrangler.toml`,
      // wrangler keeps its state under <dir>/v3; the proxy wants that inner folder.
      persist: persistTo ? { path: `${persistTo}/v3` } : true,
    });
  } finally {
    if (level === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = level;
  }
  try {
    return await work(retryingWhenBusy(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
}

/** Runs one statement (or one batch, which D1 runs as one transaction) again while SQLite answers SQLITE_BUSY. */
async function whileBusy<T>(run: () => Promise<T>): Promise<T> {
  // The file is shared with a running `wrangler dev` (a CLI beside `npm start`), whose workerd may hold SQLite's
  // write lock for a batch; a busy statement wrote nothing, so running it again is safe. About 13 s, then the error.
  for (let wait = 25; ; wait *= 2) {
    try {
      return await run();
    } catch (error) {
      if (!isDatabaseBusy(error) || wait > 10_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

const ORIGINAL = Symbol('original statement');
type Wrapped = D1PreparedStatement & { [ORIGINAL]: D1PreparedStatement };

function wrapStatement(statement: D1PreparedStatement): Wrapped {
  return {
    [ORIGINAL]: statement,
    bind: (...values: unknown[]) => wrapStatement(statement.bind(...values)),
    first: (column?: string) => whileBusy(() => (column === undefined ? statement.first() : statement.first(column))),
    run: () => whileBusy(() => statement.run()),
    all: () => whileBusy(() => statement.all()),
    raw: (options?: { columnNames?: boolean }) => whileBusy(() => statement.raw(options as { columnNames: true })),
  } as unknown as Wrapped;
}

/** The local D1 binding, each statement and batch retried while another process holds the file's write lock. */
export function retryingWhenBusy(db: D1Database): D1Database {
  return {
    prepare: (sql: string) => wrapStatement(db.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) =>
      whileBusy(() => db.batch(statements.map((s) => (s as Partial<Wrapped>)[ORIGINAL] ?? s))),
    exec: (sql: string) => whileBusy(() => db.exec(sql)),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  } as D1Database;
}
