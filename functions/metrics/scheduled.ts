import type { Env } from '../env.ts';
import { deleteExpired } from './retention.ts';

/** The cron trigger (wrangler.toml `[triggers]`): deletes expiring metrics rows, logging what went. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const deleted = await deleteExpired(env.DB, controller.scheduledTime);
  console.log(`retention (${controller.cron}): deleted ${JSON.stringify(deleted)}`);
}
