// The deadlines of a process for one state (or all), as calendar entries in the reader's language.
import { fill } from '../../functions/dashboard/format.ts';
import { ENTITIES, type EntityCode } from '../../functions/domain/entities.ts';
import type { Lang } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/ui.ts';
import { type CalendarDay, renderCalendar } from './ics.ts';
import { planBackwards } from './planner.ts';
import type { ProcessDefinition } from './processes.ts';

/** The `.ics` text of a process's dates for people from `entity` (or every state when null). */
export function processCalendar(
  process: ProcessDefinition,
  entity: EntityCode | null,
  lang: Lang,
  stamp: string,
): string {
  const t = useTranslations(lang);
  const where = entity ? ENTITIES[entity][lang] : t('calendar.allStates');
  const offices = entity
    ? [...process.national_offices, ...(process.states[entity]?.offices ?? [])].map((office) => office[lang]).join(', ')
    : t('calendar.seeStates');
  const name = process.name[lang];
  const uid = (what: string) => `${process.slug}-${entity ?? 'todos'}-${what}-${lang}@votoextranjero`;
  const values = { process: name, state: where, offices };
  const plan = planBackwards(process.registration_closes, 'north-america', process.registration_opens);
  const days: CalendarDay[] = [
    {
      uid: uid('opens'),
      date: process.registration_opens,
      summary: fill(t('calendar.opens'), values),
      description: fill(t('calendar.opens.body'), values),
    },
    {
      uid: uid('credential'),
      date: plan.lastAppointmentDay,
      summary: fill(t('calendar.credential'), values),
      description: fill(t('calendar.credential.body'), values),
      alarmDaysBefore: 14,
    },
    {
      uid: uid('closes'),
      date: process.registration_closes,
      summary: fill(t('calendar.closes'), values),
      description: fill(t('calendar.closes.body'), values),
      alarmDaysBefore: 7,
    },
  ];
  if (process.correction_deadline) {
    days.push({
      uid: uid('correction'),
      date: process.correction_deadline,
      summary: fill(t('calendar.correction'), values),
      description: fill(t('calendar.correction.body'), values),
      alarmDaysBefore: 3,
    });
  }
  if (process.election_day) {
    days.push({
      uid: uid('election'),
      date: process.election_day,
      summary: fill(t('calendar.election'), values),
      description: fill(t('calendar.election.body'), values),
    });
  }
  return renderCalendar(`${name} · ${where}`, lang, stamp, days);
}
