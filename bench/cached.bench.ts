// Issue 32 item 2: the cached answers (summary, embed, image) against the floors of the same `wrangler dev`, in one
// short run on the demo data: what the other benches measure beside a 1 M load or the renders, measured alone so
// the three ratios fit one quiet-machine hold. Latencies alternate a cached call with its floor's call, so load
// from other work falls on both alike; throughputs alternate rounds.
import autocannon from 'autocannon';
import { seedDemoData } from '../db/seed/seed.ts';
import { startTestServer } from '../e2e/support/server.ts';
import { type BenchRow, percentile } from './lib/stats.ts';

const PROCESS = 'pel-2020-2021';
const CALLS = 300;
const ROUNDS = 3;

// One call's time, the body read to its end; a status other than `status` is a broken bench, not a figure.
async function timed(url: string, status: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== status) throw new Error(`${url} answered ${response.status}, not ${status}`);
  return ms;
}

/** p50 of `cached` and of `floor`, each call of one followed by a call of the other. */
async function sideBySide(cached: string, floor: string, floorStatus: number, cachedStatus = 200) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < CALLS + 20; i++) {
    const x = await timed(cached, cachedStatus);
    const y = await timed(floor, floorStatus);
    if (i < 20) continue;
    a.push(x);
    b.push(y);
  }
  return { cached: percentile(a, 50), floor: percentile(b, 50) };
}

function load(url: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections: 32, duration: 4 }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** Runs the cached-answer benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number | string, unit: string) =>
    rows.push({ bench: 'cached', case: scenario, metric, value, unit });
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    const summary = `${server.url}/api/v1/registrations/${PROCESS}/summary`;
    const image = `${server.url}/api/v1/infographics/registrations-total.png?process=${PROCESS}`;
    const embed = `${server.url}/embed/registrations?process=${PROCESS}&view=summary`;
    const robots = `${server.url}/robots.txt`;
    const ping = `${server.url}/api/v1/ping`;
    for (const url of [summary, image, embed]) await timed(url, 200); // fills the edge cache
    // What the two answers carry: a larger body costs the loopback and the client, whatever the Worker does.
    for (const [name, url] of [
      ['summary', summary],
      ['/robots.txt', robots],
    ]) {
      add(`${name} body`, 'size', (await (await fetch(url as string)).arrayBuffer()).byteLength, 'B');
    }
    const s = await sideBySide(summary, robots, 200);
    add('GET summary over HTTP (cached)', 'p50', s.cached, 'ms');
    add('GET /robots.txt (static file, no Worker code), alternating', 'p50', s.floor, 'ms');
    add('cached summary ÷ /robots.txt (goal ≤ 1.2)', 'p50 ratio', s.cached / s.floor, '×');
    const i = await sideBySide(image, ping, 204);
    add('GET registrations-total og image over HTTP (cached)', 'p50', i.cached, 'ms');
    add('GET /api/v1/ping (no-op route), alternating', 'p50', i.floor, 'ms');
    add('cached image ÷ ping (goal ≤ 1.2)', 'p50 ratio', i.cached / i.floor, '×');
    // The runtime's floor for any answer of the Worker's code: a no-op route against a file it never sees.
    const f = await sideBySide(ping, robots, 200, 204);
    add('GET /api/v1/ping (no-op route, Worker code)', 'p50', f.cached, 'ms');
    add('GET /robots.txt, alternating', 'p50', f.floor, 'ms');
    add('no-op route ÷ /robots.txt (the floor of a Worker answer)', 'p50 ratio', f.cached / f.floor, '×');
    const ratios: number[] = [];
    let errors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const floor = await load(robots);
      const cached = await load(embed);
      errors += floor.errors + floor.non2xx + cached.errors + cached.non2xx;
      ratios.push(cached.requests.average / floor.requests.average);
      add(`round ${round + 1}: static file /robots.txt, 32 connections`, 'throughput', floor.requests.average, 'req/s');
      add(`round ${round + 1}: cached embed (summary), 32 connections`, 'throughput', cached.requests.average, 'req/s');
    }
    add('cached embed ÷ static file, each round', 'ratios', ratios.map((r) => r.toFixed(2)).join(' '), '×');
    add('cached embed ÷ static file (median round, goal ≥ 0.8)', 'ratio', percentile(ratios, 50), '×');
    add('errors and non-2xx during the load runs', 'count', errors, '');
  } finally {
    await server.stop();
  }
  return rows;
}
