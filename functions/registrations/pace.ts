import { addDays } from '../domain/dates.ts';
import type { ProcessRecord } from '../processes/store.ts';

/** The process whose registration opened most recently before this one's, if any. */
export function previousProcess(all: readonly ProcessRecord[], current: ProcessRecord): ProcessRecord | null {
  return (
    all
      // A rehearsal is never what a process is compared with, even in a list staff see.
      .filter((p) => p.published && p.registration_opens < current.registration_opens)
      .sort((a, b) => b.registration_opens.localeCompare(a.registration_opens))[0] ?? null
  );
}

/**
 * Applications a process had received by day `day` of its registration window (day 1 = opening day),
 * in the same scope and filters: one range read of its daily rollups.
 */
export async function cumulativeByDay(
  db: D1Database,
  process: ProcessRecord,
  day: number,
  scope: string,
  filters: { entity: string | null; country: string | null },
): Promise<number> {
  const until = addDays(process.registration_opens, day - 1);
  const row = await db
    .prepare(
      `SELECT COALESCE(SUM(count), 0) AS total FROM registration_rollups
       WHERE process = ? AND scope = ? AND entity = ? AND country = ? AND dimension = 'day' AND bucket <= ?`,
    )
    .bind(process.slug, scope, filters.entity ?? '*', filters.country ?? '*', until)
    .first<{ total: number }>();
  return row?.total ?? 0;
}
