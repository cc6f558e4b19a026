// Vitest `globalSetup` of the e2e project: ONE `wrangler dev` with the demo data loaded once, for every browser test
// file that only reads it or writes under its own slugs and tokens. Starting wrangler and loading the demo data is
// most of a file's time; doing it once per run instead of once per file is what keeps `npm test` short. The files
// that need a server of their own start it from a copy of a state prepared here once (migrated, or with the demo
// data too), never migrating or loading again.
// Vitest runs every project's global setup before any test: this one only hands out the address and folders and
// starts the server in the background, so the unit and Worker projects run meanwhile; each e2e file first waits
// for it (wait-for-shared-server.ts, the project's setup file).
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemoData } from '../../db/seed/seed.ts';
import { migrateLocal, ROOT } from '../../scripts/lib/local-env.ts';
import { copyState, freePort, startTestServer } from './server.ts';

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
  /** Written once the server answers with the demo data and both states are ready: `SharedServerStart`, as JSON. */
  ready: string;
}

/** What the ready file says: the server is ready, or why it could not start. */
export type SharedServerStart = { ok: true } | { ok: false; error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    sharedServer: SharedServer;
    e2eStates: E2eStates;
  }
}

/**
 * Hands the test files the shared server's address and the state folders, then starts the server, loads the demo
 * data and copies the states in the background; the returned function stops it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const states: E2eStates = {
    migrated: await mkdtemp(join(tmpdir(), 'voto-e2e-migrated-')),
    demo: await mkdtemp(join(tmpdir(), 'voto-e2e-demo-')),
    ready: join(await mkdtemp(join(tmpdir(), 'voto-e2e-ready-')), 'ready.json'),
  };
  const persistTo = await mkdtemp(join(tmpdir(), 'voto-e2e-'));
  const port = await freePort();
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  const start = async () => {
    await migrateLocal(states.migrated);
    const config = await sharedWranglerConfig();
    server = await startTestServer({}, { args: ['--config', config], from: states.migrated, port, persistTo });
    const listening = Date.now();
    await seedDemoData(server.url, { persistTo, quiet: true });
    // Nothing writes between the load and this copy (no file has started, wrangler dev runs no cron here).
    await copyState(persistTo, states.demo);
    // The one-off cost every file used to pay, printed so a slow run can be told from a slow test.
    console.log(
      `shared wrangler dev: migrated and listening in ${Math.round((listening - started) / 1000)} s, demo data loaded and copied in ${Math.round((Date.now() - listening) / 1000)} s`,
    );
  };
  const report = (result: SharedServerStart) => writeFile(states.ready, JSON.stringify(result));
  const starting = start().then(
    () => report({ ok: true }),
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`shared wrangler dev could not start: ${message}`);
      return report({ ok: false, error: message });
    },
  );
  project.provide('sharedServer', { url: `http://127.0.0.1:${port}`, persistTo });
  project.provide('e2eStates', states);
  return async () => {
    await starting;
    await server?.stop();
    await Promise.all(
      [states.migrated, states.demo, dirname(states.ready), persistTo].map((dir) =>
        rm(dir, { recursive: true, force: true }),
      ),
    );
  };
}
