import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './ics.ts';

describe('iCalendar files', () => {
  it('escapes text values and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(`DESCRIPTION:${'é'.repeat(80)}`);
  });

  it('parses back with ical.js: all-day events, alarm, accents and commas intact', () => {
    const text = renderCalendar('Elecciones 2023-2024, Ciudad de México', 'es', '2026-11-23', [
      {
        uid: 'pef-2023-2024-09-close@votoextranjero',
        date: '2024-02-20',
        summary: 'Último día para registrarte, Ciudad de México',
        description: 'Jefatura de Gobierno; Diputación migrante',
        alarmDaysBefore: 7,
      },
      {
        uid: 'pef-2023-2024-09-election@votoextranjero',
        date: '2024-06-02',
        summary: 'Jornada electoral',
        description: 'Vota.',
      },
    ]);
    const calendar = new ICAL.Component(ICAL.parse(text));
    // ical.js does not know X-WR-CALNAME's type, so it leaves the TEXT escape in place; calendar apps remove it.
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toBe('Elecciones 2023-2024\\, Ciudad de México');
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => [event.summary, event.startDate.toString(), event.startDate.isDate])).toEqual([
      ['Último día para registrarte, Ciudad de México', '2024-02-20', true],
      ['Jornada electoral', '2024-06-02', true],
    ]);
    expect(events[0]?.description).toBe('Jefatura de Gobierno; Diputación migrante');
    expect(
      calendar
        .getAllSubcomponents('vevent')[0]
        ?.getFirstSubcomponent('valarm')
        ?.getFirstPropertyValue('trigger')
        ?.toString(),
    ).toBe('-P7D');
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
