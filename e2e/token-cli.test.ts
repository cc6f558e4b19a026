// `npm run -s token` against a real `wrangler dev` and its local D1: create prints only the token, list never
// prints a secret, revoke takes effect on the next request, and an admin token (not an ingest one) defines processes.
import { describe, expect, it } from 'vitest';
import { createToken } from '../scripts/token.ts';
import { runScript } from '../tests/support/run-script.ts';
import { putProcess } from './support/server.ts';
import { sharedServer } from './support/session.ts';

// The shared server: the CLI writes tokens into its D1 file while it runs (as `npm run token` does beside
// `npm start`), as the other files' in-process tokens do; this file finds its rows by their ids, defines only its
// own process (`token-cli`, sorted after the demo ones) and asserts no count another file could change.
const server = sharedServer();

// Asynchronous, never spawnSync: a CLI run takes seconds, and a blocked event loop cannot see the server close the
// idle keep-alive connection of the previous request, so the next PUT would be written into a dead socket.
const token = (...args: string[]) => runScript('token.ts', [...args, '--persist-to', server.persistTo]);

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
    const admin = await token('create', '--scope', 'admin', '--name', 'Comms lead', '--expires-in', '30');
    expect(admin.code, admin.stderr).toBe(0);
    const secret = admin.stdout.trim();
    expect(secret).toMatch(/^vx_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    // Setup only (the CLI's create is the admin run above): an ingest token, made in-process.
    const ingest = await createToken('ingest', 'INE feed', server.persistTo);
    expect((await put(ingest)).status).toBe(403);
    expect((await put(secret)).status).toBe(201);

    const list = await token('list');
    expect(list.code).toBe(0);
    const [header, ...lines] = list.stdout.trim().split('\n');
    expect(header?.split('\t')).toEqual(['id', 'scope', 'name', 'code', 'created', 'expires', 'last_used', 'revoked']);
    const id = secret.split('_')[1] ?? '';
    const row = lines.find((l) => l.startsWith(id))?.split('\t');
    expect(row?.slice(1, 3)).toEqual(['admin', 'Comms lead']);
    const created = Date.parse(row?.[4] ?? '');
    expect((Date.parse(row?.[5] ?? '') - created) / 86_400_000).toBe(30);
    expect(row?.[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The secret is all that follows `vx_<id>_`: base64url may itself contain `_`, so it is not split on it.
    const hidden = secret.slice(`vx_${id}_`.length);
    expect(hidden).toHaveLength(43);
    expect(list.stdout).not.toContain(hidden);

    const revoked = await token('revoke', id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await put(secret)).status).toBe(401);
    expect(
      (await token('list')).stdout
        .split('\n')
        .find((l) => l.startsWith(id))
        ?.split('\t')[7],
    ).toMatch(/^\d{4}-/);
    expect((await token('revoke', id)).code).toBe(1);
    // Five CLI runs in a row, each a Node start: a minute is not enough on a busy 2-core machine.
  }, 180_000);

  it('refuses what it cannot do, and says how', async () => {
    // Four runs that touch no database, so they may start at once (each is a Node start of its own).
    const [root, partner, expiry, revoke] = await Promise.all([
      token('create', '--scope', 'root'),
      token('create', '--scope', 'partner'),
      token('create', '--scope', 'staff', '--expires-in', '0'),
      token('revoke', 'nope'),
    ]);
    expect(root.stderr).toContain('--scope must be one of: admin, ingest, staff, partner');
    expect(partner.stderr).toContain('needs --code');
    expect(expiry.stderr).toContain('--expires-in');
    expect(revoke.code).toBe(2);
  }, 120_000);
});
