// Issue 6's benchmarks: the events endpoint against a no-op route of the same Worker in the same run,
// zero loss once the queue drains, the script's size, and D1 rows written per 1,000 events.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { startTestServer } from '../e2e/support/server.ts';
import { countEvents } from '../functions/data/metrics-ingest.ts';
import type { EventMessage } from '../functions/env.ts';
import { reduceEvent } from '../functions/metrics/event.ts';
import { withLocalDb } from '../scripts/lib/local-db.ts';
import { createToken } from '../scripts/token.ts';
import type { BenchRow } from './lib/stats.ts';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

// Rows written per 1,000 events: 10 queue batches of 100 pageviews from 1,000 visitors over 50 pages.
async function rowsPerThousand(persistTo: string): Promise<number> {
  return withLocalDb(async (db) => {
    let total = 0;
    for (let b = 0; b < 10; b++) {
      const messages: EventMessage[] = Array.from({ length: 100 }, (_, i) => {
        const k = b * 100 + i;
        const { counts, scopes } = reduceEvent(
          { name: 'pageview', url: `https://voto.test/es/p${k % 50}/?utm_source=s${k % 5}`, referrer: null },
          'US',
        );
        return {
          id: `bench-${Date.now()}-${k}`,
          hour: '2040-01-01T10',
          day: '2040-01-01',
          visitor: `v${k}`,
          counts,
          scopes,
        };
      });
      total += (await countEvents(db, messages, `bench-${b}`, '2040-01-01')).rowsWritten;
    }
    return total;
  }, persistTo);
}

/** Runs the events benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number, unit: string) =>
    rows.push({ bench: 'events', case: scenario, metric, value, unit });
  add(
    '/t.js tracking script',
    'gzip',
    gzipSync(await readFile(new URL('../public/t.js', import.meta.url))).byteLength,
    'B',
  );
  const server = await startTestServer();
  try {
    const staff = await createToken('staff', 'bench', server.persistTo);
    const noop = await load({ url: `${server.url}/api/v1/ping`, connections: 32, duration: 8 });
    let n = 0;
    const events = await load({
      url: `${server.url}/api/v1/events`,
      connections: 32,
      duration: 8,
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': UA },
      // Every request a different visitor (address), as real traffic is, so the per-visitor limit does not apply.
      setupClient: (client) => {
        client.setHeaders({
          'content-type': 'text/plain',
          'user-agent': UA,
          'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`,
        });
      },
      body: JSON.stringify({ name: 'pageview', url: `${server.url}/es/`, referrer: null }),
    });
    const accepted = events['2xx'];
    add('no-op route /api/v1/ping, 32 connections', 'throughput', noop.requests.average, 'req/s');
    add('POST /api/v1/events, 32 connections', 'throughput', events.requests.average, 'req/s');
    add('events ÷ no-op', 'ratio', events.requests.average / noop.requests.average, '×');
    add('events accepted (202)', 'count', accepted, 'events');
    const day = new Date().toISOString().slice(0, 10);
    let counted = 0;
    for (let i = 0; i < 60 && counted < accepted; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const summary = (await (
        await fetch(`${server.url}/api/v1/metrics/summary?from=${day}&to=${day}`, {
          headers: { authorization: `Bearer ${staff}` },
        })
      ).json()) as {
        events: { pageview: number };
      };
      counted = summary.events.pageview;
    }
    add('events counted in the rollups after the queue drained', 'count', counted, 'events');
    add('events lost (accepted − counted)', 'count', accepted - counted, 'events');
    add('1,000 pageviews (10 batches of 100)', 'D1 rows written', await rowsPerThousand(server.persistTo), 'rows');
  } finally {
    await server.stop();
  }
  return rows;
}
