import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eachDay } from '../../functions/domain/dates.ts';
import { type FinderProcess, isBetweenElections, nextStep, phaseOf, processesFor } from './finder.ts';
import { planBackwards } from './planner.ts';

const gov = { es: 'Gubernatura', en: 'Governor' };
const local: FinderProcess = {
  slug: 'pel-2022-2023',
  name: { es: 'PEL 2022-2023', en: '2022-2023' },
  registration_opens: '2022-09-01',
  registration_closes: '2023-03-10',
  correction_deadline: '2023-03-24',
  election_day: '2023-06-04',
  modalities: ['postal', 'internet', 'presencial'],
  states: { '05': { offices: [gov] }, '15': { offices: [gov] } },
  national_offices: [],
};
const federal: FinderProcess = {
  ...local,
  slug: 'pef-2023-2024',
  registration_opens: '2023-09-01',
  registration_closes: '2024-02-20',
  election_day: '2024-06-02',
  states: { '09': { offices: [{ es: 'Jefatura de Gobierno', en: 'Head of Government' }] } },
  national_offices: [{ es: 'Presidencia', en: 'President' }],
};

describe('dates', () => {
  it('adds and counts calendar days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2023-12-25', '2024-01-01')).toBe(7);
    expect(daysBetween('2024-01-01', '2023-12-25')).toBe(-7);
    expect(eachDay('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2024-03-01', '2024-03-01')).toEqual(['2024-03-01']);
    expect(eachDay('2024-03-02', '2024-03-01')).toEqual([]);
  });
});

describe('finder', () => {
  it('places a process in its phase on each side of every boundary', () => {
    expect(phaseOf(local, '2022-08-31')).toBe('upcoming');
    expect(phaseOf(local, '2022-09-01')).toBe('open');
    expect(phaseOf(local, '2023-03-10')).toBe('open');
    expect(phaseOf(local, '2023-03-11')).toBe('closed');
    expect(phaseOf(local, '2023-06-04')).toBe('closed');
    expect(phaseOf(local, '2023-06-05')).toBe('past');
  });

  it('lists only the processes that concern a state, with federal offices before local ones', () => {
    expect(processesFor('24', [local, federal], '2023-10-01').map((r) => r.process.slug)).toEqual(['pef-2023-2024']);
    const cdmx = processesFor('09', [local, federal], '2023-10-01');
    expect(cdmx).toHaveLength(1);
    expect(cdmx[0]?.offices.map((o) => o.es)).toEqual(['Presidencia', 'Jefatura de Gobierno']);
    expect(processesFor('05', [local, federal], '2023-10-01').map((r) => r.process.slug)).toEqual([
      'pef-2023-2024',
      'pel-2022-2023',
    ]);
  });

  it('counts down to the close of an open process and up to the opening of an upcoming one', () => {
    const [open] = processesFor('15', [local], '2023-03-01');
    expect(open).toMatchObject({ phase: 'open', days: 9 });
    const [soon] = processesFor('15', [local], '2022-08-22');
    expect(soon).toMatchObject({ phase: 'upcoming', days: 10 });
    const [over] = processesFor('15', [local], '2024-01-01');
    expect(over).toMatchObject({ phase: 'past', days: null });
  });

  it('sorts open processes first, then upcoming, then the most recent past ones', () => {
    const future = {
      ...local,
      slug: 'future',
      registration_opens: '2024-09-01',
      registration_closes: '2025-03-01',
      election_day: '2025-06-01',
    };
    const order = processesFor('05', [local, future, federal], '2024-01-10').map((r) => `${r.process.slug}:${r.phase}`);
    expect(order).toEqual(['pef-2023-2024:open', 'future:upcoming', 'pel-2022-2023:past']);
  });

  it('picks the next step from the phase and the credential', () => {
    const steps = (
      ['open none', 'open cpve', 'open nacional', 'upcoming none', 'upcoming cpve', 'closed cpve', 'past cpve'] as const
    ).map((pair) => nextStep(...(pair.split(' ') as Parameters<typeof nextStep>)));
    expect(steps.join(' ')).toBe(
      'get-credential-now register-now register-now get-credential prepare wait-for-election next-election',
    );
  });
});

describe('planner', () => {
  it('works back from the deadline: margin, activation, then delivery by region', () => {
    const plan = planBackwards('2024-02-20', 'north-america', '2023-10-01');
    expect(plan.lastRegisterDay).toBe('2024-02-13');
    expect(plan.lastActivationDay).toBe('2024-02-11');
    expect(plan.lastAppointmentDay).toBe('2024-01-07');
    expect(plan.daysLeft).toBe(98);
    expect(plan.status).toBe('on-time');
    expect(planBackwards('2024-02-20', 'rest-of-world', '2023-10-01').lastAppointmentDay).toBe('2023-12-24');
  });

  it('says tight within two weeks, too late after the last safe day, closed after the deadline', () => {
    expect(planBackwards('2024-02-20', 'north-america', '2023-12-30').status).toBe('tight');
    expect(planBackwards('2024-02-20', 'north-america', '2024-01-08').status).toBe('too-late');
    expect(planBackwards('2024-02-20', 'north-america', '2024-02-21').status).toBe('closed');
  });

  it('takes the reader’s own delivery estimate', () => {
    expect(planBackwards('2024-02-20', 'north-america', '2023-10-01', 3).lastAppointmentDay).toBe('2024-01-21');
  });
});

describe('isBetweenElections', () => {
  it('is true once every window has closed, and false while one is open or announced with dates', () => {
    expect(isBetweenElections([local, federal], '2026-11-30')).toBe(true);
    expect(isBetweenElections([local, federal], '2024-01-15')).toBe(false);
    expect(isBetweenElections([local], '2022-08-01')).toBe(false);
    expect(isBetweenElections([], '2026-11-30')).toBe(true);
  });

  it('counts the weeks between a window closing and election day as between elections (nobody can register)', () => {
    expect(isBetweenElections([federal], '2024-04-01')).toBe(true);
  });
});
