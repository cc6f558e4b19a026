import { forgetOldBatches } from '../data/ingest.ts';
import type { Env } from '../env.ts';
import { deleteExpired } from './retention.ts';

/**
 * The hourly cron trigger (wrangler.toml `[triggers]`): deletes expiring metrics rows and forgets Idempotency-Keys
 * older than 72 hours, logging what went.
 */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const deleted = await deleteExpired(env.DB, controller.scheduledTime);
  const batches = await forgetOldBatches(env.DB);
  console.log(`retention (${controller.cron}): deleted ${JSON.stringify({ ...deleted, ingest_batches: batches })}`);
}
