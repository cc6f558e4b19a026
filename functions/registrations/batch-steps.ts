// The batch pipeline in named steps: parse (parse-batch.ts) → validate (here) → diff (diff-batch.ts) → write
// (ingest.ts) → invalidate (here). Each step is small and tested alone; the router only strings them together.
import { forgetProcess } from '../processes/versions.ts';
import { ApiError } from '../shared/errors.ts';
import { fileProblems } from '../shared/problems.ts';
import type { BatchResult } from './ingest.ts';
import { BATCH_LIMITS, type ParsedBatch } from './parse-batch.ts';

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

/** Invalidate: this isolate forgets the process, so its new data version (and every cache name) shows at once. */
export function invalidate(slug: string): void {
  forgetProcess(slug);
}
