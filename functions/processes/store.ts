import type { z } from '@hono/zod-openapi';
import type { ProcessBody } from '../domain/registration.ts';
import { utcNowSql } from '../shared/sql-time.ts';
import type { ProcessAnswer } from './answers.ts';

/** A process as the API shows it, but its links (the answer's own type: `present` in api.ts adds the links). */
export type ProcessRecord = Omit<z.output<typeof ProcessAnswer>, 'links'>;

interface ProcessRow {
  slug: string;
  name_es: string;
  name_en: string;
  registration_opens: string;
  registration_closes: string;
  election_day: string | null;
  entities: string;
  modalities: string;
  illustrative: string;
  data_version: number;
  as_of: string | null;
  updated_at: string;
  published: number;
  published_at: string | null;
}

function fromRow(row: ProcessRow): ProcessRecord {
  return {
    slug: row.slug,
    name: { es: row.name_es, en: row.name_en },
    registration_opens: row.registration_opens,
    registration_closes: row.registration_closes,
    election_day: row.election_day,
    entities: JSON.parse(row.entities),
    modalities: JSON.parse(row.modalities),
    illustrative: JSON.parse(row.illustrative ?? '[]'),
    data_version: row.data_version,
    as_of: row.as_of,
    updated_at: row.updated_at,
    published: row.published === 1,
    published_at: row.published_at,
  };
}

/** One process by slug, or null. */
export async function getProcess(db: D1Database, slug: string): Promise<ProcessRecord | null> {
  const row = await db.prepare('SELECT * FROM processes WHERE slug = ?').bind(slug).first<ProcessRow>();
  return row ? fromRow(row) : null;
}

/** Every process, the most recent registration window first. */
export async function listProcesses(db: D1Database): Promise<ProcessRecord[]> {
  const { results } = await db
    .prepare('SELECT * FROM processes ORDER BY registration_opens DESC, slug')
    .all<ProcessRow>();
  return results.map(fromRow);
}

/** States and modalities that have applications in a process (a replacement must keep them). */
export async function usedEntitiesAndModalities(
  db: D1Database,
  slug: string,
): Promise<{ entities: string[]; modalities: string[] }> {
  const { results } = await db
    .prepare(
      `SELECT dimension, bucket FROM registration_rollups
       WHERE process = ? AND scope = 'received' AND entity = '*' AND country = '*'
         AND dimension IN ('entity', 'modality') AND count > 0`,
    )
    .bind(slug)
    .all<{ dimension: string; bucket: string }>();
  return {
    entities: results.filter((r) => r.dimension === 'entity').map((r) => r.bucket),
    modalities: results.filter((r) => r.dimension === 'modality').map((r) => r.bucket),
  };
}

/**
 * Creates or replaces a process, and publishes it when `body.published` is true (a new one is unpublished
 * otherwise; an existing one keeps its state: publishing is never undone here). The data version moves only when
 * something shown changed, so cached figures and images stay valid after an identical PUT; a process created
 * again after a delete starts above the deleted one's. Returns whether it was created.
 */
export async function putProcess(db: D1Database, slug: string, body: ProcessBody): Promise<{ created: boolean }> {
  const values = [
    slug,
    body.name.es,
    body.name.en,
    body.registration_opens,
    body.registration_closes,
    body.election_day,
    JSON.stringify(body.entities),
    JSON.stringify(body.modalities),
    JSON.stringify(body.illustrative ?? []),
    body.published === true ? 1 : 0,
  ];
  const existed = await db.prepare('SELECT 1 FROM processes WHERE slug = ?').bind(slug).first();
  const upsert = db
    .prepare(
      `INSERT INTO processes (slug, name_es, name_en, registration_opens, registration_closes, election_day, entities, modalities, illustrative,
                              published, published_at, data_version)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CASE WHEN ?10 = 1 THEN ${utcNowSql()} END,
               COALESCE((SELECT data_version + 1 FROM deleted_processes WHERE slug = ?1), 0))
       ON CONFLICT (slug) DO UPDATE SET
         name_es = excluded.name_es, name_en = excluded.name_en,
         registration_opens = excluded.registration_opens, registration_closes = excluded.registration_closes,
         election_day = excluded.election_day, entities = excluded.entities, modalities = excluded.modalities,
         illustrative = excluded.illustrative,
         data_version = data_version + 1,
         updated_at = ${utcNowSql()}
       WHERE (name_es, name_en, registration_opens, registration_closes, election_day, entities, modalities, illustrative)
         IS NOT (excluded.name_es, excluded.name_en, excluded.registration_opens, excluded.registration_closes,
                 excluded.election_day, excluded.entities, excluded.modalities, excluded.illustrative)
         -- Checked in the same statement as the write, so no batch can land in between: a state or modality
         -- with applications is never dropped (the caller answers 409 when this leaves the row as it was).
         AND NOT EXISTS (
           SELECT 1 FROM registration_rollups
           WHERE process = ?1 AND scope = 'received' AND entity = '*' AND country = '*' AND count > 0
             AND ((dimension = 'entity' AND bucket NOT IN (SELECT value FROM json_each(?7)))
               OR (dimension = 'modality' AND bucket NOT IN (SELECT value FROM json_each(?8)))))`,
    )
    .bind(...values);
  const publish = db
    .prepare(
      `UPDATE processes SET published = 1, published_at = ${utcNowSql()} WHERE slug = ?1 AND published = 0 AND ?2 = 1`,
    )
    .bind(slug, values[9]);
  await db.batch([upsert, publish]);
  return { created: !existed };
}

// Every table that holds a process's data, children before the process itself (their foreign keys name it).
const PROCESS_TABLES = [
  'applications',
  'registration_rollups',
  'registration_cut_rollups',
  'registration_cuts',
  'ingest_batches',
  'outreach_inetel_calls',
  'outreach_inetel_contacts',
] as const;

/**
 * Removes an unpublished process and all its data in one transaction, remembering its last data version (so the
 * slug's next process starts above it). Returns `deleted` false when there was no such process, `published` true
 * (and removes nothing) when it is published: published figures are never withdrawn.
 */
export async function deleteProcess(db: D1Database, slug: string): Promise<{ deleted: boolean; published: boolean }> {
  const row = await db
    .prepare('SELECT published FROM processes WHERE slug = ?')
    .bind(slug)
    .first<{ published: number }>();
  if (!row) return { deleted: false, published: false };
  if (row.published === 1) return { deleted: false, published: true };
  // Each statement repeats the condition, so a publish between the read above and this batch removes nothing.
  const unpublished = 'EXISTS (SELECT 1 FROM processes WHERE slug = ?1 AND published = 0)';
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO deleted_processes (slug, data_version) SELECT slug, data_version FROM processes WHERE slug = ?1 AND published = 0
         ON CONFLICT (slug) DO UPDATE SET data_version = excluded.data_version, deleted_at = excluded.deleted_at`,
      )
      .bind(slug),
    ...PROCESS_TABLES.map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE process = ?1 AND ${unpublished}`).bind(slug),
    ),
    db.prepare('DELETE FROM processes WHERE slug = ?1 AND published = 0').bind(slug),
  ]);
  const deleted = (results.at(-1)?.meta.changes ?? 0) > 0;
  return { deleted, published: !deleted };
}
