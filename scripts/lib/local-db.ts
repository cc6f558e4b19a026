import { getPlatformProxy } from 'wrangler';
import type { Env } from '../../functions/env.ts';
import { migrateLocal, ROOT } from './local-env.ts';

/** Opens the local D1 database that `wrangler dev` uses (migrated first), runs `work`, and closes it. */
export async function withLocalDb<T>(work: (db: D1Database) => Promise<T>, persistTo?: string): Promise<T> {
  migrateLocal(persistTo);
  // The CLIs print their answer on stdout (a token, a table): wrangler's notes ("Using secrets defined in .dev.vars")
  // must not mix into it. Quieted only while the proxy starts, so child processes (wrangler d1 execute) keep theirs.
  const level = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = 'warn';
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
    return await work(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}
