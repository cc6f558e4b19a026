import { type Application, ageBand } from '../domain/registration.ts';

/** What a batch did: the success answer of `POST …/batches`. */
export interface BatchResult {
  batch: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A batch already applied under an idempotency key. */
export interface StoredBatch extends BatchResult {
  body_sha256: string;
}

// Rows per staging statement: keeps each JSON parameter well under D1's 2 MB value limit.
const STAGING_CHUNK = 5_000;

const FIELDS = ['received_on', 'country', 'entity', 'sex', 'age', 'modality', 'channel', 'credential', 'status'];
const same = (left: string, right: string) => FIELDS.map((f) => `${left}.${f} = ${right}.${f}`).join(' AND ');

// Every application counts once per scope it is in, per filter combination, per dimension.
const EXPANSION = `
  sc(scope) AS (VALUES ('received'), ('cumple')),
  fl(by_entity, by_country) AS (VALUES (0, 0), (1, 0), (0, 1), (1, 1)),
  dm(dimension) AS (VALUES ('total'), ('channel'), ('credential'), ('sex'), ('age_band'), ('modality'),
                           ('status'), ('entity'), ('country'), ('day'))`;

function contributions(source: string, sign: '+' | '-', join: string, where: string): string {
  return `WITH ${EXPANSION}
    INSERT INTO registration_rollups (process, scope, entity, country, dimension, bucket, count)
    SELECT ${source}.process, sc.scope,
      CASE WHEN fl.by_entity THEN ${source}.entity ELSE '*' END,
      CASE WHEN fl.by_country THEN ${source}.country ELSE '*' END,
      dm.dimension,
      CASE dm.dimension
        WHEN 'total' THEN '' WHEN 'channel' THEN ${source}.channel WHEN 'credential' THEN ${source}.credential
        WHEN 'sex' THEN ${source}.sex WHEN 'age_band' THEN ${source}.age_band WHEN 'modality' THEN ${source}.modality
        WHEN 'status' THEN ${source}.status WHEN 'entity' THEN ${source}.entity WHEN 'country' THEN ${source}.country
        ELSE ${source}.received_on END,
      ${sign}COUNT(*)
    FROM ingest_staging s ${join}
      JOIN sc ON sc.scope = 'received' OR ${source}.status = 'cumple'
      CROSS JOIN fl CROSS JOIN dm
    WHERE s.batch_id = ?1 AND ${where}
      AND NOT (dm.dimension = 'entity' AND fl.by_entity) AND NOT (dm.dimension = 'country' AND fl.by_country)
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (process, scope, entity, country, dimension, bucket) DO UPDATE SET count = count + excluded.count`;
}

// Old values of replaced folios leave the rollups; new and changed rows enter them.
const SUBTRACT_OLD = contributions(
  'a',
  '-',
  'JOIN applications a ON a.process = s.process AND a.folio = s.folio',
  `NOT (${same('a', 's')})`,
);
const ADD_NEW = contributions(
  's',
  '+',
  'LEFT JOIN applications a ON a.process = s.process AND a.folio = s.folio',
  `(a.folio IS NULL OR NOT (${same('a', 's')}))`,
);

const RECORD_BATCH = `
  INSERT INTO ingest_batches (id, process, idempotency_key, body_sha256, rows, inserted, updated, unchanged)
  SELECT ?1, ?2, ?3, ?4, COUNT(*),
    COALESCE(SUM(a.folio IS NULL), 0),
    COALESCE(SUM(a.folio IS NOT NULL AND NOT (${same('a', 's')})), 0),
    COALESCE(SUM(a.folio IS NOT NULL AND (${same('a', 's')})), 0)
  FROM ingest_staging s LEFT JOIN applications a ON a.process = s.process AND a.folio = s.folio
  WHERE s.batch_id = ?1`;

const UPSERT_APPLICATIONS = `
  INSERT INTO applications (process, folio, received_on, country, entity, sex, age, age_band, modality, channel, credential, status)
  SELECT process, folio, received_on, country, entity, sex, age, age_band, modality, channel, credential, status
  FROM ingest_staging WHERE batch_id = ?1
  ON CONFLICT (process, folio) DO UPDATE SET
    received_on = excluded.received_on, country = excluded.country, entity = excluded.entity, sex = excluded.sex,
    age = excluded.age, age_band = excluded.age_band, modality = excluded.modality, channel = excluded.channel,
    credential = excluded.credential, status = excluded.status
  WHERE NOT (${same('applications', 'excluded')})`;

const STAGE = `
  INSERT INTO ingest_staging (batch_id, process, folio, received_on, country, entity, sex, age, age_band, modality, channel, credential, status)
  SELECT ?1, ?2, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
         j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9, j.value ->> 10
  FROM json_each(?3) j`;

/**
 * Applies a validated batch in one D1 transaction: stages the rows, moves the rollups for new and
 * changed folios, upserts the applications, records the batch for idempotency and bumps the
 * process's data version when anything changed. All or nothing.
 */
export async function applyBatch(
  db: D1Database,
  input: { id: string; process: string; idempotencyKey: string; bodySha256: string; rows: Application[] },
): Promise<BatchResult> {
  const { id, process, idempotencyKey, bodySha256, rows } = input;
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < rows.length; start += STAGING_CHUNK) {
    const chunk = rows
      .slice(start, start + STAGING_CHUNK)
      .map((r) => [
        r.folio,
        r.received_on,
        r.country,
        r.entity,
        r.sex,
        r.age,
        ageBand(r.age),
        r.modality,
        r.channel,
        r.credential,
        r.status,
      ]);
    statements.push(db.prepare(STAGE).bind(id, process, JSON.stringify(chunk)));
  }
  statements.push(
    db.prepare(RECORD_BATCH).bind(id, process, idempotencyKey, bodySha256),
    db.prepare(SUBTRACT_OLD).bind(id),
    db.prepare(ADD_NEW).bind(id),
    db.prepare(UPSERT_APPLICATIONS).bind(id),
    db.prepare('DELETE FROM ingest_staging WHERE batch_id = ?1').bind(id),
    db
      .prepare(
        `UPDATE processes SET data_version = data_version + 1, as_of = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE slug = ?2 AND (SELECT inserted + updated FROM ingest_batches WHERE id = ?1) > 0`,
      )
      .bind(id, process),
  );
  await db.batch(statements);
  const stored = await findBatch(db, process, idempotencyKey);
  if (!stored) throw new Error(`batch ${id} was applied but its record is missing`);
  return toResult(stored);
}

/** The batch stored under an idempotency key, if any. */
export async function findBatch(db: D1Database, process: string, idempotencyKey: string): Promise<StoredBatch | null> {
  return db
    .prepare(
      'SELECT id AS batch, rows, inserted, updated, unchanged, body_sha256 FROM ingest_batches WHERE process = ? AND idempotency_key = ?',
    )
    .bind(process, idempotencyKey)
    .first<StoredBatch>();
}

/** The public answer for a stored batch. */
export function toResult(stored: StoredBatch): BatchResult {
  return {
    batch: stored.batch,
    rows: stored.rows,
    inserted: stored.inserted,
    updated: stored.updated,
    unchanged: stored.unchanged,
  };
}
