// The batch pipeline in named steps: validate the request (here) → parse (parse-batch.ts) → validate the rows
// (here) → diff (diff-batch.ts, inside the write's snapshot) → write (ingest.ts, settled here) → invalidate (here).
// Each step is small and tested alone (batch-steps.test.ts); batches-api.ts only strings them together.
import { forgetProcess } from '../processes/versions.ts';
import { ApiError } from '../shared/errors.ts';
import { mediaType } from '../shared/media-type.ts';
import { fileProblems } from '../shared/problems.ts';
import type { BatchResult, StoredBatch } from './batch-records.ts';
import type { Applied } from './ingest.ts';
import { BATCH_LIMITS, type BatchFormat, type ParsedBatch } from './parse-batch.ts';

const FORMATS: Record<string, BatchFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
};

/** Validate: the body's format from its `Content-Type`, or the 415 that names what is taken. */
export function batchFormat(contentType: string | undefined): BatchFormat {
  const { type, charset } = mediaType(contentType);
  const format = FORMATS[type];
  if (!format) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the batch as text/csv or application/x-ndjson (got '${type || 'no Content-Type'}').`,
    );
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('unsupported_media_type', `Send the batch in UTF-8 (got charset '${charset}').`);
  }
  return format;
}

/** Validate: the `Idempotency-Key` header, or the 400 that says what a good one is. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (!header || !/^[\x21-\x7e]{1,128}$/.test(header)) {
    throw new ApiError(
      'bad_request',
      'Send an Idempotency-Key header of 1 to 128 visible ASCII characters, unique per batch (for example a UUID).',
    );
  }
  return header;
}

/** Validate: `Data-As-Of` (already RFC 3339 by the route's schema) in UTC to the second, so moments compare as text in SQL. */
export function asOfOf(given: string | undefined): string | null {
  return given ? new Date(given).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/** Validate: the parsed rows, or the 413 (too many rows) or 422 (the lines with problems) that refuse the batch. */
export function acceptedRows(parsed: ParsedBatch): Extract<ParsedBatch, { ok: true }>['rows'] {
  if (parsed.ok) return parsed.rows;
  if (parsed.tooManyRows) {
    throw new ApiError(
      'payload_too_large',
      `A batch holds at most ${BATCH_LIMITS.maxRows.toLocaleString('en')} rows. Split the file (npm run ingest does it for you).`,
    );
  }
  throw fileProblems(parsed, BATCH_LIMITS.maxProblems, 'written', 'batch');
}

/** Write: what the write answered, or the 429 (other batches kept winning) or 409 (the definition changed). */
export function writtenOrThrow<T extends BatchResult>(applied: T | { busy: true } | { stale: true }, slug: string): T {
  if ('busy' in applied) {
    throw new ApiError(
      'rate_limited',
      'Other batches for this process are being applied right now. Send this one again in a moment (same Idempotency-Key).',
      [],
      { 'Retry-After': '1' },
    );
  }
  if ('stale' in applied) {
    throw new ApiError(
      'conflict',
      `The definition of process '${slug}' changed while this batch was being checked, so nothing was written. Send the batch again (same Idempotency-Key): it will be checked against the new definition.`,
    );
  }
  return applied;
}

/** The stored answer for a key sent again: the same body replays it, another body is a 409. */
export function replayOrConflict(
  stored: { body_sha256: string } & BatchResult,
  bodySha256: string,
  key: string,
): BatchResult {
  if (stored.body_sha256 !== bodySha256) {
    throw new ApiError(
      'conflict',
      `The Idempotency-Key '${key}' was already used for a different body. Use a new key for a new batch.`,
    );
  }
  return stored;
}

/** What the write step settled on: the answer, its D1 cost (null when replayed) and whether it is a replay. */
export interface Written {
  result: BatchResult;
  rowsWritten: number | null;
  /** The write's time inside SQLite (D1's own `duration`), null when replayed. */
  sqlMs: number | null;
  /** Where the write's time went, as `Server-Timing` entries (ingest.ts's Applied), when it was applied here. */
  phases?: string;
  replayed: boolean;
}

/**
 * Write: applies the rows once (`apply`, ingest.ts's applyBatch). A concurrent request with the same key that won
 * the race is answered as if this one were its retry (`stored` reads it back). Whatever happens, this isolate
 * forgets the process afterwards: a write that failed late may still have moved its data version.
 */
export async function writeBatch(
  io: {
    apply: () => Promise<Applied | { busy: true } | { stale: true }>;
    stored: () => Promise<StoredBatch | null>;
  },
  slug: string,
  key: string,
  bodySha256: string,
): Promise<Written> {
  try {
    const { rowsWritten, sqlMs, phases, ...result } = writtenOrThrow(await io.apply(), slug);
    return { result, rowsWritten, sqlMs, phases, replayed: false };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const raced = await io.stored();
    if (!raced) throw error;
    return { result: replayOrConflict(raced, bodySha256, key), rowsWritten: null, sqlMs: null, replayed: true };
  } finally {
    forgetProcess(slug);
  }
}

/**
 * Invalidate, when: the audit to run before answering (`audit`), or none when the feed said `Disclosure-Audit:
 * defer` (more batches of its run follow; the last one, or the minute's audit of unaudited versions, stores it).
 */
export function auditNowOrLater(
  header: 'defer' | undefined,
  audit: () => Promise<object | null>,
): () => Promise<object | null> {
  return header === 'defer' ? async () => null : audit;
}

/**
 * Invalidate: stores the disclosure audit of the version the batch made (`audit`, version-audit.ts, null when it
 * stored nothing; readers withhold every breakdown until it is stored), then this isolate forgets the process, so its new data version
 * (and every cache name built on it) shows at once.
 */
export async function invalidate(slug: string, audit: () => Promise<object | null>): Promise<void> {
  if (await audit()) forgetProcess(slug);
}
