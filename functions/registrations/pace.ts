import { addDays } from '../domain/dates.ts';
import type { Scope } from '../domain/registration.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { readSummary } from './summary.ts';

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
 * Applications a process had received by day `day` of its registration window (day 1 = opening day), in the same
 * scope and filters, read through the rule like every other figure: from that process's own summary's daily series,
 * so the pace is null wherever that series is withheld, and two days' paces differ only by a published daily count.
 */
export async function cumulativeByDay(
  db: D1Database,
  process: ProcessRecord,
  day: number,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
): Promise<number | null> {
  const until = addDays(process.registration_opens, day - 1);
  const { value } = await readSummary(db, process, scope, filters);
  if (!value.daily) return null;
  return value.daily.reduce((sum, entry) => (entry.date <= until ? sum + entry.count : sum), 0);
}
