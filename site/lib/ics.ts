// iCalendar (RFC 5545) files of a process's deadlines: all-day events that any calendar app imports.
import { addDays } from '../../functions/domain/dates.ts';

/** One all-day entry of the calendar. */
export interface CalendarDay {
  uid: string;
  date: string;
  summary: string;
  description: string;
  /** Remind this many days before (deadlines only). */
  alarmDaysBefore?: number;
}

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character, as RFC 5545 §3.1 requires. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (iso: string) => iso.replaceAll('-', '');

/** Renders a calendar named `name` in `lang`, stamped `stamp` (YYYY-MM-DD) so builds of one day are identical. */
export function renderCalendar(name: string, lang: string, stamp: string, days: CalendarDay[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Voto Extranjero//Calendario//ES',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const day of days) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${day.uid}`,
      `DTSTAMP:${compact(stamp)}T000000Z`,
      `DTSTART;VALUE=DATE:${compact(day.date)}`,
      `DTEND;VALUE=DATE:${compact(addDays(day.date, 1))}`,
      `SUMMARY;LANGUAGE=${lang}:${escapeText(day.summary)}`,
      `DESCRIPTION;LANGUAGE=${lang}:${escapeText(day.description)}`,
      'TRANSP:TRANSPARENT',
    );
    if (day.alarmDaysBefore) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(day.summary)}`,
        `TRIGGER:-P${day.alarmDaysBefore}D`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
