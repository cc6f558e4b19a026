// Setup file of the e2e project: every test file waits here until the shared server that `shared-server.ts` starts
// in the background answers with the demo data (it starts while the unit and Worker projects run), and then reads
// it from an address of its own.
import { open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Agent, Pool, setGlobalDispatcher } from 'undici';
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

/**
 * A loopback address no other file of this run holds (127.0.0.2 to 127.0.0.254), claimed by creating its marker
 * file in the run's folder: the first file to create it owns it.
 */
async function claimAddress(folder: string): Promise<string> {
  for (let host = 2; host < 255; host++) {
    const marker = await open(join(folder, `client-127.0.0.${host}`), 'wx').catch(() => undefined);
    if (!marker) continue;
    await marker.close();
    return `127.0.0.${host}`;
  }
  throw new Error('every loopback address 127.0.0.2-254 is taken by another e2e file of this run');
}

const states = inject('e2eStates');
await waitForSharedServer(states.ready);
// The shared server limits cache misses per client address (PUBLIC_LIMITER, 300 a minute), and wrangler dev takes the
// address from the connection. Every file reading from 127.0.0.1 shared one budget: a file rendering images drained
// it, and another file's embeds were refused (429) in runs where the two overlapped. Each file's own requests now
// leave from an address of its own, as separate readers would; the same /24, so what counts networks is unchanged.
// Browsers cannot choose theirs and stay on 127.0.0.1, where only page loads count.
const localAddress = await claimAddress(dirname(states.ready));
const sharedOrigin = new URL(inject('sharedServer').url).origin;
setGlobalDispatcher(
  new Agent({
    factory: (origin, options) =>
      new Pool(origin, String(origin) === sharedOrigin ? { ...options, connect: { localAddress } } : options),
  }),
);
