// The record of each applied batch under its Idempotency-Key: how long it answers for its key, how a resend finds
// it, and the public answer it replays.
import type { z } from '@hono/zod-openapi';
import { utcNowSql } from '../shared/sql-time.ts';
import type { BatchAnswer } from './answers.ts';

/** How long an Idempotency-Key is remembered (public contract): 72 hours, then a resend is a new batch. */
export const KEY_MEMORY_HOURS = 72;

/** The moment before which a batch record no longer answers for its key, as SQL. */
export const KEY_CUTOFF_SQL = utcNowSql(`-${KEY_MEMORY_HOURS} hours`);

/** Forgets the batch records older than the remembering window (the hourly cron calls it). */
export async function forgetOldBatches(db: D1Database): Promise<number> {
  const result = await db.prepare(`DELETE FROM ingest_batches WHERE created_at <= ${KEY_CUTOFF_SQL}`).run();
  return result.meta.changes ?? 0;
}

/** What a batch did: the success answer of `POST …/batches`. */
export type BatchResult = z.output<typeof BatchAnswer>;

/** A batch already applied under an idempotency key. */
export interface StoredBatch extends BatchResult {
  body_sha256: string;
}

/** The batch stored under an idempotency key, if any. */
export async function findBatch(db: D1Database, process: string, idempotencyKey: string): Promise<StoredBatch | null> {
  return db
    .prepare(
      `SELECT id AS batch, rows, inserted, updated, unchanged, body_sha256 FROM ingest_batches
       WHERE process = ? AND idempotency_key = ? AND created_at > ${KEY_CUTOFF_SQL}`,
    )
    .bind(process, idempotencyKey)
    .first<StoredBatch>();
}

/** The public answer for a stored batch. */
export function toResult(stored: StoredBatch): BatchResult {
  return {
    batch: stored.batch,
    rows: stored.rows,
    inserted: stored.inserted,
    updated: stored.updated,
    unchanged: stored.unchanged,
  };
}
