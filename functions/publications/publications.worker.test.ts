import { describe, expect, it } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { publicationCode } from './code.ts';
import { GENESIS_HASH, type NewPublication, recordHash, recordPublication } from './store.ts';

async function publication(total: number): Promise<NewPublication> {
  const figures = { total, template: 'registrations-total' };
  const code = await publicationCode({ process: 'chain-test', version: 'v1', figures });
  return {
    code,
    kind: 'image',
    process: 'chain-test',
    version: 'v1',
    as_of: '2024-01-01T00:00:00Z',
    figures,
    render: { path: '/api/v1/infographics/registrations-total.png?process=chain-test' },
  };
}

interface PublicationRecord {
  code: string;
  seq: number;
  prev_hash: string;
  hash: string;
}

async function allRecords(): Promise<PublicationRecord[]> {
  const { results } = await testEnv.DB.prepare('SELECT code FROM publications ORDER BY seq').all<{ code: string }>();
  return Promise.all(
    results.map(async ({ code }) => (await call(`/api/v1/publications/${code}`)).json<PublicationRecord>()),
  );
}

describe('the publications chain', () => {
  it('records a code once, and chains each record to the one before', async () => {
    const first = await publication(1);
    expect(await recordPublication(testEnv.DB, first)).toBe(true);
    expect(await recordPublication(testEnv.DB, { ...first, render: { path: '/elsewhere' } })).toBe(false);
    expect(await recordPublication(testEnv.DB, await publication(2))).toBe(true);
    const records = await allRecords();
    expect(records[0]?.prev_hash).toBe(GENESIS_HASH);
    for (const [i, record] of records.entries()) {
      if (i > 0) expect(record.prev_hash).toBe(records[i - 1]?.hash);
      const { seq: _seq, hash, verify_url: _url, ...rest } = record as PublicationRecord & { verify_url: string };
      expect(await recordHash(rest as never)).toBe(hash);
    }
    const stored = await call(`/api/v1/publications/${first.code}`);
    expect(((await stored.json()) as { render: unknown }).render).toEqual(first.render);
  });

  it('stays one chain when many first serves race', async () => {
    const racers = await Promise.all(Array.from({ length: 12 }, (_, i) => publication(100 + i)));
    // The same publication twice among them: it is recorded once.
    await Promise.all([...racers, racers[0] as NewPublication].map((p) => recordPublication(testEnv.DB, p)));
    const records = await allRecords();
    for (const racer of racers) expect(records.filter((r) => r.code === racer.code)).toHaveLength(1);
    for (const [i, record] of records.entries()) if (i > 0) expect(record.prev_hash).toBe(records[i - 1]?.hash);
    const head = (await (await call('/api/v1/publications/head')).json()) as { hash: string; length: number };
    expect(head).toMatchObject({ hash: records.at(-1)?.hash, length: records.length });
  });

  it('refuses to change or remove a record', async () => {
    const p = await publication(7);
    await recordPublication(testEnv.DB, p);
    await expect(
      testEnv.DB.prepare("UPDATE publications SET figures = '{}' WHERE code = ?").bind(p.code).run(),
    ).rejects.toThrow(/append-only/);
    await expect(testEnv.DB.prepare('DELETE FROM publications WHERE code = ?').bind(p.code).run()).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('GET /api/v1/publications/{code}', () => {
  it('finds a code as typed by hand (lower case, no dash)', async () => {
    const p = await publication(9);
    await recordPublication(testEnv.DB, p);
    const response = await call(`/api/v1/publications/${p.code.replace('-', '').toLowerCase()}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { code: string; figures: unknown; verify_url: string };
    expect(body).toMatchObject({ code: p.code, verify_url: `/v/${p.code}` });
    expect(body.figures).toEqual(p.figures);
  });

  it('answers 404 for a code nobody published and 400 for what is not a code, in the error shape', async () => {
    const unknown = await call('/api/v1/publications/00000-00000');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    for (const typed of ['HELLO', 'ABCDE-FGHIJK', '%E2%80%A6']) {
      const response = await call(`/api/v1/publications/${typed}`);
      expect(response.status, typed).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain('XXXXX-XXXXX');
    }
  });
});

describe('GET /.well-known/voto-extranjero-keys.json', () => {
  it('lists the current signing key (public half only) and the retired ones', async () => {
    const response = await call('/.well-known/voto-extranjero-keys.json');
    expect(response.status).toBe(200);
    const set = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(set.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: 'test', use: 'sig', valid_until: null });
    for (const key of set.keys) expect(key).not.toHaveProperty('d');
  });
});
