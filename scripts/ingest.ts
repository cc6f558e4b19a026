// `npm run -s ingest -- --process SLUG FILE`: sends a CSV or NDJSON file of any size in batches.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Chunk, type ChunkLimits, csvChunks, ndjsonChunks } from './lib/batch-chunker.ts';
import { BatchRejected, type SendOptions, sendChunk } from './lib/batch-sender.ts';
import { progressBar } from './lib/progress.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = `usage: npm run -s ingest -- --process SLUG FILE [--token TOKEN] [--url URL] [--batch-rows N] [--concurrency N] [--format csv|ndjson] [--as-of RFC3339]
  The token (scope ingest) comes from --token or VOTO_TOKEN; --url defaults to http://localhost:8787.
  --batch-rows (default 50000, the most a batch may hold) and --concurrency (default 2, batches in flight at once).
  --as-of says when the source system extracted the file (sent as Data-As-Of; the figures show it as their date).
  Running the same command again after a failure doubles nothing: rows already applied come back unchanged.`;

interface Totals {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  batches: number;
  replayed: number;
}

interface Options extends SendOptions {
  file: string;
  limits: ChunkLimits;
  /** Batches in flight at once (the Worker parses one while it writes another). */
  concurrency?: number;
}

// The disclosure audit runs once per run, on its last batch, and at least this often in a long run, so readers do
// not wait longer than this (plus one audit) for breakdowns that reflect it.
const AUDIT_EVERY_MS = 20_000;

/**
 * Sends the whole file, `concurrency` batches at a time; returns the totals. Every batch but the run's last asks the
 * Worker to defer its disclosure audit (`Disclosure-Audit: defer`); the last goes alone, once the others are
 * applied, and its audit covers them all. A long run sends one batch alone every AUDIT_EVERY_MS for the same reason.
 */
export async function ingestFile(
  options: Options,
  onProgress?: (bytes: number, rows: number) => void,
): Promise<Totals> {
  const totals: Totals = { rows: 0, inserted: 0, updated: 0, unchanged: 0, batches: 0, replayed: 0 };
  const chunks =
    options.format === 'csv' ? csvChunks(options.file, options.limits) : ndjsonChunks(options.file, options.limits);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const inFlight = new Set<Promise<void>>();
  let failure: { chunk: Chunk; error: unknown } | null = null;
  // The latest chunk applied with its audit deferred, and whether any is still waiting for an audit.
  let deferred: Chunk | null = null;
  let lastIndex = -1;
  let bytes = 0;
  let lastAudit = performance.now();
  const send = async (chunk: Chunk, deferAudit: boolean) => {
    try {
      const { result, replayed } = await sendChunk(options, chunk, deferAudit);
      totals.rows += result.rows;
      totals.inserted += result.inserted;
      totals.updated += result.updated;
      totals.unchanged += result.unchanged;
      totals.batches += 1;
      if (replayed) totals.replayed += 1;
      lastIndex = Math.max(lastIndex, chunk.index);
      deferred = deferAudit ? chunk : null;
      bytes = Math.max(bytes, chunk.bytesRead);
      onProgress?.(bytes, totals.rows);
    } catch (error) {
      failure ??= { chunk, error };
    }
  };
  const start = (chunk: Chunk, deferAudit: boolean) => {
    const sending = send(chunk, deferAudit).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  const settle = async (room: number) => {
    while (inFlight.size > room) await Promise.race(inFlight);
  };
  try {
    // One chunk ahead: a chunk is known to be the last when the next one does not come.
    let current = await chunks.next();
    while (!current.done && !failure) {
      const chunk = current.value;
      const following = await chunks.next();
      if (following.done || performance.now() - lastAudit >= AUDIT_EVERY_MS) {
        await settle(0);
        if (failure) break;
        await send(chunk, false);
        lastAudit = performance.now();
      } else {
        await settle(concurrency - 1);
        if (!failure) start(chunk, true);
      }
      current = following;
    }
    await settle(0);
  } finally {
    await chunks.return(undefined);
  }
  if (failure) {
    const { chunk, error } = failure as { chunk: Chunk; error: unknown };
    // Batches applied with their audit deferred are audited now: the last of them sent again without deferring
    // replays its answer and stores the audit (the Worker's minute cron would otherwise, in production).
    const pending = deferred as Chunk | null;
    if (pending) await sendChunk(options, pending, false).catch(() => {});
    if (error instanceof BatchRejected) {
      const which = lastIndex < chunk.index ? 'earlier' : 'other';
      error.message = `batch ${chunk.index + 1} was refused, nothing of it was written. ${totals.rows.toLocaleString('en')} rows in ${totals.batches} ${which} batches were applied; fix the file and run the same command again (rows already applied come back unchanged).\n${error.message}`;
    }
    throw error;
  }
  return totals;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      process: { type: 'string' },
      token: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:8787' },
      'batch-rows': { type: 'string', default: '50000' },
      concurrency: { type: 'string', default: '2' },
      format: { type: 'string' },
      'as-of': { type: 'string' },
    },
  });
  const file = positionals[0];
  const token = values.token ?? process.env.VOTO_TOKEN;
  const batchRows = Number(values['batch-rows']);
  if (!values.process || !file || positionals.length > 1) return usage('give --process SLUG and one FILE');
  if (!token)
    return usage('give an ingest token with --token or VOTO_TOKEN (npm run -s token -- create --scope ingest)');
  if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 50_000)
    return usage('--batch-rows must be 1 to 50000');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8)
    return usage('--concurrency must be 1 to 8');
  const format = (values.format ?? (/\.(nd)?jsonl?$|\.ndjson$/i.test(file) ? 'ndjson' : 'csv')) as Options['format'];
  if (format !== 'csv' && format !== 'ndjson') return usage('--format must be csv or ndjson');
  if (values['as-of'] !== undefined && Number.isNaN(Date.parse(values['as-of'])))
    return usage('--as-of must be an RFC 3339 date and time, such as 2022-11-15T18:00:00Z');
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) return usage(`cannot read ${file}`);
  const bar = progressBar(size);
  const started = performance.now();
  const totals = await ingestFile(
    {
      process: values.process,
      file,
      token,
      url: values.url.replace(/\/$/, ''),
      format,
      limits: { maxRows: batchRows, maxBytes: 9 * 1024 * 1024 },
      asOf: values['as-of'],
      runId: crypto.randomUUID(),
      concurrency,
    },
    bar.update,
  ).finally(bar.done);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${totals.rows.toLocaleString('en')} rows in ${totals.batches} batches (${totals.replayed} already applied): ` +
      `${totals.inserted.toLocaleString('en')} inserted, ${totals.updated.toLocaleString('en')} updated, ${totals.unchanged.toLocaleString('en')} unchanged; ` +
      `${seconds.toFixed(1)} s, ${Math.round(totals.rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`,
  );
  return 0;
}

function usage(problem: string): number {
  console.error(`ingest: ${problem}\n${USAGE}`);
  return 2;
}

runCli(import.meta, 'ingest', main);
