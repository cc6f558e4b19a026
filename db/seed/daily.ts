// The daily series: on which day each request was received. The reports print no daily figures, so the days
// follow a plausible registration curve over the published window and every request is dated inside it.
import { eachDay } from '../../functions/domain/dates.ts';
import { apportion } from './counts.ts';
import type { Draft } from './draft.ts';
import { allocate, type Random, streamFor } from './prng.ts';
import { type ProcessSlug, publishedDates } from './published.ts';

// Sunday .. Saturday: fewer requests at weekends (INETEL calls and web traffic both drop).
const WEEKDAY_FACTOR = [0.5, 1.05, 1, 1, 1, 0.95, 0.65] as const;

/** Requests per day: slow start, growth towards the cut-off, weekly rhythm, a little noise, never zero. */
function dailyCounts(random: Random, days: readonly string[], total: number, busyDays: readonly string[]): number[] {
  const weights = days.map((day, i) => {
    const t = days.length > 1 ? i / (days.length - 1) : 1;
    const trend = 0.3 + 1.7 * t ** 1.4;
    const weekday = WEEKDAY_FACTOR[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? 1;
    const noise = 0.88 + 0.24 * random();
    return trend * weekday * noise * (busyDays.includes(day) ? 1.8 : 1);
  });
  const counts = apportion(total, weights);
  const empty = days.find((_, i) => (counts[i] ?? 0) === 0);
  if (empty !== undefined) throw new Error(`generate: no request on ${empty}`);
  return counts;
}

// Unpublished: requests still under review are the most recent ones; the legal review needs a few days.
function dateWeight(last: number) {
  return (d: Draft, day: number): number => {
    if (d.status === 'revision') return Math.exp((day - last) / 6);
    if (d.status === 'subsane') return day > last - 3 ? 0.3 : 1;
    return 1;
  };
}

/** Dates every draft, from registration opening to the report's cut-off; `busyDays` had a registration drive. */
export function assignDates(slug: ProcessSlug, drafts: Draft[], busyDays: readonly string[]): void {
  const { registrationOpens, cutoff } = publishedDates(slug);
  const days = eachDay(registrationOpens, cutoff);
  const perDay = dailyCounts(streamFor(slug, 'days'), days, drafts.length, busyDays);
  const counts = perDay.map((n, i) => [i, n] as const);
  allocate(streamFor(slug, 'dates'), drafts, counts, dateWeight(days.length - 1)).forEach((day, i) => {
    (drafts[i] as Draft).receivedOn = days[day];
  });
}
