// The hardest batch the contract admits (issue 3's benchmarks): its time, D1 rows written and the plan's memory.
import { ENTITY_CODES } from '../../functions/domain/entities.ts';
import { planBatch } from '../../functions/registrations/diff-batch.ts';
import { parseBatch } from '../../functions/registrations/parse-batch.ts';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

// Countries for the most diverse batch: with 176 days and 32 states, 9 countries give 50,688 distinct triples.
const DIVERSE_COUNTRIES = ['US', 'CA', 'ES', 'DE', 'FR', 'GB', 'AR', 'CL', 'CO', 'JP'];

/**
 * The hardest batch the contract admits: 50,000 rows, every one a distinct (day, state, country), so each row
 * moves rollup keys no other row shares. Sent once to a fresh process; reports its time and D1 rows written.
 */
export async function maxDiversity(
  url: string,
  tokens: { ingest: string; admin: string },
  add: Add,
  defineNational: (url: string, admin: string, slug: string, name: { es: string; en: string }) => Promise<void>,
): Promise<void> {
  const slug = 'bench-diverse';
  await defineNational(url, tokens.admin, slug, { es: 'Lote máximo', en: 'Maximal batch' });
  const lines = ['folio,received_on,country,entity,sex,age,modality,channel,credential,status'];
  const opens = Date.parse('2023-09-01T00:00:00Z');
  for (let i = 0; i < 50_000; i++) {
    const day = new Date(opens + (i % 176) * 86_400_000).toISOString().slice(0, 10);
    const entity = ENTITY_CODES[Math.floor(i / 176) % 32];
    const country = DIVERSE_COUNTRIES[Math.floor(i / 5_632) % DIVERSE_COUNTRIES.length];
    lines.push(`X${i},${day},${country},${entity},${i % 2 ? 'H' : 'M'},${18 + (i % 90)},postal,srve,cpve,cumple`);
  }
  const body = `${lines.join('\n')}\n`;
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/registrations/${slug}/batches`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.ingest}`,
      'content-type': 'text/csv',
      'idempotency-key': crypto.randomUUID(),
    },
    body,
  });
  const seconds = (performance.now() - started) / 1000;
  const text = await response.text();
  if (!response.ok) throw new Error(`max-diversity batch: ${response.status} ${text.slice(0, 500)}`);
  const written = Number(/rows_written=(\d+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
  const label = '50,000 rows, each a distinct (day, state, country), one batch';
  add(label, 'time', seconds, 's');
  add(label, 'D1 rows written', written, 'rows');
  add(label, 'body', Buffer.byteLength(body) / 1024 / 1024, 'MiB');
  // The Worker's memory for this batch is mostly its plan (rows and rollup moves): the same code, measured here in
  // Node (wrangler dev does not report an isolate's memory). Heap growth while the plan is alive.
  const parsed = await parseBatch(new TextEncoder().encode(body), 'csv', {
    entities: ENTITY_CODES,
    modalities: ['postal', 'internet', 'presencial'],
    registration_opens: '2023-09-01',
    registration_closes: '2024-02-25',
    latest_day: '2024-02-26',
  });
  if (!parsed.ok) throw new Error('max-diversity batch did not parse');
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const plan = planBatch(parsed.rows, new Map());
  const heapAfter = process.memoryUsage().heapUsed;
  add(label, 'rollup moves planned', plan.deltas.length, 'moves');
  add(label, 'plan heap (Node, same code)', (heapAfter - heapBefore) / 1024 / 1024, 'MiB');
}
