// Page weight of the home page as a phone on a slow link downloads it, and Worker response times.
import { gzipSync } from 'node:zlib';
import { startTestServer } from '../e2e/support/server.ts';
import { type BenchRow, percentile, timeCalls } from './lib/stats.ts';

/** Runs the site benchmarks against a fresh `wrangler dev`. */
export async function run(): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  try {
    for (const lang of ['es', 'en']) {
      const html = await (await fetch(`${server.url}/${lang}/`)).text();
      const assets = [...html.matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1] ?? '');
      let raw = Buffer.byteLength(html);
      let gzip = gzipSync(html).byteLength;
      for (const asset of assets) {
        const body = Buffer.from(await (await fetch(`${server.url}${asset}`)).arrayBuffer());
        raw += body.byteLength;
        gzip += gzipSync(body).byteLength;
      }
      const scripts = assets.filter((a) => a.endsWith('.js')).length;
      rows.push({ bench: 'site', case: `/${lang}/ html+css+js`, metric: 'bytes', value: raw, unit: 'B' });
      rows.push({ bench: 'site', case: `/${lang}/ html+css+js`, metric: 'gzip', value: gzip, unit: 'B' });
      rows.push({ bench: 'site', case: `/${lang}/`, metric: 'scripts', value: scripts, unit: 'files' });
    }
    for (const path of ['/es/', '/api/v1/health', '/']) {
      const samples = await timeCalls(
        () => fetch(`${server.url}${path}`, { redirect: 'manual' }).then((r) => r.arrayBuffer()),
        200,
      );
      rows.push({ bench: 'site', case: `GET ${path}`, metric: 'p50', value: percentile(samples, 50), unit: 'ms' });
      rows.push({ bench: 'site', case: `GET ${path}`, metric: 'p99', value: percentile(samples, 99), unit: 'ms' });
    }
  } finally {
    await server.stop();
  }
  return rows;
}
