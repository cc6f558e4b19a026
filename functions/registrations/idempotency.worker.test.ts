// Idempotency that holds over time: a key is remembered for 72 hours, then forgotten (and the hourly cron
// deletes its record); rows sent A, then B, then A end with A's values.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, rollupCount, row, summary } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';

function send(slug: string, body: string, key: string, auth: Record<string, string>) {
  return call(`/api/v1/registrations/${slug}/batches`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv', 'idempotency-key': key },
    body,
  });
}

const age = (slug: string, hours: number) =>
  testEnv.DB.prepare(
    `UPDATE ingest_batches SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-${hours} hours') WHERE process = ?`,
  )
    .bind(slug)
    .run();

/** How many remembered batch keys a process has. */
async function batchRecords(process: string): Promise<number> {
  const row = await testEnv.DB.prepare('SELECT COUNT(*) AS n FROM ingest_batches WHERE process = ?')
    .bind(process)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

describe('Idempotency-Key over time', () => {
  it('replays within 72 hours and applies again after', async () => {
    const auth = await createProcess('idem-72h');
    const body = csv([row('K1')]);
    const first = await send('idem-72h', body, 'key-1', auth);
    const { batch } = (await first.json()) as { batch: string };
    await age('idem-72h', 71);
    const replay = await send('idem-72h', body, 'key-1', auth);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { batch: string }).batch).toBe(batch);
    expect((await send('idem-72h', csv([row('K2')]), 'key-1', auth)).status).toBe(409);
    await age('idem-72h', 73);
    // Forgotten: the same key now names a new batch, whatever its body.
    const later = await send('idem-72h', csv([row('K2')]), 'key-1', auth);
    expect(later.status).toBe(200);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(((await later.json()) as { batch: string; inserted: number }).inserted).toBe(1);
  });

  it('apply once when the same key and body arrive at the same time', async () => {
    const auth = await createProcess('idem-concurrent');
    const body = csv(Array.from({ length: 20 }, (_, i) => row(`Q${i}`)));
    const responses = await Promise.all(Array.from({ length: 6 }, () => send('idem-concurrent', body, 'same', auth)));
    // One applies; each of the other five is either a replay of it (200, Idempotent-Replayed) or told to come
    // back (429 with Retry-After): which, depends on timing, but every one of the six is accounted for.
    const kinds = responses.map((r) =>
      r.status === 200
        ? r.headers.get('idempotent-replayed') === 'true'
          ? 'replayed'
          : 'applied'
        : r.status === 429 && Number(r.headers.get('retry-after')) > 0
          ? 'retry later'
          : `unexpected ${r.status}`,
    );
    expect(
      kinds.filter((k) => k === 'applied'),
      String(kinds),
    ).toHaveLength(1);
    expect(
      kinds.filter((k) => k === 'replayed' || k === 'retry later'),
      String(kinds),
    ).toHaveLength(5);
    expect((await summary('idem-concurrent')).total).toBe(20);
    expect(await batchRecords('idem-concurrent')).toBe(1);
  });

  it('are forgotten by the hourly cron', async () => {
    const auth = await createProcess('idem-cron');
    await send('idem-cron', csv([row('C1')]), 'cron-key', auth);
    await age('idem-cron', 80);
    await worker.scheduled(
      createScheduledController({ scheduledTime: new Date(), cron: '7 * * * *' }),
      testEnv as never,
    );
    expect(await batchRecords('idem-cron')).toBe(0);
  });

  it('never keeps a folio at B when A, B and A again were sent with fresh keys', async () => {
    const auth = await createProcess('idem-aba');
    const rows = (status: string) =>
      csv(Array.from({ length: 12 }, (_, i) => row(`F${i}`, { status: i === 0 ? status : 'cumple' })));
    for (const [key, status] of [
      ['a-1', 'revision'],
      ['b-1', 'subsane'],
      ['a-2', 'revision'],
    ] as const) {
      expect((await send('idem-aba', rows(status), key, auth)).status).toBe(200);
    }
    // (Read from the rollups: received and cumple differ by one here, so the public summary withholds statuses.)
    expect(await rollupCount('idem-aba', 'status', 'revision')).toBe(1);
    expect(await rollupCount('idem-aba', 'status', 'subsane')).toBe(0);
    expect((await summary('idem-aba')).total).toBe(12);
  });
});
