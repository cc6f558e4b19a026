// Over 250 lines on purpose: its steps share one server and one process that grows in order: 10 thousand,
// 1 million (and 10 M made from it), then 1.5 M. Rollup summary vs the naive GROUP BY, the rule's cost, cached
// reads, the national audit and CLI ingest, against a real `wrangler dev` with local D1 (issues 3, 27 and 32).
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { putProcess, startTestServer } from '../e2e/support/server.ts';
import { takeCut } from '../functions/cuts/take.ts';
import { ENTITY_CODES } from '../functions/domain/entities.ts';
import { getCut, processAtCut } from '../functions/processes/cut-store.ts';
import { getProcess } from '../functions/processes/store.ts';
import { readSummary, summaryStatement } from '../functions/registrations/summary.ts';
import { ingestFile } from '../scripts/ingest.ts';
import { withLocalDb } from '../scripts/lib/local-db.ts';
import { createToken } from '../scripts/token.ts';
import { maxDiversity } from './lib/max-diversity.ts';
import { naiveSummary } from './lib/naive-summary.ts';
import { measureNationalAudit } from './lib/national-audit.ts';
import { nationalReload } from './lib/national-ingest.ts';
import { ruleSideBySide } from './lib/ruled-summary.ts';
import { d1File, naiveInShell, summaryInSqlite, tenTimes } from './lib/sqlite-cli.ts';
import { type BenchRow, percentile, timeCalls } from './lib/stats.ts';
import { writeSyntheticCsv } from './lib/synthetic.ts';
import { served, uncachedSummaryOverHttp } from './lib/uncached-summary.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const SLUG = 'bench-national';
const BIG_CUT = '2024-02-25';
// The national audit's volume (issue 27: 1.5 M, 32 states x 120 countries), loaded after the sizes above.
const NATIONAL = Number(process.env.BENCH_NATIONAL ?? 1_500_000);
// BENCH_ONLY=national: only the national audit (and the ingest that loads it), keeping an exclusive hold short:
// the largest size of BENCH_SIZES is loaded and cut, then the national volume, with no read, 10 M or diversity step.
const NATIONAL_ONLY = process.env.BENCH_ONLY === 'national';
// BENCH_ONLY=reads: the sizes, their reads, the naive GROUP BY and the 10 M case, without the national volume.
const READS_ONLY = process.env.BENCH_ONLY === 'reads';
// BENCH_ONLY=ingest: only the national reload (BENCH_NATIONAL applications into an empty process) and its profile.
const INGEST_ONLY = process.env.BENCH_ONLY === 'ingest';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

/** Loads generated applications through the CLI (`npm run ingest`) until the process holds `size`. */
async function ingestTo(url: string, token: string, size: number, loaded: number, add: Add): Promise<void> {
  const file = join(tmpdir(), `voto-bench-${size}.csv`);
  await writeSyntheticCsv(file, size - loaded, { seed: size, firstFolio: loaded });
  const started = performance.now();
  const totals = await ingestFile({
    process: SLUG,
    file,
    token,
    url,
    format: 'csv',
    limits: { maxRows: 50_000, maxBytes: 9 * 1024 * 1024 },
    runId: crypto.randomUUID(),
    concurrency: 2,
  });
  const seconds = (performance.now() - started) / 1000;
  await rm(file, { force: true });
  const label = `${size.toLocaleString('en')} apps`;
  add(`${label}: CLI ingest of ${totals.rows.toLocaleString('en')}`, 'throughput', totals.rows / seconds, 'apps/s');
}

/** The naive GROUP BY in the sqlite3 shell on the same file, against the summary read through D1 (issue 32 item 5). */
async function naiveOutsideProxy(persistTo: string, slug: string, label: string, runs: number, add: Add) {
  const file = await d1File(persistTo);
  const naive = await naiveInShell(file, slug, runs);
  // The summary's own statement on the same file, in SQLite without the proxy, as the naive query is run.
  const direct = summaryInSqlite(file, summaryStatement(slug, 'received', { entity: null, country: null }), 200);
  const summary = await withLocalDb(async (db) => {
    const process = await getProcess(db, slug);
    if (!process) throw new Error(`${slug} missing`);
    const all = { entity: null, country: null };
    let rowsRead = 0;
    const sql: number[] = [];
    const times = await timeCalls(async () => {
      const read = await readSummary(db, process, 'received', all);
      rowsRead = read.rowsRead;
      sql.push(read.sqlMs ?? Number.NaN);
    }, 50);
    // Without the 10 warm-up calls timeCalls makes first.
    return { p50: percentile(times, 50), rowsRead, sqlP50: percentile(sql.slice(10), 50) };
  }, persistTo);
  add(`${label}: naive GROUP BY in the sqlite3 shell`, 'rows read (scanned)', naive.rowsRead, 'rows');
  add(`${label}: naive GROUP BY in the sqlite3 shell`, 'p50', percentile(naive.times, 50), 'ms');
  add(`${label}: summary through D1, rule on`, 'D1 rows read', summary.rowsRead, 'rows');
  add(`${label}: summary through D1, rule on`, 'p50', summary.p50, 'ms');
  add(`${label}: naive (shell) ÷ summary (D1)`, 'rows read ratio', naive.rowsRead / summary.rowsRead, '×');
  add(`${label}: naive (shell) ÷ summary (D1)`, 'p50 ratio', percentile(naive.times, 50) / summary.p50, '×');
  // The same two queries compared inside SQLite alone: the summary's own time in SQLite (D1's `duration`), without
  // the local proxy's round trip, which a summary pays through getPlatformProxy and the naive query in the shell does not.
  add(`${label}: summary, time inside SQLite (D1 duration)`, 'p50', summary.sqlP50, 'ms');
  add(
    `${label}: naive (shell) ÷ summary (inside SQLite)`,
    'p50 ratio',
    percentile(naive.times, 50) / summary.sqlP50,
    '×',
  );
  add(
    `${label}: summary's statement in SQLite (node:sqlite, same file, 200 runs)`,
    'rows returned',
    direct.rows,
    'rows',
  );
  add(
    `${label}: summary's statement in SQLite (node:sqlite, same file, 200 runs)`,
    'p50',
    percentile(direct.times, 50),
    'ms',
  );
  add(
    `${label}: naive (sqlite3 shell) ÷ summary (node:sqlite), both without the proxy`,
    'p50 ratio',
    percentile(naive.times, 50) / percentile(direct.times, 50),
    '×',
  );
}

/**
 * Ten times the largest size (issue 32 item 5: 10 M): a second process holding each of its applications ten times,
 * made in SQL (sqlite-cli.ts says why and how), then the summary with and without the rule, and the naive baseline
 * in the sqlite3 shell.
 */
async function tenMillion(url: string, persistTo: string, admin: string, loaded: number, add: Add): Promise<void> {
  const slug = 'bench-10m';
  await defineNational(url, admin, slug, { es: 'Diez millones', en: 'Ten million' });
  const below = `S${String(loaded).padStart(8, '0')}`;
  const made = await tenTimes(await d1File(persistTo), SLUG, BIG_CUT, below, slug);
  const label = `${made.applications.toLocaleString('en')} apps`;
  add(`${label}: made in SQL from the ${loaded.toLocaleString('en')} (sqlite3 shell)`, 'time', made.seconds, 's');
  await withLocalDb(async (db) => {
    const process = await getProcess(db, slug);
    if (!process) throw new Error(`${slug} missing`);
    await ruleSideBySide(db, process, label, add);
  }, persistTo);
  await naiveOutsideProxy(persistTo, slug, label, 2, add);
}

/** Runs the registration benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const server = await startTestServer();
  const rows: BenchRow[] = [];
  // Also written as they come: a long run shows its progress, and a crash late in it keeps the figures so far.
  const add = (scenario: string, metric: string, value: number, unit: string) => {
    rows.push({ bench: 'registrations', case: scenario, metric, value, unit });
    process.stderr.write(`  ${scenario} · ${metric}: ${value.toFixed(2)} ${unit}\n`);
  };
  try {
    const token = await createToken('ingest', 'bench', server.persistTo);
    const admin = await createToken('admin', 'bench', server.persistTo);
    await defineNational(server.url, admin, SLUG, { es: 'Proceso nacional de prueba', en: 'National test process' });
    let loaded = 0;
    if (INGEST_ONLY) {
      await nationalReload(server.url, { ingest: token, admin }, defineNational, NATIONAL, add);
      return rows;
    }
    if (NATIONAL_ONLY) {
      const size = SIZES.at(-1) ?? 1_000_000;
      await ingestTo(server.url, token, size, 0, add);
      await withLocalDb((db) => takeCut(db, SLUG, BIG_CUT, new Date().toISOString()), server.persistTo);
      await ingestTo(server.url, token, NATIONAL, size, add);
      await measureNationalAudit(server.url, token, SLUG, BIG_CUT, `${NATIONAL.toLocaleString('en')} apps`, add);
      return rows;
    }
    for (const size of SIZES) {
      const label = `${size.toLocaleString('en')} apps`;
      await ingestTo(server.url, token, size, loaded, add);
      loaded = size;
      // The naive query takes seconds at a million rows: fewer samples there.
      const last = size === SIZES.at(-1);
      await measureCut(server.persistTo, label, add, last ? BIG_CUT : '2023-10-15');
      // Through the local D1 proxy the naive query dies at a million rows (the proxy closes the socket): from there
      // on it runs in the sqlite3 shell only (naiveOutsideProxy).
      await measureReads(server.url, server.persistTo, label, add, size >= 500_000 ? 0 : 10);
      await uncachedSummaryOverHttp(server.url, token, { slug: SLUG, receivedOn: '2024-01-15' }, label, add);
      if (last) await naiveOutsideProxy(server.persistTo, SLUG, label, 3, add);
    }
    // The cut taken at the largest size (measureCut) holds exactly those applications' rollups and audit.
    await tenMillion(server.url, server.persistTo, admin, loaded, add);
    if (READS_ONLY) return rows;
    await ingestTo(server.url, token, NATIONAL, loaded, add);
    await measureNationalAudit(server.url, token, SLUG, BIG_CUT, `${NATIONAL.toLocaleString('en')} apps`, add);
    await maxDiversity(server.url, { ingest: token, admin }, add, defineNational);
    await nationalReload(server.url, { ingest: token, admin }, defineNational, NATIONAL, add);
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

/**
 * Issue 15: taking a cut (a copy of the process's rollups) at this volume, with the rows it wrote and the bytes it
 * stores, then reading the cut's summary next to the live one, in the same process and database.
 */
async function measureCut(persistTo: string, label: string, add: Add, date: string): Promise<void> {
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
    await ruleSideBySide(db, process, label, add);
    let rollupRows = 0;
    const rollup = await timeCalls(
      async () => {
        rollupRows = (await readSummary(db, process, 'received', { entity: null, country: null })).rowsRead;
      },
      50,
      5,
    );
    add(`${label}: summary from rollups`, 'D1 rows read', rollupRows, 'rows');
    add(`${label}: summary from rollups (uncached)`, 'p50', percentile(rollup, 50), 'ms');
    add(`${label}: summary from rollups (uncached)`, 'p99', percentile(rollup, 99), 'ms');
    if (naiveRuns === 0) return;
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
    add(`${label}: naive GROUP BY`, 'D1 rows read', naiveRows, 'rows');
    add(`${label}: naive ÷ rollups`, 'rows read ratio', naiveRows / rollupRows, '×');
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
      workerMs.push(served(response).workerMs);
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
  // A repeat answered before routing (front-answers.ts) runs no middleware, so it carries no `total` of its own.
  const timed = workerMs.slice(10).filter((ms) => !Number.isNaN(ms));
  add(`${label}: GET summary (cached), answered before routing`, 'share', 1 - timed.length / 200, '');
  if (timed.length > 0) {
    add(`${label}: GET summary (cached, routed), time inside the Worker`, 'p50', percentile(timed, 50), 'ms');
    add(`${label}: GET summary (cached, routed), time inside the Worker`, 'p99', percentile(timed, 99), 'ms');
  }
  add(`${label}: GET /robots.txt (wrangler dev floor, no Worker code)`, 'p50', percentile(floor, 50), 'ms');
}
