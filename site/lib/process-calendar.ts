// The deadlines of a process for one state (or all), as calendar entries in the reader's language.

import { ENTITIES, type EntityCode } from '../../functions/domain/entities.ts';
import { calendarPath, processPath } from '../content/routes.ts';
import type { PROCESS_DATES } from '../content/schemas.ts';
import { fill } from '../i18n/format.ts';
import type { Lang } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/ui.ts';
import { type CalendarDay, renderCalendar } from './ics.ts';
import { planBackwards } from './planner.ts';
import { isDated, type ProcessDefinition } from './processes.ts';

type ProcessDate = (typeof PROCESS_DATES)[number];

/** The process dates an entry follows: the credential day is worked back from the registration deadline. */
const FOLLOWS = {
  opens: 'registration_opens',
  credential: 'registration_closes',
  closes: 'registration_closes',
  correction: 'correction_deadline',
  election: 'election_day',
} as const satisfies Record<string, ProcessDate>;

/** How many times a date changed since first published: its entries' SEQUENCE. */
export function dateSequence(process: ProcessDefinition, date: ProcessDate): number {
  return process.date_changes.filter((change) => change.date === date).length;
}

/**
 * The `.ics` text of a process's dates for people from `entity` (or every state when null). A process announced
 * without dates gives a calendar with no events yet: a subscriber gains them when the dates are published.
 * `site` is the origin the calendar is published at (its SOURCE).
 */
export function processCalendar(
  process: ProcessDefinition,
  entity: EntityCode | null,
  lang: Lang,
  stamp: string,
  site: URL | string,
): string {
  const t = useTranslations(lang);
  const where = entity ? ENTITIES[entity][lang] : t('calendar.allStates');
  const offices = entity
    ? [...process.national_offices, ...(process.states[entity]?.offices ?? [])].map((office) => office[lang]).join(', ')
    : t('calendar.seeStates');
  const name = process.name[lang];
  const uid = (what: string) => `${process.slug}-${entity ?? 'todos'}-${what}-${lang}@votoextranjero`;
  const values = { process: name, state: where, offices };
  const plan = isDated(process)
    ? planBackwards(process.registration_closes, 'north-america', process.registration_opens)
    : null;
  // Each entry: its key (UID part and UI string prefix), its day (null when the process has none) and its reminder.
  const entries: [
    key: 'opens' | 'credential' | 'closes' | 'correction' | 'election',
    date: string | null,
    alarm?: number,
  ][] = [
    ['opens', process.registration_opens],
    ['credential', plan?.lastAppointmentDay ?? null, 14],
    ['closes', process.registration_closes, 7],
    ['correction', process.correction_deadline, 3],
    ['election', process.election_day],
  ];
  const days: CalendarDay[] = entries.flatMap(([key, date, alarm]) =>
    date
      ? [
          {
            uid: uid(key),
            date,
            sequence: dateSequence(process, FOLLOWS[key]),
            tentative: process.tentative_dates.includes(FOLLOWS[key]),
            summary: fill(t(`calendar.${key}`), values),
            description: fill(t(`calendar.${key}.body`), values),
            ...(alarm ? { alarmDaysBefore: alarm } : {}),
          },
        ]
      : [],
  );
  const header = {
    name: `${name} · ${where}`,
    description: fill(t('calendar.description'), values),
    lang,
    source: new URL(calendarPath(lang, process.slug, entity ?? 'todos'), site).href,
    url: new URL(processPath(lang, process.slug), site).href,
    stamp,
  };
  return renderCalendar(header, days);
}
