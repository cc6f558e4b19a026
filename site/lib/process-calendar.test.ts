import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { processSchema } from '../content/schemas.ts';
import { processCalendar } from './process-calendar.ts';
import type { ProcessDefinition } from './processes.ts';

/** A process whose registration deadline moved twice and whose election day is only planned. */
const PROCESS: ProcessDefinition = {
  slug: 'pel-prueba',
  ...processSchema.parse({
    name: { es: 'Proceso de prueba', en: 'Test process' },
    kind: 'local',
    registration_opens: '2026-09-01',
    registration_closes: '2027-03-10',
    correction_deadline: null,
    election_day: '2027-06-06',
    modalities: ['postal'],
    states: { '05': { offices: [{ es: 'Gubernatura', en: 'Governor' }] } },
    has_registration_data: false,
    tentative_dates: ['election_day'],
    date_changes: [
      { date: 'registration_closes', changed_on: '2026-10-01', previous: '2027-02-28' },
      { date: 'registration_closes', changed_on: '2026-11-15', previous: '2027-03-05' },
    ],
    sources: [
      {
        es: 'Fuente de prueba',
        en: 'Test source',
        dates: ['registration_opens', 'registration_closes', 'election_day'],
      },
    ],
  }),
};

const parse = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => ({
    uid: String(component.getFirstPropertyValue('uid')),
    sequence: Number(component.getFirstPropertyValue('sequence')),
    status: String(component.getFirstPropertyValue('status')),
    start: String(component.getFirstPropertyValue('dtstart')),
  }));

describe('a process calendar', () => {
  it('bumps SEQUENCE by each recorded change of the date an entry follows, and marks planned dates TENTATIVE', () => {
    // The credential day is worked back from registration_closes, so it follows that date's changes.
    expect(parse(processCalendar(PROCESS, '05', 'es', '2026-12-01', 'https://example.org'))).toEqual([
      { uid: 'pel-prueba-05-opens-es@votoextranjero', sequence: 0, status: 'CONFIRMED', start: '2026-09-01' },
      {
        uid: 'pel-prueba-05-credential-es@votoextranjero',
        sequence: 2,
        status: 'CONFIRMED',
        start: expect.any(String),
      },
      { uid: 'pel-prueba-05-closes-es@votoextranjero', sequence: 2, status: 'CONFIRMED', start: '2027-03-10' },
      { uid: 'pel-prueba-05-election-es@votoextranjero', sequence: 0, status: 'TENTATIVE', start: '2027-06-06' },
    ]);
  });

  it('names itself, points SOURCE at its own address and describes itself in the reader language', () => {
    const calendar = new ICAL.Component(
      ICAL.parse(processCalendar(PROCESS, null, 'en', '2026-12-01', 'https://example.org')),
    );
    expect(String(calendar.getFirstPropertyValue('source'))).toBe(
      'https://example.org/en/procesos/pel-prueba/todos.ics',
    );
    expect(String(calendar.getFirstPropertyValue('url'))).toBe('https://example.org/en/procesos/pel-prueba/');
    expect(String(calendar.getFirstPropertyValue('name'))).toBe('Test process · every state');
    expect(String(calendar.getFirstPropertyValue('description'))).toMatch(
      /^Test process: dates for people voting from abroad for every state/,
    );
  });

  it('refuses a tentative or changed date the process does not have', () => {
    const { slug: _slug, ...base } = PROCESS;
    const result = processSchema.safeParse({
      ...base,
      correction_deadline: null,
      tentative_dates: ['correction_deadline'],
      date_changes: [{ date: 'correction_deadline', changed_on: '2026-10-01', previous: '2026-12-01' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'tentative_dates',
      'date_changes.0.date',
    ]);
  });
});
