// Over 250 lines on purpose: the registrations benchmarks share one wrangler dev, its seeded D1 and the naive baseline they are measured against.
// Rollup summary vs the naive GROUP BY at 10 thousand and 1 million applications, cached reads, and
// CLI ingest throughput, all against a real `wrangler dev` with local D1 (issue 3's benchmarks).
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { putProcess, startTestServer } from '../e2e/support/server.ts';
import { takeCut } from '../functions/cuts/take.ts';
import { ENTITY_CODES } from '../functions/domain/entities.ts';
import { getCut, processAtCut } from '../functions/processes/cut-store.ts';
import { getProcess } from '../functions/processes/store.ts';
import { planBatch } from '../functions/registrations/diff-batch.ts';
import { parseBatch } from '../functions/registrations/parse-batch.ts';
import { readSummary } from '../functions/registrations/summary.ts';
import { ingestFile } from '../scripts/ingest.ts';
import { withLocalDb } from '../scripts/lib/local-db.ts';
import { createToken } from '../scripts/token.ts';
import { naiveSummary } from './lib/naive-summary.ts';
import { type BenchRow, percentile, timeCalls } from './lib/stats.ts';
import { writeSyntheticCsv } from './lib/synthetic.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const SLUG = 'bench-national';

/** Runs the registration benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  const add = (scenario: string, metric: string, value: number, unit: string) =>
    rows.push({ bench: 'registrations', case: scenario, metric, value, unit });
  try {
    const token = await createToken('ingest', 'bench', server.persistTo);
    const admin = await createToken('admin', 'bench', server.persistTo);
    await defineNational(server.url, admin, SLUG, { es: 'Proceso nacional de prueba', en: 'National test process' });
    let loaded = 0;
    for (const size of SIZES) {
      const file = join(tmpdir(), `voto-bench-${size}.csv`);
      await writeSyntheticCsv(file, size - loaded, { seed: size, firstFolio: loaded });
      const started = performance.now();
      const totals = await ingestFile({
        process: SLUG,
        file,
        token,
        url: server.url,
        format: 'csv',
        limits: { maxRows: 50_000, maxBytes: 9 * 1024 * 1024 },
        runId: crypto.randomUUID(),
      });
      const seconds = (performance.now() - started) / 1000;
      await rm(file, { force: true });
      loaded = size;
      const label = `${size.toLocaleString('en')} apps`;
      add(`${label}: CLI ingest of ${totals.rows.toLocaleString('en')}`, 'throughput', totals.rows / seconds, 'apps/s');
      // The naive query takes seconds at a million rows: fewer samples there.
      await measureCut(server.persistTo, label, add, size >= 500_000 ? '2024-02-25' : '2023-10-15');
      await measureReads(server.url, server.persistTo, label, add, size >= 500_000 ? 3 : 10);
    }
    await maxDiversity(server.url, { ingest: token, admin }, add);
  } finally {
    await server.stop();
  }
  return rows;
}

/** A process over every state, in the synthetic data's window (2023-09-01 to 2024-02-25). */
async function defineNational(url: string, admin: string, slug: string, name: { es: string; en: string }) {
  const put = await putProcess(url, admin, slug, {
    name,
    registration_opens: '2023-09-01',
    registration_closes: '2024-02-25',
    election_day: '2024-06-02',
    entities: ENTITY_CODES,
    modalities: ['postal', 'internet', 'presencial'],
    // Published: the benchmark reads its figures as the public does (cached).
    published: true,
  });
  if (!put.ok) throw new Error(`PUT ${slug}: ${put.status} ${await put.text()}`);
}

// Countries for the most diverse batch: with 176 days and 32 states, 9 countries give 50,688 distinct triples.
const DIVERSE_COUNTRIES = ['US', 'CA', 'ES', 'DE', 'FR', 'GB', 'AR', 'CL', 'CO', 'JP'];

/**
 * The hardest batch the contract admits: 50,000 rows, every one a distinct (day, state, country), so each row
 * moves rollup keys no other row shares. Sent once to a fresh process; reports its time and D1 rows written.
 */
async function maxDiversity(
  url: string,
  tokens: { ingest: string; admin: string },
  add: (scenario: string, metric: string, value: number, unit: string) => void,
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

/**
 * Issue 15: taking a cut (a copy of the process's rollups) at this volume, with the rows it wrote and the bytes it
 * stores, then reading the cut's summary next to the live one, in the same process and database.
 */
async function measureCut(
  persistTo: string,
  label: string,
  record: (scenario: string, metric: string, value: number, unit: string) => void,
  date: string,
): Promise<void> {
  // Also written as they come: the naive GROUP BY after this can take the local database down at a million rows.
  const add = (scenario: string, metric: string, value: number, unit: string) => {
    record(scenario, metric, value, unit);
    process.stderr.write(`  ${scenario} · ${metric}: ${value.toFixed(2)} ${unit}\n`);
  };
  await withLocalDb(async (db) => {
    const live = await getProcess(db, SLUG);
    if (!live) throw new Error('bench process missing');
    const started = performance.now();
    const taken = await takeCut(db, SLUG, date, new Date().toISOString());
    const ms = performance.now() - started;
    if (!taken.created) throw new Error(`cut ${date} existed already`);
    const stored = await db
      .prepare(
        `SELECT COUNT(*) AS rows, SUM(length(process) + length(cut) + length(scope) + length(entity) + length(country)
           + length(dimension) + length(bucket) + 8) AS bytes FROM registration_cut_rollups WHERE process = ? AND cut = ?`,
      )
      .bind(SLUG, date)
      .first<{ rows: number; bytes: number }>();
    const cut = await getCut(db, SLUG, date);
    if (!cut || !stored) throw new Error('cut not stored');
    const frozen = processAtCut(live, cut);
    const all = { entity: null, country: null };
    let cutRows = 0;
    let liveRows = 0;
    const cutTimes = await timeCalls(
      async () => {
        cutRows = (await readSummary(db, frozen, 'received', all, date)).rowsRead;
      },
      50,
      5,
    );
    const liveTimes = await timeCalls(
      async () => {
        liveRows = (await readSummary(db, live, 'received', all)).rowsRead;
      },
      50,
      5,
    );
    const [a, b] = [await readSummary(db, frozen, 'received', all, date), await readSummary(db, live, 'received', all)];
    if (a.value.total !== b.value.total) throw new Error(`cut total ${a.value.total} ≠ live ${b.value.total}`);
    add(`${label}: take a cut`, 'time', ms, 'ms');
    add(`${label}: take a cut`, 'D1 rows written', taken.rowsWritten, 'rows');
    add(`${label}: cut stored`, 'rows', stored.rows, 'rows');
    add(`${label}: cut stored (payload, before SQLite pages)`, 'size', stored.bytes / 1024 / 1024, 'MiB');
    add(`${label}: summary of the cut`, 'D1 rows read', cutRows, 'rows');
    add(`${label}: live summary`, 'D1 rows read', liveRows, 'rows');
    add(`${label}: summary of the cut (uncached)`, 'p50', percentile(cutTimes, 50), 'ms');
    add(`${label}: live summary (uncached)`, 'p50', percentile(liveTimes, 50), 'ms');
    add(`${label}: cut ÷ live summary`, 'p50 ratio', percentile(cutTimes, 50) / percentile(liveTimes, 50), '×');
  }, persistTo);
}

async function measureReads(
  url: string,
  persistTo: string,
  label: string,
  add: (scenario: string, metric: string, value: number, unit: string) => void,
  naiveRuns: number,
): Promise<void> {
  await withLocalDb(async (db) => {
    const process = await getProcess(db, SLUG);
    if (!process) throw new Error('bench process missing');
    let rollupRows = 0;
    const rollup = await timeCalls(
      async () => {
        rollupRows = (await readSummary(db, process, 'received', { entity: null, country: null })).rowsRead;
      },
      50,
      5,
    );
    let naiveRows = 0;
    let naiveTotal = 0;
    const naive = await timeCalls(
      async () => {
        const result = await naiveSummary(db, SLUG);
        naiveRows = result.rowsRead;
        naiveTotal = result.total;
      },
      naiveRuns,
      1,
    );
    const check = await readSummary(db, process, 'received', { entity: null, country: null });
    if (check.value.total !== naiveTotal)
      throw new Error(`rollup total ${check.value.total} ≠ naive total ${naiveTotal}`);
    add(`${label}: summary from rollups`, 'D1 rows read', rollupRows, 'rows');
    add(`${label}: naive GROUP BY`, 'D1 rows read', naiveRows, 'rows');
    add(`${label}: naive ÷ rollups`, 'rows read ratio', naiveRows / rollupRows, '×');
    add(`${label}: summary from rollups (uncached)`, 'p50', percentile(rollup, 50), 'ms');
    add(`${label}: summary from rollups (uncached)`, 'p99', percentile(rollup, 99), 'ms');
    add(`${label}: naive GROUP BY`, 'p50', percentile(naive, 50), 'ms');
    add(`${label}: naive GROUP BY`, 'p99', percentile(naive, 99), 'ms');
    add(`${label}: naive ÷ rollups`, 'p50 speed-up', percentile(naive, 50) / percentile(rollup, 50), '×');
  }, persistTo);
  const endpoint = `${url}/api/v1/registrations/${SLUG}/summary`;
  const miss = await fetch(endpoint);
  const etag = miss.headers.get('etag') ?? '';
  await miss.arrayBuffer();
  const workerMs: number[] = [];
  const cached = await timeCalls(
    async () => {
      const response = await fetch(endpoint);
      await response.arrayBuffer();
      workerMs.push(Number(/total;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN));
    },
    200,
    10,
  );
  // What wrangler dev's local proxy costs by itself: a static file that runs no Worker code.
  const floor = await timeCalls(() => fetch(`${url}/robots.txt`).then((r) => r.arrayBuffer()), 200, 10);
  const revalidated = await timeCalls(
    () => fetch(endpoint, { headers: { 'if-none-match': etag } }).then((r) => r.arrayBuffer()),
    200,
    10,
  );
  add(`${label}: GET summary over HTTP (cached)`, 'p50', percentile(cached, 50), 'ms');
  add(`${label}: GET summary over HTTP (cached)`, 'p99', percentile(cached, 99), 'ms');
  add(`${label}: GET summary over HTTP (304)`, 'p50', percentile(revalidated, 50), 'ms');
  add(`${label}: GET summary (cached), time inside the Worker`, 'p50', percentile(workerMs.slice(10), 50), 'ms');
  add(`${label}: GET summary (cached), time inside the Worker`, 'p99', percentile(workerMs.slice(10), 99), 'ms');
  add(`${label}: GET /robots.txt (wrangler dev floor, no Worker code)`, 'p50', percentile(floor, 50), 'ms');
}
