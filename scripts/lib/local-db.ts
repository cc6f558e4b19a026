import { getPlatformProxy } from 'wrangler';
import type { Env } from '../../functions/env.ts';
import { migrateLocal, ROOT } from './local-env.ts';

/** Opens the local D1 database that `wrangler dev` uses (migrated first), runs `work`, and closes it. */
export async function withLocalDb<T>(work: (db: D1Database) => Promise<T>, persistTo?: string): Promise<T> {
  migrateLocal(persistTo);
  // The CLIs print their answer on stdout (a token, a table): wrangler's notes ("Using secrets defined in .dev.vars")
  // must not mix into it; warnings and errors still show.
  process.env.WRANGLER_LOG ??= 'warn';
  const proxy = await getPlatformProxy<Env>({
    configPath: `${ROOT}wrangler.toml`,
    // wrangler keeps its state under <dir>/v3; the proxy wants that inner folder.
    persist: persistTo ? { path: `${persistTo}/v3` } : true,
  });
  try {
    return await work(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}
