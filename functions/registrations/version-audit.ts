// Runs and stores the disclosure audit of a process's live version, right after a batch's rollups are written
// (same request). The batch's own transaction stays all or nothing; until this audit is stored, readers of the new
// version withhold every breakdown (fail closed: the stored audit names the write_seq it audited), and storing it
// moves data_version, so nothing answered in between stays cached.
import { forgetProcess } from '../processes/versions.ts';
import type { Figures } from './change-size.ts';
import { type CellRow, type Held, type PopulationKey, planPublication } from './publication-plan.ts';

/** The audit row of the live version. */
export const LIVE = 'live';

/**
 * Figures INE itself published at its reports' cut-off (`shared/data/registrations_breakdowns.csv`): national
 * breakdowns of received applications (both processes), of those meeting requirements and by state in both scopes
 * (2022-2023). At a version describing that day they are never withheld or held; the audit protects around them.
 */
const INE_PUBLISHED: Record<string, { cutOff: string; populations: PopulationKey[] }> = {
  'pel-2020-2021': { cutOff: '2020-11-30', populations: ['received|*|*'] },
  'pel-2022-2023': {
    cutOff: '2022-11-15',
    populations: ['received|*|*', 'cumple|*|*', 'received|05|*', 'cumple|05|*', 'received|15|*', 'cumple|15|*'],
  },
};

/** The populations pinned in a version: INE's own at its cut-off (hard), the national ones always (soft). */
function pinnedFor(slug: string, asOf: string | null): { pinned: Set<PopulationKey>; preferred: Set<PopulationKey> } {
  const ine = INE_PUBLISHED[slug];
  const pinned = new Set(ine && asOf?.slice(0, 10) === ine.cutOff ? ine.populations : []);
  return { pinned, preferred: new Set(['received|*|*', 'cumple|*|*']) };
}

type Row = [dimension: string, bucket: string, count: number];

interface RollupRow {
  scope: string;
  entity: string;
  country: string;
  dimension: string;
  bucket: string;
  count: number;
}

/** A population's figures from its rollup rows: the total and every attribute breakdown (daily included). */
function figuresFromRows(rows: readonly Row[]): Figures {
  const figures: Figures = { total: 0, breakdowns: {} };
  for (const [dimension, bucket, count] of rows) {
    if (dimension === 'total') {
      figures.total = count;
      continue;
    }
    const counts = figures.breakdowns[dimension] ?? {};
    counts[bucket] = count;
    figures.breakdowns[dimension] = counts;
  }
  return figures;
}

/** Rollup rows grouped by population. */
function rowsByPopulation(rows: readonly RollupRow[]): Map<PopulationKey, Row[]> {
  const grouped = new Map<PopulationKey, Row[]>();
  for (const row of rows) {
    const key = `${row.scope}|${row.entity}|${row.country}`;
    const list = grouped.get(key) ?? [];
    list.push([row.dimension, row.bucket, row.count]);
    grouped.set(key, list);
  }
  return grouped;
}

const CHUNK = 200;
const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Audits the live version of a process and stores the result, unless it is stored already or another batch wrote
 * in between (then that batch's own audit stores it). Returns the audit figures, or null when nothing was stored.
 */
export async function auditLiveVersion(db: D1Database, slug: string) {
  const head = db
    .prepare(
      `SELECT p.write_seq, p.as_of, a.write_seq AS audited FROM processes p
       LEFT JOIN disclosure_audits a ON a.process = p.slug AND a.version = ?2 WHERE p.slug = ?1`,
    )
    .bind(slug, LIVE);
  type Head = { write_seq: number; as_of: string | null; audited: number | null };
  const current = await head.first<Head>();
  if (!current || current.audited === current.write_seq) return null;
  // Read again with the rollups, in one snapshot: the audit describes exactly the rows it read.
  const [again, rollups, heldRows, previousRows, cutRows] = await db.batch<Record<string, unknown>>([
    head,
    db
      .prepare(
        `SELECT scope, entity, country, dimension, bucket, count FROM registration_rollups
         WHERE process = ? AND count <> 0 AND dimension NOT IN ('entity', 'country')
           AND (dimension = 'total' OR entity = '*' OR country = '*')`,
      )
      .bind(slug),
    db.prepare('SELECT scope, entity, country, breakdowns, as_of FROM disclosure_held WHERE process = ?').bind(slug),
    db
      .prepare('SELECT cell_counts, published FROM disclosure_audits WHERE process = ? AND version = ?')
      .bind(slug, LIVE),
    // The latest cut: readers compare live with it (the dashboard's "since the last cut"), so it is audited too.
    db
      .prepare(
        `SELECT cell_counts, published FROM disclosure_audits WHERE process = ? AND version <> ?
         ORDER BY version DESC LIMIT 1`,
      )
      .bind(slug, LIVE),
  ]);
  const process = again?.results[0] as Head | undefined;
  if (!process || process.audited === process.write_seq) return null;
  const all = (rollups?.results ?? []) as unknown as RollupRow[];
  const cumple = new Map<string, number>();
  const cells: CellRow[] = [];
  for (const row of all) {
    if (row.dimension !== 'total' || row.entity === '*' || row.country === '*') continue;
    if (row.scope === 'cumple') cumple.set(`${row.entity}|${row.country}`, row.count);
  }
  for (const row of all) {
    if (row.dimension !== 'total' || row.entity === '*' || row.country === '*' || row.scope !== 'received') continue;
    const met = cumple.get(`${row.entity}|${row.country}`) ?? 0;
    if (met > 0) cells.push(['cumple', row.entity, row.country, met]);
    if (row.count - met > 0) cells.push(['other', row.entity, row.country, row.count - met]);
  }
  const single = rowsByPopulation(all.filter((row) => row.entity === '*' || row.country === '*'));
  const figures = new Map([...single].map(([key, rows]) => [key, figuresFromRows(rows)]));
  const held = new Map<PopulationKey, Held>();
  for (const row of (heldRows?.results ?? []) as unknown as (RollupRow & {
    breakdowns: string;
    as_of: string | null;
  })[])
    held.set(`${row.scope}|${row.entity}|${row.country}`, {
      figures: figuresFromRows(JSON.parse(row.breakdowns)),
      as_of: row.as_of,
    });
  const previousRow = previousRows?.results[0] as { cell_counts: string; published: string } | undefined;
  const cutRow = cutRows?.results[0] as { cell_counts: string; published: string } | undefined;
  const plan = planPublication({
    earlier: cutRow ? [{ cells: JSON.parse(cutRow.cell_counts), published: JSON.parse(cutRow.published) }] : [],
    cells,
    figures,
    held,
    previous: previousRow
      ? { cells: JSON.parse(previousRow.cell_counts), published: JSON.parse(previousRow.published) }
      : null,
    ...pinnedFor(slug, process.as_of),
  });
  const decisions = [
    ...plan.complementary.map((key) => [...key.split('|'), 'complementary', null, null]),
    ...[...plan.held].map(([key, h]) => [...key.split('|'), null, JSON.stringify(rowsOf(h.figures)), h.as_of]),
  ];
  const fresh = plan.fresh.map((key) => [...key.split('|'), JSON.stringify(single.get(key) ?? [])]);
  const published = plan.fresh;
  const statements = [
    // Aborts if another batch wrote since the read above: that batch's audit stores the newer version.
    db
      .prepare(
        'INSERT OR REPLACE INTO ingest_guard (id, ok) VALUES (1, COALESCE((SELECT write_seq = ?2 FROM processes WHERE slug = ?1), 0))',
      )
      .bind(slug, process.write_seq),
    db.prepare('DELETE FROM disclosure_decisions WHERE process = ? AND version = ?').bind(slug, LIVE),
    ...chunks(decisions).map((chunk) =>
      db
        .prepare(
          `INSERT INTO disclosure_decisions (process, version, scope, entity, country, reason, breakdowns, breakdowns_as_of)
           SELECT ?1, ?2, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5
           FROM json_each(?3) j WHERE true`,
        )
        .bind(slug, LIVE, JSON.stringify(chunk)),
    ),
    ...chunks(fresh).map((chunk) =>
      db
        .prepare(
          `INSERT OR REPLACE INTO disclosure_held (process, scope, entity, country, breakdowns, as_of)
           SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, ?2 FROM json_each(?3) j WHERE true`,
        )
        .bind(slug, process.as_of, JSON.stringify(chunk)),
    ),
    db
      .prepare(
        `INSERT OR REPLACE INTO disclosure_audits (process, version, write_seq, as_of, populations, cells, rank, derivable,
           withheld, held, cell_counts, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        slug,
        LIVE,
        process.write_seq,
        process.as_of,
        plan.audit.populations,
        plan.audit.cells,
        plan.audit.rank,
        plan.audit.derivable,
        plan.audit.withheld,
        plan.audit.held,
        JSON.stringify(cells),
        JSON.stringify(published),
      ),
    // Answers cached while the version was not yet audited were withheld: a new data_version retires them.
    db.prepare('UPDATE processes SET data_version = data_version + 1 WHERE slug = ?').bind(slug),
  ];
  try {
    await db.batch(statements);
  } catch (error) {
    if (/CHECK constraint failed/i.test(String(error))) return null;
    throw error;
  }
  return plan.audit;
}

/**
 * Audits every live version that a batch left unaudited (a feed that sent `Disclosure-Audit: defer` and stopped
 * before its run's last batch): the minute's cron, so figures reflect an ingest within the contract's 60 seconds.
 * Returns the processes whose audit it stored.
 */
export async function auditUnauditedVersions(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT p.slug FROM processes p LEFT JOIN disclosure_audits a ON a.process = p.slug AND a.version = ?
       WHERE p.write_seq > 0 AND (a.write_seq IS NULL OR a.write_seq <> p.write_seq)`,
    )
    .bind(LIVE)
    .all<{ slug: string }>();
  const stored: string[] = [];
  for (const { slug } of results) {
    if (!(await auditLiveVersion(db, slug))) continue;
    // Its new data_version shows at once in this isolate (others' memos expire within seconds).
    forgetProcess(slug);
    stored.push(slug);
  }
  return stored;
}

function rowsOf(figures: Figures): Row[] {
  const rows: Row[] = [['total', '', figures.total]];
  for (const [dimension, counts] of Object.entries(figures.breakdowns))
    for (const [bucket, count] of Object.entries(counts ?? {})) rows.push([dimension, bucket, count]);
  return rows;
}
