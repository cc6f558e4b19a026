// Over 250 lines on purpose: every events figure of issues 6, 29 and 32 shares one wrangler dev and one no-op baseline.
// Issue 6's benchmarks: the events endpoint against a no-op route of the same Worker in the same run,
// zero loss once the queue drains, the script's size, D1 rows written per 1,000 events, and (issue 29) the
// rows a flood of random campaign values from many networks leaves.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { startTestServer } from '../e2e/support/server.ts';
import { countEvents } from '../functions/metrics/count.ts';
import type { EventMessage } from '../functions/metrics/event.ts';
import { type IncomingEvent, reduceEvent } from '../functions/metrics/event.ts';
import { deleteExpired } from '../functions/metrics/retention.ts';
import { withLocalDb } from '../scripts/lib/local-db.ts';
import { createToken } from '../scripts/token.ts';
import { hostileEvents, rowsKept } from './lib/hostile-flood.ts';
import { partnerPageRows } from './lib/partner-page.ts';
import type { BenchRow } from './lib/stats.ts';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

// Answers per second of a timed run.
const rate = (result: autocannon.Result) => (result['2xx'] + result.non2xx) / result.duration;

// Counts `events` in queue batches of `size` on a fresh day, then runs the retention that later deletes
// their visitor rows and batch records: D1 rows written by each, as D1 reports them.
async function rowsWritten(
  db: D1Database,
  events: Omit<EventMessage, 'id'>[],
  size: number,
): Promise<{ counting: number; retention: number; countingMs: number }> {
  let counting = 0;
  const started = performance.now();
  for (let start = 0; start < events.length; start += size) {
    const batch = events
      .slice(start, start + size)
      .map((e, i) => ({ ...e, id: `bench-${start + i}-${Math.random()}` }));
    counting += (await countEvents(db, batch, Date.now())).rowsWritten;
  }
  const countingMs = performance.now() - started;
  // The hour after the events' day ends: its visitor rows, free values and batch records go.
  const day = events[0]?.day ?? '2040-01-01';
  const deleted = await deleteExpired(
    db,
    Math.max(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000, Date.now()) + 3 * 86_400_000,
  );
  return {
    counting,
    retention: deleted.visitor_seen + deleted.visitor_salts + deleted.metric_batches,
    countingMs,
  };
}

// A visitor as the Worker names it: 24 hex characters of a hash (their first ones choose the visitor's shard row).
const visitorId = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 24);

const message = (day: string, visitor: string, event: IncomingEvent, country = 'US'): Omit<EventMessage, 'id'> => ({
  hour: `${day}T10`,
  day,
  visitor: visitorId(visitor),
  // The modelled site's pages are all pages of the site: the bench measures counting, not the (other) rule.
  ...reduceEvent(event, country, (path) => path),
});

// The old benchmark's shape, kept comparable: 1,000 pageviews from 1,000 visitors over 50 pages.
const uniformPageviews = () =>
  Array.from({ length: 1_000 }, (_, k) =>
    message('2040-01-01', `v${k}`, {
      name: 'pageview',
      url: `https://voto.test/es/p${k % 50}/?utm_source=s${k % 5}`,
      referrer: null,
    }),
  );

// A day as docs/scaling.md assumes it: 3 events per visitor (spread over the day, so in different batches), 80% pageviews over 60 pages (a third from
// campaigns, a fifth with a referrer), 10% embed views from 20 sites, 5% register clicks, 5% downloads,
// 20 countries. Deterministic (a fixed linear congruential sequence).
function mixedDay(count: number): Omit<EventMessage, 'id'>[] {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  return Array.from({ length: count }, (_, k) => {
    const visitor = `m${k % Math.floor(count / 3)}`;
    const country = ['US', 'CA', 'ES', 'DE', 'FR', 'GB', 'CL', 'AR', 'CO', 'IT'][next(10)] ?? 'US';
    const page = `https://voto.test/${next(4) ? 'es' : 'en'}/p${next(60)}/`;
    const roll = next(100);
    const event: IncomingEvent =
      roll < 80
        ? {
            name: 'pageview',
            url: next(3) ? page : `${page}?utm_source=s${next(6)}&utm_medium=social&utm_campaign=c${next(4)}`,
            referrer: next(5) ? null : `https://r${next(30)}.example/`,
          }
        : roll < 90
          ? {
              name: 'embed_view',
              url: 'https://voto.test/embed/registrations',
              referrer: `https://site${next(20)}.example/`,
            }
          : roll < 95
            ? { name: 'cta_click', url: page }
            : { name: 'download', url: page, props: { asset: `asset-${next(15)}.png` } };
    return message('2040-02-01', visitor, event, `${country.slice(0, 1)}${next(2) ? country.slice(1) : 'X'}`);
  });
}

// BENCH_ONLY=throughput,rows,partner (any of them): only those parts, so a change can be measured within a short
// exclusive hold; by default all three.
const PARTS = new Set((process.env.BENCH_ONLY ?? 'throughput,rows,partner').split(','));

/** Runs the events benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number | string, unit: string) =>
    rows.push({ bench: 'events', case: scenario, metric, value, unit });
  add(
    '/t.js tracking script',
    'gzip',
    gzipSync(await readFile(new URL('../public/t.js', import.meta.url))).byteLength,
    'B',
  );
  if (PARTS.has('rows')) rows.push(...(await rowRows()));
  if (PARTS.has('throughput')) rows.push(...(await throughputRows()));
  // Ordinary use of the public reads never meets their per-address limit either.
  if (PARTS.has('partner')) rows.push(...(await partnerPageRows('events')));
  return rows;
}

// D1 rows written per 1,000 events (counting and retention), and what a hostile flood leaves.
async function rowRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number | string, unit: string) =>
    rows.push({ bench: 'events', case: scenario, metric, value, unit });
  // Rows on a database of their own, so the retention run deletes only what these batches wrote and the
  // server's database is not opened twice while it is under load.
  const rowsDb = await mkdtemp(join(tmpdir(), 'voto-rows-'));
  const { uniform, mixed } = await withLocalDb(
    async (db) => ({
      uniform: await rowsWritten(db, uniformPageviews(), 100),
      mixed: await rowsWritten(db, mixedDay(10_000), 40),
    }),
    rowsDb,
  ).finally(() => rm(rowsDb, { recursive: true, force: true }));
  const hostileDb = await mkdtemp(join(tmpdir(), 'voto-hostile-'));
  const hostileEventList = await hostileEvents();
  const hostile = await withLocalDb((db) => rowsKept(db, hostileEventList), hostileDb).finally(() =>
    rm(hostileDb, { recursive: true, force: true }),
  );
  add(
    '10,000 hostile events (random campaigns, 200 /24s + 200 /48s): counted',
    'D1 rows kept',
    hostile.counted,
    'rows',
  );
  add('10,000 hostile events: after their day closes', 'D1 rows kept', hostile.closed, 'rows');
  add('1,000 pageviews (10 batches of 100): counting', 'D1 rows written', uniform.counting, 'rows');
  add('1,000 pageviews (10 batches of 100): later retention', 'D1 rows written', uniform.retention, 'rows');
  add('10,000 mixed events (batches of 40): counting', 'D1 rows written', mixed.counting, 'rows');
  add('10,000 mixed events (batches of 40): later retention', 'D1 rows written', mixed.retention, 'rows');
  add(
    'mixed events, all included, per 1,000 events',
    'D1 rows written',
    (mixed.counting + mixed.retention) / 10,
    'rows',
  );
  // The consumer's cost, which in wrangler dev shares the route's two cores: its time per 1,000 events, D1 included.
  add('10,000 mixed events (batches of 40): counting time per 1,000 events', 'time', mixed.countingMs / 10, 'ms');
  return rows;
}

// POST /api/v1/events against the no-op route of the same server, and no event lost once the queue drains.
async function throughputRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number | string, unit: string) =>
    rows.push({ bench: 'events', case: scenario, metric, value, unit });
  const server = await startTestServer();
  try {
    const staff = await createToken('staff', 'bench', server.persistTo);
    let n = 0;
    const refusals = new Map<number, number>();
    // Answers per second from the first request to the last answer: a counted run's own duration is
    // rounded up to autocannon's next one-second tick.
    let firstAt = 0;
    let lastAt = 0;
    // `floor`: the same requests sent as a media type the route refuses (415) before it reads the body, so none
    // of the route's work after the first check runs: what a POST of this body costs this runtime by itself.
    const events = async (amount: number, floor = false) => {
      firstAt = performance.now();
      const result = await load({
        url: `${server.url}/api/v1/events`,
        connections: 32,
        amount,
        method: 'POST',
        headers: { 'content-type': floor ? 'application/x-www-form-urlencoded' : 'text/plain', 'user-agent': UA },
        body: JSON.stringify({ name: 'pageview', url: `${server.url}/es/`, referrer: null }),
        // Every request a different visitor (address), as real traffic is, so the per-visitor limit does not apply.
        requests: [
          {
            onResponse: (status) => {
              lastAt = performance.now();
              if (status !== (floor ? 415 : 202)) refusals.set(status, (refusals.get(status) ?? 0) + 1);
            },
            setupRequest: (request) => ({
              ...request,
              headers: {
                ...request.headers,
                'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`,
              },
            }),
          },
        ],
      });
      return { result, rate: (result['2xx'] + result.non2xx) / ((lastAt - firstAt) / 1000) };
    };
    // Warm both routes (the first event of a day also creates its salt); the warm-up events count below too.
    await load({ url: `${server.url}/api/v1/ping`, connections: 32, duration: 2 });
    const warm = await events(300);
    // Three rounds, each a no-op run then an events run, so load from other work on the machine falls on
    // both alike; the ratio is the median round's. Each events run is a fixed number of requests (about
    // 4 s at the target rate), so every answer is counted: a timed run drops the answers still in flight
    // when it stops, though the Worker counts those events.
    const rounds: { noop: number; events: number; floor: number }[] = [];
    const runs = [warm.result];
    for (let round = 0; round < 3; round++) {
      const noop = rate(await load({ url: `${server.url}/api/v1/ping`, connections: 32, duration: 4 }));
      const run = await events(Math.round(noop * 4 * 0.7));
      runs.push(run.result);
      rounds.push({ noop, events: run.rate, floor: (await events(Math.round(noop * 4 * 0.7), true)).rate });
    }
    const median = [...rounds].sort((a, b) => a.events / a.noop - b.events / b.noop)[1] ?? { noop: 0, events: 0 };
    const accepted = runs.reduce((sum, r) => sum + r['2xx'], 0);
    add('no-op route /api/v1/ping, 32 connections (median round)', 'throughput', median.noop, 'req/s');
    add('POST /api/v1/events, 32 connections (median round)', 'throughput', median.events, 'req/s');
    add('events ÷ no-op (median of 3 rounds)', 'ratio', median.events / median.noop, '×');
    add('events ÷ no-op, each round', 'ratios', rounds.map((r) => (r.events / r.noop).toFixed(2)).join(' '), '×');
    add(
      'floor: same POST refused 415 before its body is read ÷ no-op, each round',
      'ratios',
      rounds.map((r) => (r.floor / r.noop).toFixed(2)).join(' '),
      '×',
    );
    add('events accepted (202), warm-up included', 'count', accepted, 'events');
    add(
      `events refused (not 202)${refusals.size ? `: ${[...refusals].map(([status, count]) => `${count} × ${status}`).join(', ')}` : ''}`,
      'count',
      runs.reduce((sum, r) => sum + r.non2xx, 0),
      'events',
    );
    add(
      'events unanswered (errors, timeouts)',
      'count',
      runs.reduce((sum, r) => sum + r.errors, 0),
      'events',
    );
    const day = new Date().toISOString().slice(0, 10);
    // Until every accepted event is counted, or the count has not moved for 15 s (at most 3 minutes).
    let counted = 0;
    for (let i = 0, still = 0; i < 180 && counted < accepted && still < 15; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const summary = (await (
        await fetch(`${server.url}/api/v1/metrics/summary?from=${day}&to=${day}`, {
          headers: { authorization: `Bearer ${staff}` },
        })
      ).json()) as {
        events: { pageview: number };
      };
      still = summary.events.pageview === counted ? still + 1 : 0;
      counted = summary.events.pageview;
    }
    add('events counted in the rollups after the queue drained', 'count', counted, 'events');
    add('events lost (accepted − counted)', 'count', accepted - counted, 'events');
  } finally {
    await server.stop();
  }
  return rows;
}
