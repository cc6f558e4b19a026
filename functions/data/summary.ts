import { eachDay } from '../domain/dates.ts';
import { AGE_BANDS, CHANNELS, CREDENTIALS, MODALITIES, type Scope, SEXES, STATUSES } from '../domain/registration.ts';
import type { ProcessRecord } from './processes.ts';

/** The figures of `GET …/summary` (public contract). */
export interface Summary {
  process: Pick<ProcessRecord, 'slug' | 'name' | 'registration_opens' | 'registration_closes' | 'election_day'>;
  scope: Scope;
  filters: { entity: string | null; country: string | null };
  as_of: string | null;
  total: number;
  by_channel: Record<string, number>;
  by_credential: Record<string, number>;
  by_sex: Record<string, number>;
  by_age_band: Record<string, number>;
  by_modality: Record<string, number>;
  by_status: Record<string, number>;
  by_entity: Record<string, number>;
  by_country: Record<string, number>;
  daily: { date: string; count: number }[];
}

/** A read's result plus what it cost in D1 rows (shown in `Server-Timing`). */
export interface Measured<T> {
  value: T;
  rowsRead: number;
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

/** Reads a summary from the rollups: one indexed range, a few hundred rows at any volume. */
export async function readSummary(
  db: D1Database,
  process: ProcessRecord,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
): Promise<Measured<Summary>> {
  const result = await db
    .prepare(
      `SELECT dimension, bucket, count FROM registration_rollups
       WHERE process = ? AND scope = ? AND entity = ? AND country = ? AND count <> 0`,
    )
    .bind(process.slug, scope, filters.entity ?? '*', filters.country ?? '*')
    .all<{ dimension: string; bucket: string; count: number }>();
  const summary: Summary = {
    process: {
      slug: process.slug,
      name: process.name,
      registration_opens: process.registration_opens,
      registration_closes: process.registration_closes,
      election_day: process.election_day,
    },
    scope,
    filters,
    as_of: process.as_of,
    total: 0,
    by_channel: zeros(CHANNELS),
    by_credential: zeros(CREDENTIALS),
    by_sex: zeros(SEXES),
    by_age_band: zeros(AGE_BANDS),
    by_modality: zeros(MODALITIES),
    by_status: zeros(STATUSES),
    by_entity: {},
    by_country: {},
    daily: [],
  };
  const days = new Map<string, number>();
  const entities: [string, number][] = [];
  const countries: [string, number][] = [];
  for (const { dimension, bucket, count } of result.results) {
    if (dimension === 'total') summary.total = count;
    else if (dimension === 'day') days.set(bucket, count);
    else if (dimension === 'entity') entities.push([bucket, count]);
    else if (dimension === 'country') countries.push([bucket, count]);
    else if (dimension === 'age_band') summary.by_age_band[bucket] = count;
    else {
      const key = `by_${dimension}` as 'by_channel' | 'by_credential' | 'by_sex' | 'by_modality' | 'by_status';
      if (key in summary) summary[key][bucket] = count;
    }
  }
  const ranked = (list: [string, number][]) => Object.fromEntries(list);
  summary.by_entity = filters.entity
    ? ranked(summary.total ? [[filters.entity, summary.total]] : [])
    : ranked(entities);
  summary.by_country = filters.country
    ? ranked(summary.total ? [[filters.country, summary.total]] : [])
    : ranked(countries);
  summary.daily = fillDays(days);
  return { value: summary, rowsRead: result.meta.rows_read ?? result.results.length };
}

/** Every day from the first to the last with applications, zeros included. */
export function fillDays(days: Map<string, number>): { date: string; count: number }[] {
  const sorted = [...days.keys()].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  return eachDay(first, last).map((date) => ({ date, count: days.get(date) ?? 0 }));
}

/** Country × state counts for the countries table: per country, its total and each state's count. */
export async function readCountryEntityTable(
  db: D1Database,
  process: ProcessRecord,
  scope: Scope,
): Promise<Measured<{ country: string; total: number; entities: Record<string, number> }[]>> {
  const result = await db
    .prepare(
      `SELECT entity, bucket AS country, count FROM registration_rollups
       WHERE process = ? AND scope = ? AND country = '*' AND dimension = 'country' AND count <> 0`,
    )
    .bind(process.slug, scope)
    .all<{ entity: string; country: string; count: number }>();
  const byCountry = new Map<string, { country: string; total: number; entities: Record<string, number> }>();
  for (const { entity, country, count } of result.results) {
    const row = byCountry.get(country) ?? { country, total: 0, entities: {} };
    if (entity === '*') row.total = count;
    else row.entities[entity] = count;
    byCountry.set(country, row);
  }
  // Largest first, code as tie-break: the contract's order for the countries table.
  const rows = [...byCountry.values()].sort((a, b) => b.total - a.total || a.country.localeCompare(b.country));
  return { value: rows, rowsRead: result.meta.rows_read ?? result.results.length };
}

/** The daily series with its running total (timeline chart, its table and its CSV). */
export function withCumulative(
  daily: readonly { date: string; count: number }[],
): { date: string; count: number; cumulative: number }[] {
  let running = 0;
  return daily.map((day) => {
    running += day.count;
    return { ...day, cumulative: running };
  });
}
