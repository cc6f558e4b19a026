// Over 250 lines on purpose: every property of the generated demo data is checked against the one generation of each process, made once at the top.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { daysBetween, eachDay } from '../../functions/domain/dates.ts';
import { ENTITIES, isEntityCode } from '../../functions/domain/entities.ts';
import type { ProcessBody } from '../../functions/domain/registration.ts';
import { feedBody } from '../../site/content/process-feed.ts';
import { processSchema } from '../../site/content/schemas.ts';
import { countryCode } from './countries.ts';
import { type Application, generateApplications, toCsv, toNdjson } from './generate.ts';
import {
  AGE_BANDS,
  ageBand,
  type CountDimension,
  entityCodeOf,
  PROCESS_SLUGS,
  type ProcessSlug,
  publishedCountryEntity,
  publishedCounts,
  publishedDates,
  publishedMeanAges,
} from './published.ts';

const EXPECTED_TOTAL: Record<ProcessSlug, number> = { 'pel-2020-2021': 6574, 'pel-2022-2023': 3641 };
const PRINTED_DIMENSIONS: Record<ProcessSlug, CountDimension[]> = {
  'pel-2020-2021': ['channel', 'credential', 'sex', 'age_band', 'modality', 'status'],
  'pel-2022-2023': ['channel', 'credential', 'sex', 'modality', 'status'],
};
const MEAN_AGES: Record<ProcessSlug, number> = { 'pel-2020-2021': 0, 'pel-2022-2023': 4 };

const generated = new Map<ProcessSlug, Application[]>(PROCESS_SLUGS.map((slug) => [slug, generateApplications(slug)]));

function appsOf(slug: ProcessSlug): Application[] {
  const apps = generated.get(slug);
  if (apps === undefined) throw new Error(`no generated applications for ${slug}`);
  return apps;
}

function inScope(apps: readonly Application[], scope: 'received' | 'meets_requirements'): Application[] {
  return scope === 'received' ? apps.slice() : apps.filter((a) => a.status === 'cumple');
}

/** The value of a record on the dimension a published count splits by. */
function categoryOf(app: Application, dimension: CountDimension): string {
  switch (dimension) {
    case 'channel':
      return app.channel;
    case 'credential':
      return app.credential;
    case 'sex':
      return app.sex;
    case 'age_band':
      return ageBand(app.age);
    case 'modality':
      return app.modality;
    case 'status':
      return app.status;
    case 'entity':
      return 'total';
  }
}

function processJson(slug: ProcessSlug): ProcessBody {
  const data = JSON.parse(readFileSync(new URL(`../../content/processes/${slug}.json`, import.meta.url), 'utf8'));
  return feedBody(processSchema.parse(data));
}

describe('name mappings', () => {
  it('maps report country names to ISO alpha-2 and rejects unknown ones', () => {
    expect(countryCode('Estados Unidos de América')).toBe('US');
    expect(countryCode('EUA')).toBe('US');
    expect(countryCode('Reino Unido')).toBe('GB');
    expect(countryCode('República de Corea')).toBe('KR');
    expect(countryCode('Hong Kong')).toBe('HK');
    expect(() => countryCode('Atlántida')).toThrow(/Atlántida/);
  });

  it('maps report state names to INEGI codes in any case and rejects unknown ones', () => {
    expect(entityCodeOf('Estado de México')).toBe('15');
    expect(entityCodeOf('ESTADO DE MÉXICO')).toBe('15');
    expect(entityCodeOf('Michoacán')).toBe('16');
    expect(entityCodeOf('Coahuila')).toBe('05');
    expect(entityCodeOf('SAN LUIS POTOSI')).toBe('24');
    expect(() => entityCodeOf('Gondor')).toThrow(/Gondor/);
  });

  it('puts ages in the public API bands', () => {
    expect([18, 19, 20, 24, 25, 64, 65, 130].map(ageBand)).toEqual([
      '18',
      '19',
      '20-24',
      '20-24',
      '25-29',
      '60-64',
      '65+',
      '65+',
    ]);
  });
});

describe.each(PROCESS_SLUGS)('%s', (slug) => {
  const apps = appsOf(slug);
  const dates = publishedDates(slug);
  const process = processJson(slug);

  it('prints the published total of applications', () => {
    expect(apps).toHaveLength(EXPECTED_TOTAL[slug]);
  });

  it('is deterministic (a second run is identical, byte for byte)', () => {
    const again = generateApplications(slug);
    expect(again).toEqual(apps);
    expect(toCsv(again)).toBe(toCsv(apps));
    expect(toNdjson(again)).toBe(toNdjson(apps));
  });

  it('writes CSV with the contract header and one line per record', () => {
    const lines = toCsv(apps).trimEnd().split('\n');
    expect(lines[0]).toBe('folio,received_on,country,entity,sex,age,modality,channel,credential,status');
    expect(lines).toHaveLength(apps.length + 1);
    const first = JSON.parse(toNdjson(apps).split('\n')[0] ?? '');
    expect(Object.keys(first)).toEqual(lines[0]?.split(','));
  });

  it('gives every record valid fields', () => {
    const entities = process.entities;
    const modalities = process.modalities;
    for (const a of apps) {
      const where = `${slug} ${a.folio}`;
      expect.soft(a.folio, `${where} folio`).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect.soft(a.received_on, `${where} received_on`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect
        .soft(
          a.received_on >= dates.registrationOpens && a.received_on <= dates.cutoff,
          `${where} received_on in window`,
        )
        .toBe(true);
      expect.soft(a.country, `${where} country`).toMatch(/^[A-Z]{2}$/);
      expect.soft(isEntityCode(a.entity) && entities.includes(a.entity), `${where} entity ${a.entity}`).toBe(true);
      expect.soft(['H', 'M', 'X'], `${where} sex`).toContain(a.sex);
      expect.soft(Number.isInteger(a.age) && a.age >= 18 && a.age <= 130, `${where} age ${a.age}`).toBe(true);
      expect.soft(modalities, `${where} modality`).toContain(a.modality);
      expect.soft(['srve', 'inetel'], `${where} channel`).toContain(a.channel);
      expect.soft(['cpve', 'cpv'], `${where} credential`).toContain(a.credential);
      expect.soft(['revision', 'cumple', 'subsane', 'improcedente'], `${where} status`).toContain(a.status);
    }
  });

  it('gives unique folios, issued in order of receipt', () => {
    expect(new Set(apps.map((a) => a.folio)).size).toBe(apps.length);
    const sorted = apps.slice().sort((a, b) => a.folio.localeCompare(b.folio));
    expect(sorted.map((a) => a.received_on)).toEqual(apps.map((a) => a.received_on).sort());
  });

  it('receives applications every day of the window up to the cut-off', () => {
    const perDay = new Map<string, number>();
    for (const a of apps) perDay.set(a.received_on, (perDay.get(a.received_on) ?? 0) + 1);
    for (const day of eachDay(dates.registrationOpens, dates.cutoff)) {
      expect.soft(perDay.get(day) ?? 0, `${slug} applications on ${day}`).toBeGreaterThan(0);
    }
    expect(perDay.size).toBe(daysBetween(dates.registrationOpens, dates.cutoff) + 1);
  });

  it('reproduces every cell of the country × entity tables', () => {
    const cells = publishedCountryEntity(slug);
    expect(cells.length).toBeGreaterThan(0);
    for (const scope of ['received', 'meets_requirements'] as const) {
      const scoped = cells.filter((c) => c.scope === scope);
      if (scoped.length === 0) continue;
      const actual = new Map<string, number>();
      for (const a of inScope(apps, scope))
        actual.set(`${a.country}/${a.entity}`, (actual.get(`${a.country}/${a.entity}`) ?? 0) + 1);
      for (const cell of scoped) {
        const key = `${cell.country}/${cell.entity}`;
        expect
          .soft(
            actual.get(key) ?? 0,
            `country × entity (${scope}): ${cell.countryName} (${cell.country}) × ${ENTITIES[cell.entity].es} (${cell.entity})`,
          )
          .toBe(cell.count);
        actual.delete(key);
      }
      // Nothing outside the printed table: every generated country/state pair is a printed cell.
      expect([...actual.keys()], `country × entity (${scope}): pairs not in the report`).toEqual([]);
    }
  });

  it('reproduces every cell of the breakdown tables', () => {
    const cells = publishedCounts(slug);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      const matching = inScope(apps, cell.scope).filter(
        (a) =>
          (cell.entity === null || a.entity === cell.entity) &&
          (cell.channel === null || a.channel === cell.channel) &&
          categoryOf(a, cell.dimension) === cell.category,
      );
      const where = [
        cell.entity === null ? 'all states' : ENTITIES[cell.entity].es,
        cell.channel ?? 'all channels',
      ].join(', ');
      expect
        .soft(
          matching.length,
          `breakdown ${cell.dimension} (${cell.scope}; ${where}): ${cell.category} "${cell.label}"`,
        )
        .toBe(cell.value);
    }
  });

  it('uses no category the report leaves out of a printed breakdown', () => {
    const cells = publishedCounts(slug);
    const dimensions = (['channel', 'credential', 'sex', 'age_band', 'modality', 'status'] as const).filter((d) =>
      cells.some((c) => c.dimension === d),
    );
    // registrations_breakdowns.csv: the 2022-2023 report prints no age bands (it gives mean ages instead).
    expect(dimensions).toEqual(PRINTED_DIMENSIONS[slug]);
    for (const dimension of dimensions) {
      const printed = new Set<string>(cells.filter((c) => c.dimension === dimension).map((c) => c.category));
      const used = new Set(apps.map((a) => categoryOf(a, dimension)));
      expect(
        [...used].filter((c) => !printed.has(c)),
        `${slug} ${dimension} categories outside the report`,
      ).toEqual([]);
    }
  });

  it('matches every printed mean age at the printed precision', () => {
    const cells = publishedMeanAges(slug);
    // registrations_breakdowns.csv: four mean ages in the 2022-2023 report (two states, two scopes), none in 2020-2021.
    expect(cells).toHaveLength(MEAN_AGES[slug]);
    for (const cell of cells) {
      const ages = inScope(apps, cell.scope)
        .filter((a) => a.entity === cell.entity)
        .map((a) => a.age);
      const mean = ages.reduce((s, x) => s + x, 0) / ages.length;
      expect
        .soft(Number(mean.toFixed(cell.decimals)), `mean age (${cell.scope}; ${ENTITIES[cell.entity].es}): ${mean}`)
        .toBe(cell.value);
    }
  });

  it('keeps ages in plausible public API bands', () => {
    const bands = new Set(apps.map((a) => ageBand(a.age)));
    for (const band of bands) expect(AGE_BANDS).toContain(band);
    expect(Math.max(...apps.map((a) => a.age))).toBeLessThan(100);
  });

  it('has a process definition that matches the report', () => {
    expect(Object.keys(process).sort()).toEqual(
      [
        'election_day',
        'entities',
        'illustrative',
        'modalities',
        'name',
        'registration_closes',
        'registration_opens',
      ].sort(),
    );
    // The content says nothing modelled; the loader (seed.ts) marks the generated daily series illustrative.
    expect(process.illustrative).toEqual([]);
    expect(process.registration_opens).toBe(dates.registrationOpens);
    expect(process.registration_closes).toBe(dates.registrationCloses);
    // The reports give 2021's election day; 2023's (4 June) comes from INE's calendar, cited in the file.
    if (dates.electionDay) expect(process.election_day).toBe(dates.electionDay);
    const entities = [...new Set(publishedCountryEntity(slug).map((c) => c.entity))].sort();
    expect(process.entities).toEqual(entities);
    const modalities = new Set(
      publishedCounts(slug)
        .filter((c) => c.dimension === 'modality')
        .map((c) => c.category),
    );
    expect(new Set(process.modalities)).toEqual(modalities);
  });
});
