// Vitest `globalSetup` of the e2e project: ONE `wrangler dev` with the demo data loaded once, for every browser test
// file that only reads it or writes under its own slugs and tokens. Starting wrangler and loading the demo data is
// most of a file's time; doing it once per run instead of once per file is what keeps `npm test` short.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemoData } from '../../db/seed/seed.ts';
import { ROOT } from '../../scripts/lib/local-env.ts';
import { startTestServer } from './server.ts';

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

declare module 'vitest' {
  export interface ProvidedContext {
    sharedServer: SharedServer;
  }
}

/** Starts the shared server, loads the demo data, hands it to the test files; the returned function stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const server = await startTestServer({}, { args: ['--config', await sharedWranglerConfig()] });
  const listening = Date.now();
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    // The one-off cost every file used to pay, printed so a slow run can be told from a slow test.
    console.log(
      `shared wrangler dev: listening in ${Math.round((listening - started) / 1000)} s, demo data loaded in ${Math.round((Date.now() - listening) / 1000)} s`,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('sharedServer', { url: server.url, persistTo: server.persistTo });
  return server.stop;
}
