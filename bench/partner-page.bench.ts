// A partner's page with 30 embeds loading at once from one client address, first with the edge cache empty
// (30 misses, all counted by the per-address limit) and then warm: no 429, and how long the embeds take.
import { seedDemoData } from '../db/seed/seed.ts';
import { startTestServer } from '../e2e/support/server.ts';
import { partnerPageWithEmbeds } from './lib/partner-page.ts';
import type { BenchRow } from './lib/stats.ts';

/** Runs the partner page benchmark: cold, then warm. */
export async function run(): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    for (const state of ['cold (cache misses)', 'warm (cache hits)']) {
      const result = await partnerPageWithEmbeds(server.url);
      const scenario = `partner page, ${result.embeds} embeds, one address, ${state}`;
      const add = (metric: string, value: number, unit: string) =>
        rows.push({ bench: 'partner-page', case: scenario, metric, value, unit });
      add('429 answers (must be 0)', result.status[429] ?? 0, '');
      add(
        'answers from the Worker',
        Object.values(result.status).reduce((sum, n) => sum + n, 0),
        '',
      );
      add('embed load p50', result.p50, 'ms');
      add('embed load p95', result.p95, 'ms');
      add('embed load max', result.max, 'ms');
    }
  } finally {
    await server.stop();
  }
  return rows;
}
