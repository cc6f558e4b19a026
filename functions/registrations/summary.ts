import type { z } from '@hono/zod-openapi';
import { eachDay } from '../domain/dates.ts';
import { AGE_BANDS, CHANNELS, CREDENTIALS, MODALITIES, type Scope, SEXES, STATUSES } from '../domain/registration.ts';
import type { ProcessRecord } from '../processes/store.ts';
import type { SummaryAnswer } from './answers.ts';
import { MIN_GROUP, ruleWithholds, WITHHELD_FIELDS, type WithheldField } from './small-groups.ts';

/** The figures of `GET …/summary` (public contract): the documented answer's own type. */
export type Summary = z.output<typeof SummaryAnswer>;

/** A read's result plus what it cost in D1 rows (shown in `Server-Timing`). */
export interface Measured<T> {
  value: T;
  rowsRead: number;
  /** The read's time inside SQLite (D1's own `duration`), when it is one statement. */
  sqlMs?: number;
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

/**
 * Where a read's rollups are: the live table, or a cut's frozen copy of it (same rows, same key order), as a
 * table and a key condition to start the WHERE with, and the values it binds.
 */
function rollupsOf(slug: string, cut: string | null): { table: string; key: string; binds: string[] } {
  return cut
    ? { table: 'registration_cut_rollups', key: 'process = ? AND cut = ?', binds: [slug, cut] }
    : { table: 'registration_rollups', key: 'process = ?', binds: [slug] };
}

/**
 * Reads a summary from the rollups (live, or of the cut named by `cut`) in one statement: one indexed range, a few
 * hundred rows at any volume, and one more row with what the version's stored disclosure audit decided for this
 * population (a point read); then applies the small-group rule (small, cross, complementary; held breakdowns with
 * their `breakdowns_as_of`). One statement, not a batch of two: the decision then costs no round trip of its own.
 */
export async function readSummary(
  db: D1Database,
  process: ProcessRecord,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
  cut: string | null = null,
): Promise<Measured<Summary>> {
  const { sql, binds } = summaryStatement(process.slug, scope, filters, cut);
  const result = await db
    .prepare(sql)
    .bind(...binds)
    .all<{ dimension: string; bucket: string; count: number } & Omit<Decision, 'audited'>>();
  const rows = result.results.filter((row) => row.dimension !== DECISION);
  const found = result.results.find((row) => row.dimension === DECISION);
  const decision: Decision | undefined = found && { ...found, audited: found.count };
  const summary = summaryOf(process, scope, filters, rows);
  const reason =
    ruleWithholds(summary.total, filters) ??
    (summary.total > 0 && (!decision?.audited || decision.reason === 'complementary') ? 'complementary' : null);
  if (reason) {
    for (const field of WITHHELD_FIELDS) summary[field] = null;
    summary.suppressed = { min_group: MIN_GROUP, reason, fields: [...WITHHELD_FIELDS] };
  } else if (decision?.breakdowns) {
    const held = summaryOf(process, scope, filters, heldRows(decision.breakdowns));
    for (const field of WITHHELD_FIELDS) (summary as Record<WithheldField, unknown>)[field] = held[field];
    summary.breakdowns_as_of = decision.breakdowns_as_of;
  }
  return { value: summary, rowsRead: result.meta.rows_read ?? result.results.length, sqlMs: result.meta.duration };
}

/** The rollup range of a population, binds ?1 process, ?2 version (`live` or the cut), ?3 scope, ?4 entity, ?5 country. */
function rangeSql(cut: string | null): string {
  const { table, key } = cut
    ? { table: 'registration_cut_rollups', key: 'process = ?1 AND cut = ?2' }
    : { table: 'registration_rollups', key: 'process = ?1' };
  return `SELECT dimension, bucket, count, NULL AS reason, NULL AS breakdowns, NULL AS breakdowns_as_of FROM ${table}
    WHERE ${key} AND scope = ?3 AND entity = ?4 AND country = ?5 AND count <> 0`;
}

const bindsOf = (
  slug: string,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
  cut: string | null,
) => [slug, cut ?? 'live', scope, filters.entity ?? '*', filters.country ?? '*'];

/**
 * The summary's one statement and its values (?1 process, ?2 version, ?3 scope, ?4 entity, ?5 country): readSummary
 * runs it through D1, and the benchmark runs the same text on the D1 file directly, beside the naive GROUP BY.
 */
export function summaryStatement(
  slug: string,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
  cut: string | null = null,
): { sql: string; binds: string[] } {
  return { sql: `${rangeSql(cut)} UNION ALL ${DECISION_SQL}`, binds: bindsOf(slug, scope, filters, cut) };
}

/**
 * The one indexed range of a population's rollup rows, without the decision row: the benchmark reads it alone, as
 * the summary's cost without the rule.
 */
export function populationRows(
  db: D1Database,
  slug: string,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
  cut: string | null = null,
): D1PreparedStatement {
  return db.prepare(rangeSql(cut)).bind(...bindsOf(slug, scope, filters, cut));
}

/** What the stored audit decided for one population of one version (see `version-audit.ts`). */
interface Decision {
  audited: number;
  reason: 'complementary' | null;
  breakdowns: string | null;
  breakdowns_as_of: string | null;
}

// The decision row's dimension: no rollup dimension starts with '~'.
const DECISION = '~decision';

/**
 * The decision row: whether the version has a stored audit (for live, of the write_seq being read: a batch whose
 * audit is not stored yet is withheld whole) in `count`, and the population's decision, if any.
 */
const DECISION_SQL = `SELECT '${DECISION}', '', a.audited, d.reason, d.breakdowns, d.breakdowns_as_of
  FROM (SELECT COUNT(*) AS audited FROM disclosure_audits a WHERE a.process = ?1 AND a.version = ?2
          AND (?2 <> 'live' OR a.write_seq = (SELECT write_seq FROM processes WHERE slug = ?1))) a
  LEFT JOIN disclosure_decisions d ON d.process = ?1 AND d.version = ?2 AND d.scope = ?3 AND d.entity = ?4
    AND d.country = ?5`;

const heldRows = (json: string) =>
  (JSON.parse(json) as [string, string, number][]).map(([dimension, bucket, count]) => ({ dimension, bucket, count }));

/** A summary from its rollup rows, every breakdown present (zeros included), before the small-group rule. */
export function summaryOf(
  process: ProcessRecord,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
  rows: readonly { dimension: string; bucket: string; count: number }[],
): Summary {
  // Filled below from the rollups; every category is present, zero when empty.
  const breakdowns = {
    by_channel: zeros(CHANNELS),
    by_credential: zeros(CREDENTIALS),
    by_sex: zeros(SEXES),
    by_age_band: zeros(AGE_BANDS),
    by_modality: zeros(MODALITIES),
    by_status: zeros(STATUSES),
  };
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
    updated_at: process.updated_at,
    total: 0,
    ...breakdowns,
    by_entity: {},
    by_country: {},
    daily: [],
  };
  const days = new Map<string, number>();
  const entities: [string, number][] = [];
  const countries: [string, number][] = [];
  for (const { dimension, bucket, count } of rows) {
    if (dimension === 'total') summary.total = count;
    else if (dimension === 'day') days.set(bucket, count);
    else if (dimension === 'entity') entities.push([bucket, count]);
    else if (dimension === 'country') countries.push([bucket, count]);
    else if (dimension === 'age_band') breakdowns.by_age_band[bucket] = count;
    else {
      const key = `by_${dimension}` as 'by_channel' | 'by_credential' | 'by_sex' | 'by_modality' | 'by_status';
      if (key in breakdowns) breakdowns[key][bucket] = count;
    }
  }
  const ranked = (list: [string, number][]) => Object.fromEntries(list);
  summary.by_entity = filters.entity
    ? ranked(summary.total ? [[filters.entity, summary.total]] : [])
    : ranked(entities);
  summary.by_country = filters.country
    ? ranked(summary.total ? [[filters.country, summary.total]] : [])
    : ranked(countries);
  // Only days inside the registration window are listed: batches are refused outside it, and a row stored before
  // that rule (or from a window that was later shortened) counts in the total but cannot stretch the series.
  for (const day of days.keys()) {
    if (day < process.registration_opens || day > process.registration_closes) days.delete(day);
  }
  summary.daily = fillDays(days);
  return summary;
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
  cut: string | null = null,
): Promise<Measured<{ country: string; total: number; entities: Record<string, number> }[]>> {
  const from = rollupsOf(process.slug, cut);
  const result = await db
    .prepare(
      `SELECT entity, bucket AS country, count FROM ${from.table}
       WHERE ${from.key} AND scope = ? AND country = '*' AND dimension = 'country' AND count <> 0`,
    )
    .bind(...from.binds, scope)
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
