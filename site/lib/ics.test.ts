import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendar } from './ics.ts';

const HEADER = {
  name: 'Elecciones 2023-2024, Ciudad de México',
  description: 'Fechas del proceso; se actualiza, sola',
  lang: 'es',
  source: 'https://example.org/es/procesos/pef-2023-2024/09.ics',
  url: 'https://example.org/es/procesos/pef-2023-2024/',
  stamp: '2026-11-23',
};

const text = renderCalendar(HEADER, [
  {
    uid: 'pef-2023-2024-09-closes-es@votoextranjero',
    date: '2024-02-20',
    summary: 'Último día para registrarte, Ciudad de México',
    description: `Jefatura de Gobierno; Diputación migrante ${'é'.repeat(80)}`,
    sequence: 2,
    tentative: true,
    alarmDaysBefore: 7,
  },
  {
    uid: 'pef-2023-2024-09-election-es@votoextranjero',
    date: '2024-06-02',
    summary: 'Jornada electoral',
    description: 'Vota.',
    sequence: 0,
    tentative: false,
  },
]);
const calendar = new ICAL.Component(ICAL.parse(text));
const vevents = calendar.getAllSubcomponents('vevent');

describe('iCalendar files', () => {
  it('carries the RFC 7986 calendar properties, parsed back by ical.js', () => {
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // NAME and the X- names are not in ical.js's design, so it leaves their TEXT escapes; apps remove them.
    expect(String(calendar.getFirstPropertyValue('name'))).toBe('Elecciones 2023-2024\\, Ciudad de México');
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toBe('Elecciones 2023-2024\\, Ciudad de México');
    expect(calendar.getFirstPropertyValue('description')).toBe('Fechas del proceso; se actualiza, sola');
    expect(String(calendar.getFirstPropertyValue('source'))).toBe(HEADER.source);
    expect(String(calendar.getFirstPropertyValue('url'))).toBe(HEADER.url);
    expect(String(calendar.getFirstPropertyValue('color'))).toBe('teal');
    const refresh = calendar.getFirstProperty('refresh-interval');
    // ical.js reads VALUE=DURATION as the value's type and the value as a duration.
    expect(refresh?.type).toBe('duration');
    expect(refresh?.getFirstValue()?.toString()).toBe('P1D');
    expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n');
  });

  it('writes all-day events with stable UIDs, SEQUENCE, STATUS, language and the alarm', () => {
    const events = vevents.map((component) => new ICAL.Event(component));
    expect(
      events.map((event) => [event.uid, event.sequence, event.startDate.toString(), event.startDate.isDate]),
    ).toEqual([
      ['pef-2023-2024-09-closes-es@votoextranjero', 2, '2024-02-20', true],
      ['pef-2023-2024-09-election-es@votoextranjero', 0, '2024-06-02', true],
    ]);
    expect(events.map((event) => event.endDate.toString())).toEqual(['2024-02-21', '2024-06-03']);
    expect(vevents.map((event) => event.getFirstPropertyValue('status'))).toEqual(['TENTATIVE', 'CONFIRMED']);
    expect(vevents.map((event) => event.getFirstPropertyValue('transp'))).toEqual(['TRANSPARENT', 'TRANSPARENT']);
    expect(String(vevents[0]?.getFirstPropertyValue('dtstamp'))).toBe('2026-11-23T00:00:00Z');
    expect(events[0]?.summary).toBe('Último día para registrarte, Ciudad de México');
    expect(events[0]?.description).toBe(`Jefatura de Gobierno; Diputación migrante ${'é'.repeat(80)}`);
    expect(vevents[0]?.getFirstProperty('summary')?.getParameter('language')).toBe('es');
    expect(vevents[0]?.getFirstProperty('description')?.getParameter('language')).toBe('es');
    const alarms = vevents.map((event) => event.getFirstSubcomponent('valarm'));
    expect(alarms[0]?.getFirstPropertyValue('trigger')?.toString()).toBe('-P7D');
    expect(alarms[0]?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarms[1]).toBeNull();
  });

  it('folds lines at 75 octets without splitting characters and ends with CRLF', () => {
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
  });
});
