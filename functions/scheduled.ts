import { takeScheduledCuts } from './cuts/take.ts';
import type { Env } from './env.ts';
import { deleteExpired } from './metrics/retention.ts';
import { forgetOldBatches } from './registrations/batch-records.ts';
import { auditUnauditedVersions } from './registrations/version-audit.ts';

/** The cron that takes cuts: minute 59 of 04 and 05 UTC, one of which is 23:59 in Mexico City in any season. */
export const CUTS_CRON = '59 4,5 * * *';

/** The cron that audits, every minute, a live version a feed left unaudited (`Disclosure-Audit: defer`). */
export const AUDIT_CRON = '* * * * *';

/**
 * The cron triggers (wrangler.toml `[triggers]`): the hourly one deletes expiring metrics rows and forgets
 * Idempotency-Keys older than 72 hours, logging what went; the one at minute 59 takes the fortnightly cuts; the
 * minute one audits live versions a feed left unaudited.
 */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  if (controller.cron === AUDIT_CRON) {
    const audited = await auditUnauditedVersions(env.DB);
    if (audited.length > 0) console.log(`audit (${controller.cron}): stored for ${audited.join(', ')}`);
    return;
  }
  if (controller.cron === CUTS_CRON) {
    const { date, taken } = await takeScheduledCuts(env.DB, controller.scheduledTime);
    if (date) console.log(`cuts (${controller.cron}): ${date} taken for ${taken.join(', ') || 'no new process'}`);
    return;
  }
  const deleted = await deleteExpired(env.DB, controller.scheduledTime);
  const batches = await forgetOldBatches(env.DB);
  console.log(`retention (${controller.cron}): deleted ${JSON.stringify({ ...deleted, ingest_batches: batches })}`);
}
