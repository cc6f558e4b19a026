// A batch's write in one place (its snapshot read, guard, statements, turn and retries): its parts keep one
// transaction's invariants together.
import { APPLICATION_FIELDS, type Application } from '../domain/registration.ts';
import { getProcess } from '../processes/store.ts';
import { utcNowSql } from '../shared/sql-time.ts';
import { type BatchResult, KEY_CUTOFF_SQL } from './batch-records.ts';
import { type BatchPlan, planBatch } from './diff-batch.ts';
import { APPLICATION_SQL, applicationText, DELTA_SQL, deltaText } from './fixed-width.ts';

/** What a batch is validated against: the process's states, modalities and registration window. */
export interface ProcessDefinition {
  entities: readonly string[];
  modalities: readonly string[];
  registration_opens: string;
  registration_closes: string;
}

// Compares the stored definition with ?3..?6 (the columns keep entities and modalities as JSON text).
const DEFINITION_MATCH = 'entities = ?3 AND modalities = ?4 AND registration_opens = ?5 AND registration_closes = ?6';

function definitionValues(definition: ProcessDefinition): string[] {
  return [
    JSON.stringify(definition.entities),
    JSON.stringify(definition.modalities),
    definition.registration_opens,
    definition.registration_closes,
  ];
}

async function definitionChanged(db: D1Database, process: string, definition: ProcessDefinition): Promise<boolean> {
  const now = await getProcess(db, process);
  return !now || definitionValues(now).join('\n') !== definitionValues(definition).join('\n');
}

// Elements per JSON parameter: keeps each value well under D1's 2 MB limit.
const CHUNK = 5_000;
const MAX_ATTEMPTS = 12;

const FIELDS = APPLICATION_FIELDS.filter((f) => f !== 'folio');
const APPLICATION_COLUMNS = ['folio', ...FIELDS, 'age_band'];

/** The process's write sequence and the stored rows for the batch's folios, read in one snapshot. */
async function readCurrent(
  db: D1Database,
  process: string,
  folios: string[],
): Promise<{ writeSeq: number; stored: Map<string, Application> }> {
  const reads: D1PreparedStatement[] = [db.prepare('SELECT write_seq FROM processes WHERE slug = ?').bind(process)];
  for (let start = 0; start < folios.length; start += CHUNK) {
    reads.push(
      db
        .prepare(
          `SELECT folio, ${FIELDS.join(', ')} FROM applications
           WHERE process = ?1 AND folio IN (SELECT value FROM json_each(?2))`,
        )
        .bind(process, JSON.stringify(folios.slice(start, start + CHUNK))),
    );
  }
  const [seq, ...found] = await db.batch<Record<string, unknown>>(reads);
  const stored = new Map<string, Application>();
  for (const result of found) for (const row of result.results as unknown as Application[]) stored.set(row.folio, row);
  return { writeSeq: Number(seq?.results[0]?.write_seq ?? 0), stored };
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

/** A batch to apply with its `rows` (applyBatch), or their count once planned (what the batch record stores). */
export interface BatchInput<Rows> {
  id: string;
  process: string;
  idempotencyKey: string;
  bodySha256: string;
  rows: Rows;
  /** When the source system extracted the rows (`Data-As-Of`, UTC, `YYYY-MM-DDTHH:MM:SSZ`), if it said. */
  asOf: string | null;
  /** The process definition the rows were validated against (states, modalities, window). */
  definition: ProcessDefinition;
}

function writeStatements(
  db: D1Database,
  input: BatchInput<number>,
  plan: BatchPlan,
  writeSeq: number,
): D1PreparedStatement[] {
  const { id, process } = input;
  const changedAnything = plan.changed.length > 0 ? 1 : 0;
  return [
    // Aborts the transaction if another batch wrote to this process after readCurrent(), or if a PUT changed the
    // definition the rows were validated against: a batch never lands on a definition it was not checked against.
    db
      .prepare(
        `INSERT OR REPLACE INTO ingest_guard (id, ok) VALUES (1, COALESCE((SELECT write_seq = ?2 AND ${DEFINITION_MATCH}
           FROM processes WHERE slug = ?1), 0))`,
      )
      .bind(process, writeSeq, ...definitionValues(input.definition)),
    db
      .prepare(
        // as_of is the latest Data-As-Of applied (else the moment of a change); updated_at the moment figures
        // last changed here. A later as_of alone is a new version too: cached answers name the moment they show.
        `UPDATE processes SET write_seq = write_seq + 1,
           data_version = data_version + (CASE WHEN ?2 OR (?3 IS NOT NULL AND (as_of IS NULL OR as_of < ?3)) THEN 1 ELSE 0 END),
           as_of = CASE
             WHEN ?3 IS NOT NULL THEN (CASE WHEN as_of IS NULL OR as_of < ?3 THEN ?3 ELSE as_of END)
             WHEN ?2 THEN ${utcNowSql()}
             ELSE as_of END,
           updated_at = CASE WHEN ?2 THEN ${utcNowSql()} ELSE updated_at END
         WHERE slug = ?1`,
      )
      .bind(process, changedAnything, input.asOf),
    ...chunks(plan.changed).map((chunk) =>
      db
        .prepare(
          `INSERT INTO applications (process, ${APPLICATION_COLUMNS.join(', ')})
           SELECT ?1, ${APPLICATION_COLUMNS.map((name) => APPLICATION_SQL[name]).join(', ')} FROM json_each(?2) WHERE true
           ON CONFLICT (process, folio) DO UPDATE SET ${FIELDS.map((f) => `${f} = excluded.${f}`).join(', ')}, age_band = excluded.age_band`,
        )
        .bind(process, JSON.stringify(chunk.map(applicationText))),
    ),
    ...chunks(plan.deltas).map((chunk) =>
      db
        .prepare(
          `INSERT INTO registration_rollups (process, scope, entity, country, dimension, bucket, count)
           SELECT ?1, ${DELTA_SQL.join(', ')} FROM json_each(?2) WHERE true
           ON CONFLICT (process, scope, entity, country, dimension, bucket) DO UPDATE SET count = count + excluded.count`,
        )
        .bind(process, JSON.stringify(chunk.map(deltaText))),
    ),
    // A key older than the remembering window is forgotten: its old record makes way for this batch.
    db
      .prepare(
        `DELETE FROM ingest_batches WHERE process = ? AND idempotency_key = ? AND created_at <= ${KEY_CUTOFF_SQL}`,
      )
      .bind(process, input.idempotencyKey),
    db
      .prepare(
        `INSERT INTO ingest_batches (id, process, idempotency_key, body_sha256, rows, inserted, updated, unchanged)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        id,
        process,
        input.idempotencyKey,
        input.bodySha256,
        input.rows,
        plan.inserted,
        plan.updated,
        plan.unchanged,
      ),
  ];
}

// Batches of one process take turns in this isolate from their read to their write, so that two sent at once (the
// CLI keeps two in flight) do not both plan against the same snapshot and one plan again after the guard refuses it.
// A flag and a short timer, not a shared promise: a promise may not cross from one request's context to another.
// A turn held longer than TURN_MS (a request cancelled mid-write) is taken over; the guard still decides.
const turns = new Map<string, { since: number }>();
const TURN_MS = 10_000;

async function takeTurn(process: string): Promise<{ since: number }> {
  for (;;) {
    const held = turns.get(process);
    if (held === undefined || Date.now() - held.since > TURN_MS) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const turn = { since: Date.now() };
  turns.set(process, turn);
  return turn;
}

/**
 * Applies a validated batch in one D1 transaction (all or nothing): upserts the new and changed
 * applications, moves the rollups by the planned deltas, records the batch for idempotent retries
 * and bumps the data version when anything changed. The plan is computed in the Worker, which is
 * far faster than aggregating in SQL; a guard row makes the transaction fail if another batch wrote
 * in between, and then the batch is planned again; `{ busy: true }` when other batches kept winning.
 */
export async function applyBatch(
  db: D1Database,
  input: BatchInput<Application[]>,
): Promise<Applied | { busy: true } | { stale: true }> {
  const waited = Date.now();
  const turn = await takeTurn(input.process);
  const turnMs = Date.now() - waited;
  try {
    const applied = await applyInTurn(db, input);
    if ('batch' in applied) applied.phases = `turn;dur=${turnMs}, ${applied.phases}`;
    return applied;
  } finally {
    if (turns.get(input.process) === turn) turns.delete(input.process);
  }
}

async function applyInTurn(
  db: D1Database,
  input: BatchInput<Application[]>,
): Promise<Applied | { busy: true } | { stale: true }> {
  let rowsWritten = 0;
  let sqlMs = 0;
  let readMs = 0;
  let writeMs = 0;
  for (let attempt = 1; ; attempt++) {
    const reading = Date.now();
    const { writeSeq, stored } = await readCurrent(
      db,
      input.process,
      input.rows.map((r) => r.folio),
    );
    const writing = Date.now();
    readMs += writing - reading;
    const plan = planBatch(input.rows, stored);
    try {
      const results = await db.batch(writeStatements(db, { ...input, rows: input.rows.length }, plan, writeSeq));
      rowsWritten = results.reduce((sum, r) => sum + (r.meta.rows_written ?? 0), 0);
      sqlMs = results.reduce((sum, r) => sum + (r.meta.duration ?? 0), 0);
      writeMs += Date.now() - writing;
    } catch (error) {
      writeMs += Date.now() - writing;
      if (!/CHECK constraint failed/i.test(String(error))) throw error;
      // A PUT changed the definition since the rows were checked: they must be checked again, not re-planned.
      if (await definitionChanged(db, input.process, input.definition)) return { stale: true };
      if (attempt >= MAX_ATTEMPTS) return { busy: true };
      // Jittered back-off so competing batches stop colliding.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      continue;
    }
    return {
      batch: input.id,
      rows: input.rows.length,
      inserted: plan.inserted,
      updated: plan.updated,
      unchanged: plan.unchanged,
      rowsWritten,
      sqlMs,
      phases: `read;dur=${readMs}, write;dur=${writeMs}`,
    };
  }
}

/**
 * A batch applied: its answer, its D1 cost, and where its time went as `Server-Timing` entries (`turn`: waiting for
 * the process's other batch, `read`: reading the stored rows, `write`: planning and the write's round trip).
 */
export type Applied = BatchResult & { rowsWritten: number; sqlMs: number; phases?: string };
