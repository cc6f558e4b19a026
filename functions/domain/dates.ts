// The one module of calendar-day arithmetic on YYYY-MM-DD strings, in UTC so no time zone shifts a
// deadline. The Worker, the site, the seed generator and the scripts all count days with it.

const DAY_MS = 86_400_000;

/** The UTC calendar day of a moment (a `Date` or epoch milliseconds), as YYYY-MM-DD. */
export function isoDay(moment: Date | number = new Date()): string {
  return new Date(moment).toISOString().slice(0, 10);
}

/** Today's date in UTC, as YYYY-MM-DD: what moves "days left" and so every figures cache key. */
export function todayUtc(): string {
  return isoDay(Date.now());
}

/** The day `days` after (or before, if negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return isoDay(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `first` to `last`, both included, as YYYY-MM-DD (empty when `last` is earlier). */
export function eachDay(first: string, last: string): string[] {
  return Array.from({ length: Math.max(0, daysBetween(first, last) + 1) }, (_, i) => addDays(first, i));
}

/** Today in the reader's own calendar (the browser's local date), as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The period just before [from, to], of the same length (for comparisons). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
