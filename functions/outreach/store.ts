import type { z } from '@hono/zod-openapi';
import { NATURAL_KEYS, naturalKey, type OutreachKind, type OutreachRows, STORED_COLUMNS } from '../domain/outreach.ts';
import type { OutreachImportAnswer } from './answers.ts';

const TABLES: Record<OutreachKind, string> = {
  figures: 'outreach_figures',
  calls: 'outreach_inetel_calls',
  contacts: 'outreach_inetel_contacts',
};

/** What an import changed: rows new to the store, rows whose values changed, rows already stored as sent. */
export type ImportCounts = Pick<z.output<typeof OutreachImportAnswer>, 'inserted' | 'updated' | 'unchanged'>;

// D1 binds at most 100 parameters per statement; one row per statement keeps every row well under it.
function upsert(kind: OutreachKind): string {
  const columns = STORED_COLUMNS[kind];
  const keys = new Set<string>(NATURAL_KEYS[kind]);
  const updates = columns.filter((c) => !keys.has(c)).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${TABLES[kind]} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT (${NATURAL_KEYS[kind].join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}

function same(kind: OutreachKind, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return STORED_COLUMNS[kind].every((column) => a[column] === b[column]);
}

/**
 * Stores an import's rows in one transaction (all or nothing): a row whose natural key is stored replaces it.
 * Counts are taken against what was stored before, so sending the same file again changes nothing.
 */
export async function applyOutreach<K extends OutreachKind>(
  db: D1Database,
  kind: K,
  rows: OutreachRows[K][],
): Promise<ImportCounts> {
  const periods = [...new Set(rows.map((row) => `${row.period_start}|${row.period_end}`))];
  const stored = new Map<string, Record<string, unknown>>();
  for (const period of periods) {
    const [start, end] = period.split('|');
    const { results } = await db
      .prepare(`SELECT * FROM ${TABLES[kind]} WHERE period_start = ? AND period_end = ?`)
      .bind(start, end)
      .all<OutreachRows[K]>();
    for (const row of results) stored.set(naturalKey(kind, row), row as unknown as Record<string, unknown>);
  }
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const statement = db.prepare(upsert(kind));
  const writes: D1PreparedStatement[] = [];
  for (const row of rows) {
    const values = row as unknown as Record<string, unknown>;
    const before = stored.get(naturalKey(kind, row));
    if (before && same(kind, before, values)) {
      counts.unchanged += 1;
      continue;
    }
    if (before) counts.updated += 1;
    else counts.inserted += 1;
    writes.push(statement.bind(...STORED_COLUMNS[kind].map((column) => values[column] ?? null)));
  }
  // D1's batch is one transaction: a failure leaves the tables as they were.
  if (writes.length > 0) await db.batch(writes);
  return counts;
}

/** The stored rows of each kind whose report period lies within `from`–`to`, in the order they were imported. */
export async function readOutreach(
  db: D1Database,
  from: string,
  to: string,
): Promise<{ [K in OutreachKind]: OutreachRows[K][] }> {
  const read = async <K extends OutreachKind>(kind: K) =>
    (
      await db
        .prepare(
          `SELECT ${STORED_COLUMNS[kind].join(', ')} FROM ${TABLES[kind]}
           WHERE period_start >= ? AND period_end <= ? ORDER BY period_start, rowid`,
        )
        .bind(from, to)
        .all<OutreachRows[K]>()
    ).results;
  const [figures, calls, contacts] = await Promise.all([read('figures'), read('calls'), read('contacts')]);
  return { figures, calls, contacts };
}

/** Every report period stored, newest first, for the staff page's chooser. */
export async function outreachPeriods(db: D1Database): Promise<{ from: string; to: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT period_start AS "from", period_end AS "to" FROM outreach_figures
       UNION SELECT period_start, period_end FROM outreach_inetel_calls
       UNION SELECT period_start, period_end FROM outreach_inetel_contacts
       ORDER BY 1 DESC`,
    )
    .all<{ from: string; to: string }>();
  return results;
}
