// `npm run -s token` against a real `wrangler dev` and its local D1: create prints only the token, list never
// prints a secret, revoke takes effect on the next request, and an admin token (not an ingest one) defines processes.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/local-env.ts';
import { putProcess, startTestServer } from './support/server.ts';

// A server of its own: the CLI writes tokens into the server's D1 file while it runs (as `npm run token` does
// beside `npm start`), which the shared server of the other files should not be exposed to.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

function token(...args: string[]) {
  const result = spawnSync(
    `${ROOT}node_modules/.bin/node`,
    [`${ROOT}scripts/token.ts`, ...args, '--persist-to', server.persistTo],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const put = (secret: string) =>
  putProcess(server.url, secret, 'token-cli', {
    name: { es: 'Prueba', en: 'Test' },
    registration_opens: '2020-09-01',
    registration_closes: '2021-03-10',
    election_day: null,
    entities: ['09'],
    modalities: ['postal'],
  });

describe('npm run -s token', () => {
  it('creates, lists and revokes tokens', async () => {
    const admin = token('create', '--scope', 'admin', '--name', 'Comms lead', '--expires-in', '30');
    expect(admin.code, admin.stderr).toBe(0);
    const secret = admin.stdout.trim();
    expect(secret).toMatch(/^vx_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const ingest = token('create', '--scope', 'ingest', '--name', 'INE feed').stdout.trim();
    expect((await put(ingest)).status).toBe(403);
    expect((await put(secret)).status).toBe(201);

    const list = token('list');
    expect(list.code).toBe(0);
    const [header, ...lines] = list.stdout.trim().split('\n');
    expect(header?.split('\t')).toEqual(['id', 'scope', 'name', 'code', 'created', 'expires', 'last_used', 'revoked']);
    const id = secret.split('_')[1] ?? '';
    const row = lines.find((l) => l.startsWith(id))?.split('\t');
    expect(row?.slice(1, 3)).toEqual(['admin', 'Comms lead']);
    const created = Date.parse(row?.[4] ?? '');
    expect((Date.parse(row?.[5] ?? '') - created) / 86_400_000).toBe(30);
    expect(row?.[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.stdout).not.toContain(secret.split('_')[2] ?? 'no secret');

    const revoked = token('revoke', id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await put(secret)).status).toBe(401);
    expect(
      token('list')
        .stdout.split('\n')
        .find((l) => l.startsWith(id))
        ?.split('\t')[7],
    ).toMatch(/^\d{4}-/);
    expect(token('revoke', id).code).toBe(1);
    // Seven CLI runs in a row, each a Node start: a minute is not enough on a busy 2-core machine.
  }, 180_000);

  it('refuses what it cannot do, and says how', () => {
    expect(token('create', '--scope', 'root').stderr).toContain(
      '--scope must be one of: admin, ingest, staff, partner',
    );
    expect(token('create', '--scope', 'partner').stderr).toContain('needs --code');
    expect(token('create', '--scope', 'staff', '--expires-in', '0').stderr).toContain('--expires-in');
    expect(token('revoke', 'nope').code).toBe(2);
  }, 120_000);
});
