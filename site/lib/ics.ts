// iCalendar (RFC 5545 + RFC 7986) files of a process's deadlines: all-day events that any calendar app imports
// or subscribes to. ical-generator writes the calendar; ical.js adds what ical-generator cannot (see below).
import ICAL from 'ical.js';
import ical, {
  escape as escapeText,
  ICalAlarmType,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { addDays } from '../../functions/domain/dates.ts';

/** One all-day entry of the calendar. */
export interface CalendarDay {
  /** Stable across builds and date changes: subscribers match entries by it. */
  uid: string;
  date: string;
  summary: string;
  description: string;
  /** How many times this date changed since first published (RFC 5545 SEQUENCE; 0 for an unchanged date). */
  sequence: number;
  /** The source gives the date as planned, not confirmed (STATUS:TENTATIVE instead of CONFIRMED). */
  tentative: boolean;
  /** Remind this many days before (deadlines only). */
  alarmDaysBefore?: number;
}

/** What describes the calendar as a whole (RFC 7986 calendar properties). */
export interface CalendarHeader {
  name: string;
  description: string;
  lang: string;
  /** The calendar's own address (SOURCE), where a subscribed app refreshes it. */
  source: string;
  /** The page that explains the calendar (URL). */
  url: string;
  /** YYYY-MM-DD: the DTSTAMP of every entry, so builds of one day are identical. */
  stamp: string;
}

/** Subscribed apps fetch again once a day (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 24 * 60 * 60;
/** The site's brand colour: hex for Apple's X-APPLE-CALENDAR-COLOR, a CSS3 name for RFC 7986 COLOR (TEXT). */
const BRAND_HEX = '#0B5D4B';
const BRAND_CSS_NAME = 'teal';

const utcDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The calendar as ical-generator writes it (every RFC 5545 property and the RFC 7986 ones it knows). */
function generate(header: CalendarHeader, days: CalendarDay[]): string {
  // ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC as given, so their TEXT escaping is ours to do.
  const calendar = ical({
    prodId: '//Voto Extranjero//Calendario//ES',
    name: escapeText(header.name, false),
    description: escapeText(header.description, false),
    source: header.source,
    url: header.url,
    ttl: REFRESH_SECONDS,
    color: BRAND_HEX,
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
  });
  for (const day of days) {
    const event = calendar.createEvent({
      id: day.uid,
      sequence: day.sequence,
      stamp: utcDay(header.stamp),
      start: utcDay(day.date),
      end: utcDay(addDays(day.date, 1)),
      allDay: true,
      summary: day.summary,
      description: day.description,
      transparency: ICalEventTransparency.TRANSPARENT,
      status: day.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
    if (day.alarmDaysBefore)
      event.createAlarm({
        type: ICalAlarmType.display,
        description: day.summary,
        trigger: day.alarmDaysBefore * REFRESH_SECONDS,
      });
  }
  return calendar.toString();
}

/**
 * Renders the calendar. ical-generator has no RFC 7986 calendar DESCRIPTION nor COLOR (it writes the older
 * X-WR-CALDESC and X-APPLE-CALENDAR-COLOR, and its x() takes only X- names) nor the LANGUAGE parameter, so those
 * are added through ical.js's component model, which also escapes and folds what it writes (RFC 5545 §3.1).
 */
export function renderCalendar(header: CalendarHeader, days: CalendarDay[]): string {
  const calendar = new ICAL.Component(ICAL.parse(generate(header, days)));
  calendar.addPropertyWithValue('description', header.description);
  calendar.addPropertyWithValue('color', BRAND_CSS_NAME);
  for (const event of calendar.getAllSubcomponents('vevent'))
    for (const name of ['summary', 'description']) event.getFirstProperty(name)?.setParameter('language', header.lang);
  return `${calendar.toString()}\r\n`;
}
