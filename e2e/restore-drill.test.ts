// The restore drill: export the database behind a running Worker, restore it into a fresh one, serve that, and
// find every public figure identical and every cache key new (a restore starts a new version epoch).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LINE_PREFIX, MANIFEST_LINE_PREFIX } from '../functions/domain/signed-files/index.ts';
import { backup, restore } from '../scripts/db.ts';
import { startWranglerDev } from '../scripts/lib/local-env.ts';
import { freePort } from './support/server.ts';
import { sharedServer } from './support/session.ts';

const READS = [
  '/api/v1/registrations/pel-2022-2023/summary',
  '/api/v1/registrations/pel-2022-2023/summary?scope=cumple&entity=15',
  '/api/v1/registrations/pel-2022-2023/summary?entity=05&country=AR',
  '/api/v1/registrations/pel-2020-2021/summary?country=US',
  '/api/v1/registrations/pel-2022-2023/countries.csv',
  '/api/v1/registrations/pel-2020-2021/views/demographics.csv?lang=en',
];

// The original is the run's shared server (demo data loaded), only read and exported here; the restore gets its own.
const original = sharedServer();
let restored: Awaited<ReturnType<typeof startWranglerDev>> | undefined;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'voto-drill-'));
});

afterAll(async () => {
  await restored?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function read(url: string, path: string) {
  const response = await fetch(`${url}${path}`);
  expect(response.status, path).toBe(200);
  return { body: await response.text(), etag: response.headers.get('etag') };
}

/**
 * A CSV's figures without its verification lines: the code names the version, which a restore moves on by the
 * epoch (so the restored copy is a new publication with its own code, host and signature); the figures must not move.
 */
function figures(body: string): string {
  return body
    .split('\n')
    .filter((line) => !line.startsWith(CODE_LINE_PREFIX) && !line.startsWith(MANIFEST_LINE_PREFIX))
    .join('\n');
}

describe('backup and restore', () => {
  it('brings back every figure, under new cache keys', async () => {
    const file = join(scratch, 'backup.sql');
    await backup(file, { persistTo: original.persistTo });
    const target = join(scratch, 'state');
    const epoch = await restore(file, { persistTo: target });
    expect(epoch).toBeGreaterThan(1_700_000_000);
    // Restoring over a database that has data is refused: checked while the restored database's server starts.
    const [server, refusal] = await Promise.allSettled([
      startWranglerDev(await freePort(), { persistTo: target, quiet: true }),
      expect(restore(file, { persistTo: target })).rejects.toThrow('not empty'),
    ]);
    if (server.status === 'fulfilled') restored = server.value;
    for (const step of [server, refusal]) if (step.status === 'rejected') throw step.reason;
    if (!restored) throw new Error('the restored server did not start');
    for (const path of READS) {
      const before = await read(original.url, path);
      const after = await read(restored.url, path);
      expect(figures(after.body), path).toBe(figures(before.body));
      // A signed file is signed again by the restored Worker, never served with the original's stale manifest.
      expect(after.body.includes(MANIFEST_LINE_PREFIX), path).toBe(before.body.includes(MANIFEST_LINE_PREFIX));
      expect(after.etag, path).not.toBe(before.etag);
    }
    const version = async (url: string) =>
      ((await (await fetch(`${url}/api/v1/processes/pel-2022-2023`)).json()) as { data_version: number }).data_version;
    expect(await version(restored.url)).toBe((await version(original.url)) + epoch);
    // A backup, a restore (its rows packed into a few hundred multi-row INSERTs) and a second wrangler dev: well
    // under a minute, and the limit leaves room for a machine that is busy with something else.
  }, 240_000);
});
