// The national reload (issue 32 item 3: 1.5 M applications in under 15 s): a generated national file sent by the
// CLI as an operator runs it (`npm run -s ingest`, a child process) into an empty process, timed end to end, then
// the same file once more (every row unchanged). Then where the time goes: the CLI cutting the file alone, the same
// code the Worker runs (parse and plan) timed here in Node, and one more run in this process whose batches' Server-
// Timing gives the upload, the Worker's write (SQLite's share apart) and the audit.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITY_CODES } from '../../functions/domain/entities.ts';
import { planBatch } from '../../functions/registrations/diff-batch.ts';
import { parseBatch } from '../../functions/registrations/parse-batch.ts';
import { ingestFile } from '../../scripts/ingest.ts';
import { type Chunk, csvChunks } from '../../scripts/lib/batch-chunker.ts';
import { runScript } from '../../tests/support/run-script.ts';
import { percentile } from './stats.ts';
import { writeSyntheticCsv } from './synthetic.ts';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;
type Define = (url: string, admin: string, slug: string, name: { es: string; en: string }) => Promise<void>;

const LIMITS = { maxRows: 50_000, maxBytes: 9 * 1024 * 1024 };

/** One `npm run -s ingest` of the file, timed from the command's start to its exit. */
async function cliRun(url: string, token: string, slug: string, file: string) {
  const started = performance.now();
  const run = await runScript('ingest.ts', ['--process', slug, '--url', url, file], {
    env: { ...process.env, VOTO_TOKEN: token },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.code !== 0) throw new Error(`ingest exited ${run.code}: ${run.stderr.slice(0, 500)}`);
  return { seconds, stdout: run.stdout.trim() };
}

/** The public summary shows the whole file, its breakdowns audited and published (not withheld). */
async function expectPublished(url: string, slug: string, count: number): Promise<void> {
  const summary = (await (await fetch(`${url}/api/v1/registrations/${slug}/summary`)).json()) as {
    total: number;
    by_sex: unknown;
  };
  if (summary.total !== count || summary.by_sex === null)
    throw new Error(
      `after the reload: total ${summary.total} of ${count}, breakdowns ${JSON.stringify(summary.by_sex)}`,
    );
}

const timing = (header: string, name: string) =>
  Number(new RegExp(`(?:^|,\\s*)${name};dur=([\\d.]+)`).exec(header)?.[1] ?? 0);

/** The national reload, end to end, and its profile. */
export async function nationalReload(
  url: string,
  tokens: { ingest: string; admin: string },
  define: Define,
  count: number,
  add: Add,
): Promise<void> {
  const file = join(tmpdir(), `voto-bench-reload-${count}.csv`);
  await writeSyntheticCsv(file, count, { seed: 15 });
  const label = `${count.toLocaleString('en')} apps`;
  try {
    await define(url, tokens.admin, 'bench-reload', { es: 'Recarga nacional', en: 'National reload' });
    const first = await cliRun(url, tokens.ingest, 'bench-reload', file);
    await expectPublished(url, 'bench-reload', count);
    add(`${label}: national reload, npm run -s ingest into an empty process`, 'time', first.seconds, 's');
    add(
      `${label}: national reload, npm run -s ingest into an empty process`,
      'throughput',
      count / first.seconds,
      'apps/s',
    );
    const again = await cliRun(url, tokens.ingest, 'bench-reload', file);
    if (!again.stdout.includes(`${count.toLocaleString('en')} unchanged`)) throw new Error(again.stdout);
    add(`${label}: the same file again (every row unchanged)`, 'time', again.seconds, 's');
    add(`${label}: the same file again (every row unchanged)`, 'throughput', count / again.seconds, 'apps/s');
    await profile(url, tokens, define, file, label, add);
  } finally {
    await rm(file, { force: true });
  }
}

async function profile(
  url: string,
  tokens: { ingest: string; admin: string },
  define: Define,
  file: string,
  label: string,
  add: Add,
): Promise<void> {
  // The CLI's own work: cutting the file into batch bodies.
  let started = performance.now();
  let sample: Chunk | undefined;
  for await (const chunk of csvChunks(file, LIMITS)) sample ??= chunk;
  add(`${label}: profile, CLI cuts the file into batches`, 'time', (performance.now() - started) / 1000, 's');
  // The Worker's parse and plan of one batch, the same code in Node (the Worker's clock stops between I/O).
  const rules = {
    entities: ENTITY_CODES,
    modalities: ['postal', 'internet', 'presencial'],
    registration_opens: '2023-09-01',
    registration_closes: '2024-02-25',
    latest_day: '2024-02-26',
  };
  const body = new TextEncoder().encode(sample?.body ?? '');
  const parse: number[] = [];
  const plan: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    const parsed = await parseBatch(body, 'csv', rules);
    parse.push(performance.now() - started);
    if (!parsed.ok) throw new Error('sample batch did not parse');
    started = performance.now();
    planBatch(parsed.rows, new Map());
    plan.push(performance.now() - started);
  }
  add(
    `${label}: profile, parse and validate one batch of 50,000 (Node, same code)`,
    'p50',
    percentile(parse, 50),
    'ms',
  );
  add(
    `${label}: profile, plan the rollup moves of one batch of 50,000 (Node, same code)`,
    'p50',
    percentile(plan, 50),
    'ms',
  );
  // One run in this process, each batch's Server-Timing summed (2 in flight, as the CLI sends them).
  await define(url, tokens.admin, 'bench-profile', { es: 'Perfil de ingesta', en: 'Ingest profile' });
  const sums = { answer: 0, body: 0, batch: 0, turn: 0, read: 0, write: 0, d1: 0, audit: 0 };
  started = performance.now();
  await ingestFile({
    process: 'bench-profile',
    file,
    token: tokens.ingest,
    url,
    format: 'csv',
    limits: LIMITS,
    runId: crypto.randomUUID(),
    concurrency: 2,
    onAnswer: (header, ms) => {
      sums.answer += ms;
      for (const name of ['body', 'batch', 'turn', 'read', 'write', 'd1', 'audit'] as const)
        sums[name] += timing(header, name);
    },
  });
  const scenario = `${label}: profile run (2 batches in flight; sums over batches overlap)`;
  add(scenario, 'wall time', (performance.now() - started) / 1000, 's');
  add(scenario, 'sum of batch round trips (CLI)', sums.answer / 1000, 's');
  add(scenario, 'sum of uploads (Worker reads the body)', sums.body / 1000, 's');
  add(scenario, 'sum of Worker writes (parse, plan, D1)', sums.batch / 1000, 's');
  add(scenario, 'of which waiting for the other batch in flight', sums.turn / 1000, 's');
  add(scenario, 'of which reading the stored rows (parse before it)', sums.read / 1000, 's');
  add(scenario, 'of which planning and writing', sums.write / 1000, 's');
  add(scenario, 'of which inside SQLite (D1 duration)', sums.d1 / 1000, 's');
  add(scenario, 'audits (the last batch only)', sums.audit / 1000, 's');
}
