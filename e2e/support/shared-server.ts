// Vitest `globalSetup` of the e2e project: ONE `wrangler dev` with the demo data loaded once, for every browser test
// file that only reads it or writes under its own slugs and tokens. Starting wrangler and loading the demo data is
// most of a file's time; doing it once per run instead of once per file is what keeps `npm test` short. The files
// that need a server of their own start it from a copy of a state prepared here once (migrated, or with the demo
// data too), never migrating or loading again.
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemoData } from '../../db/seed/seed.ts';
import { migrateLocal, ROOT } from '../../scripts/lib/local-env.ts';
import { copyState, startTestServer } from './server.ts';

// Every file reads the shared server from one address, and the disclosure audit alone reads every public summary of
// every demo version (thousands of cache misses): at the real 300 a minute it spent minutes waiting on 429s. The
// limiter itself is tested at its real limit (functions/shared/public-limits.worker.test.ts, and the private servers).
const SHARED_PUBLIC_READS_PER_MINUTE = 100_000;

/**
 * wrangler.toml with a higher PUBLIC_LIMITER limit, for the shared server only (test configuration: the Worker's
 * code is the same). It sits beside wrangler.toml, where the paths it names resolve; `.gitignore` lists it.
 */
export async function sharedWranglerConfig(): Promise<string> {
  const source = await readFile(join(ROOT, 'wrangler.toml'), 'utf8');
  const block = /(name = "PUBLIC_LIMITER"[^[]*?limit = )\d+/;
  if (!block.test(source)) throw new Error('wrangler.toml: no PUBLIC_LIMITER block with a `limit = N` to raise');
  const file = join(ROOT, '.wrangler-e2e.toml');
  // Written whole, then renamed: two runs in one worktree never see half a file.
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, source.replace(block, `$1${SHARED_PUBLIC_READS_PER_MINUTE}`));
  await rename(partial, file);
  return file;
}

/** Where the shared server answers and the folder of its local D1 (for tokens and direct reads). */
export interface SharedServer {
  url: string;
  persistTo: string;
}

/** State folders to start a file's own server from (`startTestServer`'s `from`): read-only, copy them. */
export interface E2eStates {
  /** Every migration applied, no rows. */
  migrated: string;
  /** The shared server's state just after the demo data was loaded, before any test file ran. */
  demo: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedServer: SharedServer;
    e2eStates: E2eStates;
  }
}

/** Starts the shared server, loads the demo data, hands it to the test files; the returned function stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const states: E2eStates = {
    migrated: await mkdtemp(join(tmpdir(), 'voto-e2e-migrated-')),
    demo: await mkdtemp(join(tmpdir(), 'voto-e2e-demo-')),
  };
  const removeStates = () =>
    Promise.all(Object.values(states).map((dir) => rm(dir, { recursive: true, force: true }))).then(() => undefined);
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  try {
    migrateLocal(states.migrated);
    server = await startTestServer({}, { args: ['--config', await sharedWranglerConfig()], from: states.migrated });
    const listening = Date.now();
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    // Nothing writes between the load and this copy (no file has started, wrangler dev runs no cron here).
    await copyState(server.persistTo, states.demo);
    // The one-off cost every file used to pay, printed so a slow run can be told from a slow test.
    console.log(
      `shared wrangler dev: migrated and listening in ${Math.round((listening - started) / 1000)} s, demo data loaded and copied in ${Math.round((Date.now() - listening) / 1000)} s`,
    );
  } catch (error) {
    await server?.stop();
    await removeStates();
    throw error;
  }
  project.provide('sharedServer', { url: server.url, persistTo: server.persistTo });
  project.provide('e2eStates', states);
  const stop = server.stop;
  return async () => {
    await stop();
    await removeStates();
  };
}
