import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { WranglerDevOptions } from '../../scripts/lib/local-env.ts';
import { launchChromium } from './browser.ts';
import { startTestServer } from './server.ts';
import type { SharedServer } from './shared-server.ts';

/** A server of this file's own (`startTestServer`), for files that need vars, logs or state no other file may touch. */
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * Starts a server of this file's own from a copy of the run's migrated state, or of its state with the demo data
 * (`demoData`), both prepared once by `shared-server.ts`: nothing is migrated or loaded again.
 */
export function startOwnServer(
  vars: Record<string, string> = {},
  { demoData = false, ...options }: Pick<WranglerDevOptions, 'logLevel' | 'args'> & { demoData?: boolean } = {},
): Promise<TestServer> {
  const states = inject('e2eStates');
  return startTestServer(vars, { ...options, from: demoData ? states.demo : states.migrated });
}

/**
 * The run's shared `wrangler dev` with the demo data (started once by `shared-server.ts`). Files using it write only
 * under their own slugs, tokens and codes, and never assert totals another file could change.
 */
export function sharedServer(): SharedServer {
  return inject('sharedServer');
}

/** A private `wrangler dev` (with the demo data, when asked) and Chromium, for one test file. */
export async function openSession(
  options: { demoData?: boolean } = {},
): Promise<{ server: TestServer; browser: Browser }> {
  const server = await startOwnServer({}, options);
  try {
    return { server, browser: await launchChromium() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Stops what `openSession` started; either may be missing when the start failed. */
export async function closeSession(server: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
}

/**
 * Chromium for one test file against the shared server (a browser cannot cross vitest's worker processes, and a
 * launch takes about a second): `const session = useSession()`, then `session.server.url` and
 * `session.browser.newPage()` inside the tests.
 */
export function useSession(): { server: SharedServer; browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());
  return {
    get server() {
      return sharedServer();
    },
    get browser() {
      if (!browser) throw new Error('the browser is not open yet (use it inside a test)');
      return browser;
    },
  };
}
