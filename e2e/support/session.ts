import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { seedDemoData } from '../../db/seed/seed.ts';
import { launchChromium } from './browser.ts';
import { startTestServer } from './server.ts';

/** The server a browser test file runs against. */
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A real `wrangler dev` (with the demo data loaded through the API, when asked) and Chromium, for one test file. */
export async function openSession(
  options: { demoData?: boolean } = {},
): Promise<{ server: TestServer; browser: Browser }> {
  const server = await startTestServer();
  if (options.demoData) await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
  return { server, browser: await launchChromium() };
}

/** Stops what `openSession` started; either may be missing when the start failed. */
export async function closeSession(server: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
}

/**
 * Opens a session before the file's tests and closes it after them: `const session = useSession(...)`, then
 * `session.server.url` and `session.browser.newPage()` inside the tests.
 */
export function useSession(options: { demoData?: boolean } = {}): { server: TestServer; browser: Browser } {
  let opened: { server: TestServer; browser: Browser } | undefined;
  beforeAll(async () => {
    opened = await openSession(options);
  }, 180_000);
  afterAll(() => closeSession(opened?.server, opened?.browser));
  return {
    get server() {
      if (!opened) throw new Error('the session is not open yet (use it inside a test)');
      return opened.server;
    },
    get browser() {
      if (!opened) throw new Error('the session is not open yet (use it inside a test)');
      return opened.browser;
    },
  };
}
