// The registration vocabulary's rules: age bands, calendar dates, process definitions and slugs, with the words
// the API answers with when one is broken.
import { describe, expect, it } from 'vitest';
import { ageBand, isoDate, processBodySchema, processSlugSchema } from './registration.ts';

const PROCESS = {
  name: { es: 'Proceso', en: 'Process' },
  registration_opens: '2023-09-01',
  registration_closes: '2024-02-25',
  election_day: '2024-06-02',
  entities: ['05', '15'],
  modalities: ['postal', 'internet'],
};

/** The [path, message] of every problem with a process body. */
const problems = (body: unknown) => {
  const result = processBodySchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('age bands', () => {
  it('put 18 and 19 on their own, then five years a band, and 65 and over together', () => {
    const ages = [18, 19, 20, 24, 25, 29, 30, 44, 45, 59, 60, 64, 65, 130];
    expect(ages.map(ageBand)).toEqual([
      '18',
      '19',
      '20-24',
      '20-24',
      '25-29',
      '25-29',
      '30-34',
      '40-44',
      '45-49',
      '55-59',
      '60-64',
      '60-64',
      '65+',
      '65+',
    ]);
  });
});

describe('dates', () => {
  it('take real calendar days written YYYY-MM-DD only', () => {
    const ok = (value: string) => isoDate.safeParse(value).success;
    expect(['2024-02-29', '2023-12-31', '2000-02-29'].every(ok)).toBe(true);
    // None of these passes: the list of those that do is empty.
    expect(
      ['2023-02-29', '2023-02-30', '2023-13-01', '2023-1-01', ' 2023-01-01', '2023-01-01T00:00'].filter(ok),
    ).toEqual([]);
  });
});

describe('a process definition', () => {
  it('is taken as sent, with no illustrative parts by default', () => {
    expect(processBodySchema.parse(PROCESS)).toEqual({ ...PROCESS, illustrative: [] });
    expect(processBodySchema.parse({ ...PROCESS, election_day: null, illustrative: ['daily'] })).toMatchObject({
      election_day: null,
      illustrative: ['daily'],
    });
    // A one-day window whose election is that very day, and the longest window, are fine.
    const oneDay = { registration_opens: '2024-01-01', registration_closes: '2024-01-01', election_day: '2024-01-01' };
    expect(problems({ ...PROCESS, ...oneDay })).toEqual([]);
    expect(problems({ ...PROCESS, registration_opens: '2022-02-24', election_day: null })).toEqual([]);
  });

  it('names each broken rule with its field', () => {
    expect(problems({ ...PROCESS, name: { es: '  ', en: 'x'.repeat(201) } })).toEqual([
      ['name.es', 'is required'],
      ['name.en', 'must be at most 200 characters'],
    ]);
    expect(problems({ ...PROCESS, entities: [], modalities: [] })).toEqual([
      ['entities', 'must list at least one state'],
      ['modalities', 'must list at least one modality'],
    ]);
    expect(problems({ ...PROCESS, entities: ['05', '05'], modalities: ['postal', 'postal'] })).toEqual([
      ['entities', 'must not repeat a state'],
      ['modalities', 'must not repeat a modality'],
    ]);
    expect(problems({ ...PROCESS, entities: ['33'], modalities: ['fax'], illustrative: ['total'] })).toEqual([
      ['entities.0', 'must be a two-digit INEGI state code, 01 to 32'],
      ['modalities.0', 'must be postal, internet or presencial'],
      ['illustrative.0', 'must list only daily'],
    ]);
    expect(problems({ ...PROCESS, illustrative: ['daily', 'daily'] })).toEqual([
      ['illustrative', 'must not repeat a part'],
    ]);
    expect(problems({ ...PROCESS, extra: 1 }).map(([path]) => path)).toEqual(['']);
  });

  it('keeps the dates in order and the window at most two years', () => {
    expect(problems({ ...PROCESS, registration_opens: '2024-02-26' })).toEqual([
      ['registration_closes', 'must be on or after registration_opens'],
    ]);
    expect(problems({ ...PROCESS, registration_opens: '2022-02-23', election_day: null })).toEqual([
      ['registration_closes', 'must be at most 731 days after registration_opens'],
    ]);
    expect(problems({ ...PROCESS, election_day: '2024-02-24' })).toEqual([
      ['election_day', 'must be on or after registration_closes'],
    ]);
  });
});

describe('a process slug', () => {
  it('is 2 to 63 lower-case letters, digits and dashes, not starting with a dash', () => {
    const ok = (slug: string) => processSlugSchema.safeParse(slug).success;
    expect(['pel-2023-2024', 'ab', '0x', `a${'b'.repeat(62)}`].every(ok)).toBe(true);
    expect(['a', '-ab', 'Ab', 'a_b', `a${'b'.repeat(63)}`, 'ab\n'].filter(ok)).toEqual([]);
    expect(processSlugSchema.safeParse('A').error?.issues[0]?.message).toBe(
      'must be 2-63 characters: lower-case letters, digits and -',
    );
  });
});
