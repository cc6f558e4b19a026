import { addDays } from '../domain/dates.ts';

// When cuts are taken: at the end (23:59, America/Mexico_City) of the 15th and of the last day of each month,
// as the fortnightly reports to parties and OPLs are dated. Mexico City kept daylight saving until 30 October
// 2022 and abolished it from 2023, so the offset comes from the runtime's time-zone data, never a constant.

/** The time zone that names cuts. */
export const CUT_TIME_ZONE = 'America/Mexico_City';

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: CUT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Mexico City calendar day and time of a moment: `{ date: 'YYYY-MM-DD', hour, minute }`. */
export function mexicoCityTime(moment: Date | number): { date: string; hour: number; minute: number } {
  const parts = Object.fromEntries(localParts.formatToParts(new Date(moment)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Whether a day is one that names a cut: the 15th or the last day of its month. */
export function isCutDay(date: string): boolean {
  return date.endsWith('-15') || addDays(date, 1).endsWith('-01');
}

/** The last day on which a process takes scheduled cuts: election day, else 90 days after registration closes. */
export function lastCutDay(process: { registration_closes: string; election_day: string | null }): string {
  return process.election_day ?? addDays(process.registration_closes, 90);
}

/**
 * The cut a scheduled run at `moment` must take, or null: the Mexico City day when it is 23:59 there on a cut day
 * (the cron fires at minute 59 of the two UTC hours that can be 23:59 in Mexico City, with and without DST).
 */
export function scheduledCutDate(moment: Date | number): string | null {
  const { date, hour, minute } = mexicoCityTime(moment);
  return hour === 23 && minute === 59 && isCutDay(date) ? date : null;
}

/** Whether a process takes a scheduled cut on `date`: from registration opening to its last cut day. */
export function takesCutOn(
  process: { registration_opens: string; registration_closes: string; election_day: string | null },
  date: string,
): boolean {
  return date >= process.registration_opens && date <= lastCutDay(process);
}

/** The scheduled cut days of a window, oldest first (the demo loader takes the reports' ones while loading). */
export function cutDaysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) if (isCutDay(day)) out.push(day);
  return out;
}
