// How old a statement or a figure may be before the site stops speaking of it in the present tense. The build,
// the content check and (for the dashboard's labels) the Worker share these rules so they never disagree.
import { daysBetween } from '../../functions/domain/dates.ts';

/** Days a checked statement ("no registration is open") may be printed in the present tense. */
export const STATEMENT_FRESH_DAYS = 90;

/** Days since the last change of a process's figures during which they may be called "live". */
export const FIGURES_LIVE_DAYS = 7;

/** Whether a statement checked on `checkedOn` is still printed as current on `today`, or "as of" its check. */
export function statementTense(checkedOn: string, today: string): 'current' | 'as-of' {
  return daysBetween(checkedOn, today) > STATEMENT_FRESH_DAYS ? 'as-of' : 'current';
}

/** Whether figures last changed on `lastChange` (null: never) may be called live on `today`. */
export function figuresAreLive(lastChange: string | null, today: string): boolean {
  if (!lastChange) return false;
  const age = daysBetween(lastChange, today);
  return age >= 0 && age <= FIGURES_LIVE_DAYS;
}

/**
 * The last day a process's figures can change as the build knows it: the end of INE's review of corrections,
 * else the close of registration (null while the calendar is unpublished). Figures are loaded as they arrive
 * until then, so the build day decides "live" against this day; the Worker knows the real last figure.
 */
export function lastFigureDay(process: {
  registration_opens: string | null;
  registration_closes: string | null;
  correction_deadline: string | null;
}): string | null {
  return process.correction_deadline ?? process.registration_closes;
}

/** Whether a process's figures can be live on `today`: its window has opened and changed within the last days. */
export function processFiguresLive(process: Parameters<typeof lastFigureDay>[0], today: string): boolean {
  const last = lastFigureDay(process);
  if (!process.registration_opens || !last || today < process.registration_opens) return false;
  // Inside the window figures arrive daily; after it, the last possible change decides.
  return today <= last || figuresAreLive(last, today);
}
