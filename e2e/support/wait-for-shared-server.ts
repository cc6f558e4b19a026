// Setup file of the e2e project: every test file waits here until the shared server that `shared-server.ts` starts
// in the background answers with the demo data (it starts while the unit and Worker projects run).
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { SharedServerStart } from './shared-server.ts';

/** Longer than a slow start on a busy 2-core machine (about 30 s), short enough to fail a broken run soon. */
const WAIT_MS = 300_000;

async function waitForSharedServer(file: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const start = JSON.parse(text) as SharedServerStart;
      if (start.ok) return;
      throw new Error(`the shared wrangler dev could not start, so no e2e file can run: ${start.error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the shared wrangler dev was not ready after ${WAIT_MS / 1000} s (see the run's output above)`);
}

await waitForSharedServer(inject('e2eStates').ready);
