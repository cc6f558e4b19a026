// One batch on its way to the Worker: sent with a per-run Idempotency-Key, retried on what a retry can mend
// (network failures, 429, 5xx), and refused with the file's own line numbers when the server names problems.
import { type Chunk, fileLine } from './batch-chunker.ts';

/** What sending one batch needs: where, as whom, in which format, and who hears of each answer. */
export interface SendOptions {
  process: string;
  token: string;
  url: string;
  format: 'csv' | 'ndjson';
  /** When the source system extracted the file (RFC 3339), sent as `Data-As-Of` with every batch. */
  asOf?: string;
  /** Names this run in the batches' Idempotency-Keys (random per run). */
  runId: string;
  /** Told of each applied batch: the Worker's `Server-Timing` and the time from sending to the answer (benchmarks). */
  onAnswer?: (serverTiming: string, ms: number) => void;
}

/** What one applied batch did to the stored applications. */
export interface BatchResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Thrown for a batch the server refused: carries the problems with file line numbers. */
export class BatchRejected extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Sends one chunk, retrying network failures, 429 and 5xx with the same Idempotency-Key (safe to repeat). */
export async function sendChunk(
  options: SendOptions,
  chunk: Chunk,
  deferAudit: boolean,
): Promise<{ result: BatchResult; replayed: boolean }> {
  // Unique to this run and chunk: a retry inside the run replays, and a later run (even of the same file, or of
  // rows that went A → B → A) is a new batch. Sending identical rows again changes nothing, so a re-run after a
  // failure doubles nothing: what was applied comes back as unchanged.
  const key = `ingest-${options.runId}-${chunk.index}`;
  const type = options.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let text: string;
    const sent = performance.now();
    try {
      response = await fetch(`${options.url}/api/v1/registrations/${encodeURIComponent(options.process)}/batches`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': type,
          'idempotency-key': key,
          ...(options.asOf ? { 'data-as-of': options.asOf } : {}),
          ...(deferAudit ? { 'disclosure-audit': 'defer' } : {}),
        },
        body: chunk.body,
      });
      // Inside the try: an answer cut off on its way is a network failure too, and retried like one.
      text = await response.text();
    } catch (error) {
      if (attempt >= 5) throw new Error(`cannot reach ${options.url}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      continue;
    }
    if (response.ok) {
      options.onAnswer?.(response.headers.get('server-timing') ?? '', performance.now() - sent);
      return { result: JSON.parse(text), replayed: response.headers.get('idempotent-replayed') === 'true' };
    }
    if ((response.status === 429 || response.status >= 500) && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      continue;
    }
    throw new BatchRejected(response.status, describeRejection(text, chunk, response.status));
  }
}

function describeRejection(text: string, chunk: Chunk, status: number): string {
  try {
    const { error } = JSON.parse(text) as {
      error: { message: string; details?: { line?: number; field?: string; message?: string }[] };
    };
    const details = (error.details ?? []).slice(0, 20).map((d) => {
      const line = typeof d.line === 'number' ? `line ${fileLine(chunk, d.line)}` : '';
      return `  ${line}${d.field ? ` ${d.field}` : ''}: ${d.message ?? ''}`;
    });
    const more = (error.details?.length ?? 0) > 20 ? [`  … and ${(error.details?.length ?? 0) - 20} more`] : [];
    return [`HTTP ${status}: ${error.message}`, ...details, ...more].join('\n');
  } catch {
    return `HTTP ${status}: ${text.slice(0, 500)}`;
  }
}
