import { listProcesses } from '../processes/store.ts';
import { auditLiveVersion, LIVE } from '../registrations/version-audit.ts';
import { scheduledCutDate, takesCutOn } from './calendar.ts';

// Taking a cut (by hand through the API, or by the cron): the write side of the cuts `processes/cut-store.ts` reads.

/** What taking a cut did: `created` false when one of that name already existed (nothing was written). */
export interface TakenCut {
  created: boolean;
  rowsWritten: number;
}

const total = (scope: string) =>
  `COALESCE((SELECT count FROM registration_rollups WHERE process = ?1 AND scope = '${scope}' AND entity = '*'
     AND country = '*' AND dimension = 'total' AND bucket = ''), 0)`;

/**
 * Freezes the process's figures under `date`: one transaction copies its non-zero rollups (not its applications,
 * so the cut's size is bounded by the rollup key space) with the headline, `as_of` and definition read in the
 * same transaction, so no batch can land between them. A cut of that name that exists is left as it was.
 */
export async function takeCut(db: D1Database, slug: string, date: string, takenAt: string): Promise<TakenCut> {
  // The cut carries the live version's stored audit: if a batch's audit is not stored yet, store it and try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await copyLive(db, slug, date, takenAt);
    } catch (error) {
      if (!/CHECK constraint failed/i.test(String(error)) || attempt >= 5) throw error;
      await auditLiveVersion(db, slug);
    }
  }
}

const cutIsNew = 'EXISTS (SELECT 1 FROM registration_cuts WHERE process = ?1 AND date = ?2 AND taken_at = ?3)';

async function copyLive(db: D1Database, slug: string, date: string, takenAt: string): Promise<TakenCut> {
  const [, head, rollups] = await db.batch([
    // Aborts unless the live version's audit is stored for exactly the rollups copied below.
    db
      .prepare(
        `INSERT OR REPLACE INTO ingest_guard (id, ok) VALUES (1, (SELECT COUNT(*) FROM disclosure_audits a
           JOIN processes p ON p.slug = a.process AND p.write_seq = a.write_seq WHERE a.process = ?1 AND a.version = ?2))`,
      )
      .bind(slug, LIVE),
    db
      .prepare(
        `INSERT INTO registration_cuts (process, date, taken_at, as_of, total, cumple, definition)
         SELECT slug, ?2, ?3, as_of, ${total('received')}, ${total('cumple')},
           json_object('name', json_object('es', name_es, 'en', name_en),
             'registration_opens', registration_opens, 'registration_closes', registration_closes,
             'election_day', election_day, 'entities', json(entities), 'modalities', json(modalities),
             'illustrative', json(illustrative))
         FROM processes WHERE slug = ?1
         ON CONFLICT (process, date) DO NOTHING`,
      )
      .bind(slug, date, takenAt),
    // Only the statement above's own cut gets rows: an existing cut of this name is never touched.
    db
      .prepare(
        `INSERT OR IGNORE INTO registration_cut_rollups (process, cut, scope, entity, country, dimension, bucket, count)
         SELECT process, ?2, scope, entity, country, dimension, bucket, count FROM registration_rollups
         WHERE process = ?1 AND count <> 0 AND ${cutIsNew}`,
      )
      .bind(slug, date, takenAt),
    // The cut publishes what the live version published: its audit and decisions, under the cut's date.
    db
      .prepare(
        `INSERT OR IGNORE INTO disclosure_audits (process, version, write_seq, as_of, populations, cells, rank, derivable,
           withheld, held, cell_counts, published, audited_at)
         SELECT process, ?2, write_seq, as_of, populations, cells, rank, derivable, withheld, held, cell_counts, published,
           audited_at FROM disclosure_audits WHERE process = ?1 AND version = ?4 AND ${cutIsNew}`,
      )
      .bind(slug, date, takenAt, LIVE),
    db
      .prepare(
        `INSERT OR IGNORE INTO disclosure_decisions (process, version, scope, entity, country, reason, breakdowns,
           breakdowns_as_of)
         SELECT process, ?2, scope, entity, country, reason, breakdowns, breakdowns_as_of FROM disclosure_decisions
         WHERE process = ?1 AND version = ?4 AND ${cutIsNew}`,
      )
      .bind(slug, date, takenAt, LIVE),
    // Live views show what changed since the latest cut: a new cut must give them new cache keys.
    db
      .prepare(`UPDATE processes SET data_version = data_version + 1 WHERE slug = ?1 AND ${cutIsNew}`)
      .bind(slug, date, takenAt),
  ]);
  const created = (head?.meta.changes ?? 0) > 0;
  return { created, rowsWritten: (head?.meta.rows_written ?? 0) + (rollups?.meta.rows_written ?? 0) };
}

/**
 * The scheduled cuts of a moment: when it is 23:59 in Mexico City on a cut day, takes that day's cut of every
 * process inside its cut period. Taking a cut that exists writes nothing, so a cron that fires twice is harmless.
 */
export async function takeScheduledCuts(
  db: D1Database,
  moment: number,
): Promise<{ date: string | null; taken: string[] }> {
  const date = scheduledCutDate(moment);
  if (!date) return { date, taken: [] };
  const taken: string[] = [];
  for (const process of await listProcesses(db)) {
    if (!takesCutOn(process, date)) continue;
    const { created } = await takeCut(db, process.slug, date, new Date(moment).toISOString());
    if (created) taken.push(process.slug);
  }
  return { date, taken };
}
