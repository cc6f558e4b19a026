// Splits events into upcoming and past around the publishing day.
import type { LocalizedEntry } from './content.ts';

/** Upcoming events soonest first, past events most recent first. An event is upcoming until its last day ends. */
export function splitEvents(events: LocalizedEntry<'events'>[], day: string) {
  const last = (event: LocalizedEntry<'events'>) => event.entry.data.end ?? event.entry.data.start;
  const upcoming = events
    .filter((event) => last(event) >= day)
    .sort((a, b) => a.entry.data.start.localeCompare(b.entry.data.start));
  const past = events
    .filter((event) => last(event) < day)
    .sort((a, b) => b.entry.data.start.localeCompare(a.entry.data.start));
  return { upcoming, past };
}
