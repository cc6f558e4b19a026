// Vitest `globalSetup` of the e2e project: ONE `wrangler dev` with the demo data loaded once, for every browser test
// file that only reads it or writes under its own slugs and tokens. Starting wrangler and loading the demo data is
// most of a file's time; doing it once per run instead of once per file is what keeps `npm test` short.
import type { TestProject } from 'vitest/node';
import { seedDemoData } from '../../db/seed/seed.ts';
import { startTestServer } from './server.ts';

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
  const server = await startTestServer();
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
