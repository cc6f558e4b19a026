import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLocal, startWranglerDev, type WranglerDevOptions } from '../../scripts/lib/local-env.ts';

/** A free TCP port on loopback, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A partner's page on another origin (loopback, a port the system picks) answering `html` at every address; `close`
 * stops it.
 */
export async function servePartnerPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createHttpServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A browser may still hold a kept-alive connection: the page is done with it.
        server.closeAllConnections();
      }),
  };
}

/**
 * Copies a local state folder (D1 and the rest of wrangler's state) into `to`, leaving out SQLite's `-shm` files: they
 * index the write-ahead log for the processes that had it open, and SQLite rebuilds them from the log it is copied with.
 */
export async function copyState(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, filter: (source) => !source.endsWith('-shm') });
}

/**
 * A real `wrangler dev` on a free port with its own throw-away local D1: a copy of the state folder `from` when
 * given (already migrated, perhaps with data: starting wrangler to migrate costs seconds), else freshly migrated.
 * Stop it when done. `output()` is everything wrangler and the Worker printed; it holds only warnings and errors
 * unless `logLevel` asks for more (`log`: the Worker's console lines and wrangler's request lines too).
 */
export async function startTestServer(
  vars: Record<string, string> = {},
  {
    logLevel,
    args,
    from,
    port,
    persistTo: folder,
  }: Pick<WranglerDevOptions, 'logLevel' | 'args' | 'persistTo'> & { from?: string; port?: number } = {},
): Promise<{ url: string; persistTo: string; stop: () => Promise<void>; output: () => string }> {
  // `port` and `persistTo` when the caller hands out the address and folder before the server is up.
  const persistTo = folder ?? (await mkdtemp(join(tmpdir(), 'voto-e2e-')));
  let server: Awaited<ReturnType<typeof startWranglerDev>>;
  try {
    if (from) await copyState(from, persistTo);
    else await migrateLocal(persistTo);
    // On a failed start startWranglerDev has already stopped wrangler; only the database folder is left to remove.
    server = await startWranglerDev(port ?? (await freePort()), { persistTo, quiet: true, vars, logLevel, args });
  } catch (error) {
    await rm(persistTo, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    persistTo,
    output: server.output,
    stop: async () => {
      await server.stop();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}

/** `PUT /api/v1/processes/{slug}` with a bearer token (an admin's), as a script defining a process sends it. */
export function putProcess(url: string, token: string, slug: string, body: object): Promise<Response> {
  return fetch(`${url}/api/v1/processes/${slug}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
