// No client address and no user agent reaches D1: a run of every event name (and of token-holding requests)
// from marker addresses and a marker user agent, counted by the real queue consumer, then every column of
// every row of every table is searched for the markers.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../functions/domain/metrics.ts';
import worker from '../../functions/index.ts';
import type { EventMessage, PackedEvents } from '../../functions/metrics/event.ts';
import { bearer, call, testEnv } from '../support/helpers.ts';
import { deliver } from '../support/metrics-helpers.ts';
import { createProcess, csv, postBatch, row } from '../support/registration-helpers.ts';

const IPV4 = '203.0.113.77';
const IPV6 = '2001:db8:7777::77';
// Browser-like (a bot's events are never queued, which would make the scan vacuous), with unique words.
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64; Zqmarkerua) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Quuxbrowser/7.7';
// Each marker as stored plain, and the forms a careless normaliser could write (no dots, dashes, expanded).
const MARKERS = [
  IPV4,
  '203011377',
  '203-0-113-77',
  '203_0_113_77',
  IPV6,
  '2001:0db8:7777:0000:0000:0000:0000:0077',
  '2001-db8-7777--77',
  'zqmarkerua',
  'quuxbrowser',
];

const PROPS: Record<string, Record<string, string | number>> = {
  download: { asset: 'guia.pdf' },
  share: { network: 'whatsapp' },
  search: { query: 'credencial', results: 0 },
  language_switch: { to: 'en' },
};

/** Sends one event straight to the Worker with a capturing queue, and returns what it queued. */
async function sendEvent(name: string, address: string): Promise<EventMessage[]> {
  const queued: EventMessage[] = [];
  const queue = {
    send: async (pack: PackedEvents) => void queued.push(...pack.events),
  };
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request('https://voto.test/api/v1/events', {
      method: 'POST',
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent': USER_AGENT,
        'cf-connecting-ip': address,
        'x-forwarded-for': address,
        'x-real-ip': address,
      },
      body: JSON.stringify({
        name,
        url: `https://voto.test/es/?ref=partner1&utm_source=${name}`,
        referrer: 'https://www.facebook.com/',
        props: PROPS[name],
      }),
    }),
    { ...testEnv, EVENTS: queue } as never,
    ctx,
  );
  expect(response.status, name).toBe(202);
  await waitOnExecutionContext(ctx);
  return queued;
}

/** Every text in the database: one entry per cell, as `table.column: value`. */
async function everyCell(): Promise<{ tables: string[]; cells: string[] }> {
  const { results } = await testEnv.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const tables = results.map((r) => r.name);
  const cells: string[] = [];
  for (const table of tables) {
    const rows = await testEnv.DB.prepare(`SELECT * FROM "${table}"`).all<Record<string, unknown>>();
    for (const stored of rows.results) {
      for (const [column, value] of Object.entries(stored)) {
        const text = Array.isArray(value) ? new TextDecoder().decode(new Uint8Array(value)) : String(value);
        cells.push(`${table}.${column}: ${text}`);
      }
    }
  }
  return { tables, cells };
}

describe('no client address or user agent in D1', () => {
  it('stores neither after events of every name, counted by the consumer, nor after token-holding requests', async () => {
    const queued: EventMessage[] = [];
    for (const name of EVENT_NAMES) {
      for (const address of [IPV4, IPV6]) queued.push(...(await sendEvent(name, address)));
    }
    expect(queued).toHaveLength(EVENT_NAMES.length * 2);
    const result = await deliver(queued);
    expect(result.retryBatch.retry).toBe(false);
    expect(result.explicitAcks).toEqual([]);
    // The consumer really counted them (the scan below is not over an empty database).
    const hours = JSON.stringify([...new Set(queued.map((m) => m.hour))]);
    const counted = await testEnv.DB.prepare(
      "SELECT key, SUM(count) AS n FROM metric_rollups WHERE dimension = 'event' AND hour IN (SELECT value FROM json_each(?)) GROUP BY key",
    )
      .bind(hours)
      .all<{ key: string; n: number }>();
    expect(Object.fromEntries(counted.results.map((r) => [r.key, r.n]))).toEqual(
      Object.fromEntries(EVENT_NAMES.map((name) => [name, 2])),
    );

    // Requests with tokens (which record when a token was last used) from the same markers.
    const marked = { 'cf-connecting-ip': IPV4, 'x-forwarded-for': IPV6, 'user-agent': USER_AGENT };
    const ingest = await createProcess('no-stored-address');
    expect((await postBatch('no-stored-address', csv([row('ADDR1')]), { ...ingest, ...marked } as never)).status).toBe(
      200,
    );
    const staff = await bearer('staff');
    for (const path of ['/api/v1/outreach/periods', '/api/v1/metrics/summary?from=2020-01-01&to=2020-01-02']) {
      const answer = await call(path, { headers: { ...staff, ...marked } });
      expect(answer.status, `${path}: ${await answer.text()}`).toBe(200);
    }
    const read = await call('/api/v1/registrations/no-stored-address/summary', { headers: marked });
    expect(read.status, await read.text()).toBe(200);

    const { tables, cells } = await everyCell();
    expect(tables).toEqual(expect.arrayContaining(['metric_rollups', 'metric_visitor_shards', 'api_tokens']));
    expect(cells.length).toBeGreaterThan(100);
    const found = cells.filter((cell) => MARKERS.some((marker) => cell.toLowerCase().includes(marker)));
    expect(found).toEqual([]);
  });
});
