// Issue 4's benchmarks: bytes of a first view of each embed and of the dashboard page, and requests per
// second for a cached embed against a static file served by the same Worker, in the same run.
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { seedDemoData } from '../db/seed/seed.ts';
import { startTestServer } from '../e2e/support/server.ts';
import { VIEWS } from '../functions/domain/views.ts';
import type { BenchRow } from './lib/stats.ts';

async function gzipBytes(url: string): Promise<number> {
  return gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength;
}

/** What a browser downloads for a first view: the page plus the scripts and stylesheets it links. */
async function firstViewBytes(origin: string, path: string): Promise<number> {
  const html = await (await fetch(`${origin}${path}`)).text();
  let total = gzipSync(html).byteLength;
  for (const [, asset] of html.matchAll(/(?:<script[^>]+src|<link[^>]+rel="stylesheet"[^>]+href)="(\/[^"]+)"/g)) {
    total += await gzipBytes(`${origin}${asset}`);
  }
  return total;
}

function load(url: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 32, duration: 8 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Runs the embed benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number, unit: string) =>
    rows.push({ bench: 'embed', case: scenario, metric, value, unit });
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    for (const view of VIEWS) {
      add(
        `first view of embed '${view}' (html+css+js)`,
        'gzip',
        await firstViewBytes(server.url, `/embed/registrations?process=pel-2020-2021&view=${view}`),
        'B',
      );
    }
    add('embed.js', 'gzip', await gzipBytes(`${server.url}/embed.js`), 'B');
    add(
      'dashboard page /es/dashboard/ (html+css+js)',
      'gzip',
      await firstViewBytes(server.url, '/es/dashboard/?process=pel-2020-2021'),
      'B',
    );
    const embedUrl = `${server.url}/embed/registrations?process=pel-2020-2021&view=summary`;
    await fetch(embedUrl).then((r) => r.arrayBuffer()); // warm the cache
    const staticRun = await load(`${server.url}/robots.txt`);
    const embedRun = await load(embedUrl);
    // Issue 15: a cut's embed is immutable; cached, it should cost what the live one does.
    const cutUrl = `${server.url}/embed/registrations?process=pel-2020-2021&view=summary&cut=2020-11-30`;
    await fetch(cutUrl).then((r) => r.arrayBuffer());
    const cutRun = await load(cutUrl);
    add('cached cut embed (summary, cut=2020-11-30), 32 connections', 'throughput', cutRun.requests.average, 'req/s');
    add('cached cut embed ÷ static file', 'ratio', cutRun.requests.average / staticRun.requests.average, '×');
    add('cached cut embed, 32 connections', 'p50 latency', cutRun.latency.p50, 'ms');
    const errors =
      staticRun.errors + staticRun.non2xx + embedRun.errors + embedRun.non2xx + cutRun.errors + cutRun.non2xx;
    add('static file /robots.txt, 32 connections', 'throughput', staticRun.requests.average, 'req/s');
    add('cached embed (summary), 32 connections', 'throughput', embedRun.requests.average, 'req/s');
    add('cached embed ÷ static file', 'ratio', embedRun.requests.average / staticRun.requests.average, '×');
    add('cached embed, 32 connections', 'p50 latency', embedRun.latency.p50, 'ms');
    add('errors and non-2xx during the load runs', 'count', errors, '');
  } finally {
    await server.stop();
  }
  return rows;
}
