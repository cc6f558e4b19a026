import { canonicalJson, sha256Hex } from '../domain/signed-files/index.ts';
import type { JsonValue } from '../domain/signed-files/jcs.ts';
import { ApiError } from '../shared/errors.ts';

/** What is published: an infographic, an embed view, a view CSV or a cut package. */
export type PublicationKind = 'image' | 'embed' | 'csv' | 'package';

/** A publication before it is recorded: its code and what it showed. */
export interface NewPublication {
  code: string;
  kind: PublicationKind;
  process: string;
  /** `v<data_version>` of the live figures, or `cut-YYYY-MM-DD`. */
  version: string;
  as_of: string | null;
  figures: unknown;
  /** How to show it again: the path and query it was served at (without the version). */
  render: { path: string; lang?: string };
}

/** A recorded publication: what was published plus its place in the chain. */
export interface Publication extends NewPublication {
  seq: number;
  created_at: string;
  prev_hash: string;
  hash: string;
}

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

interface Row {
  seq: number;
  code: string;
  kind: PublicationKind;
  process: string;
  version: string;
  as_of: string | null;
  figures: string;
  render: string;
  created_at: string;
  prev_hash: string;
  hash: string;
}

/**
 * The hash of a record: SHA-256 of the canonical JSON of every field but `seq` and `hash`, `prev_hash` included,
 * so anyone holding the records (GET /api/v1/publications/{code}) can recompute the chain.
 */
export function recordHash(record: Omit<Publication, 'seq' | 'hash'>): Promise<string> {
  const { code, kind, process, version, as_of, figures, render, created_at, prev_hash } = record;
  const text = canonicalJson({
    code,
    kind,
    process,
    version,
    as_of,
    figures,
    render,
    created_at,
    prev_hash,
  } as JsonValue);
  return sha256Hex(new TextEncoder().encode(text));
}

function fromRow(row: Row): Publication {
  return { ...row, figures: JSON.parse(row.figures), render: JSON.parse(row.render) };
}

/** The publication recorded under a code, or null. */
export async function findPublication(db: D1Database, code: string): Promise<Publication | null> {
  const row = await db.prepare('SELECT * FROM publications WHERE code = ?').bind(code).first<Row>();
  return row ? fromRow(row) : null;
}

/** The chain's latest record (its hash is the head), or null while nothing is published. */
export async function chainHead(
  db: D1Database,
): Promise<{ seq: number; code: string; hash: string; created_at: string } | null> {
  return db
    .prepare('SELECT seq, code, hash, created_at FROM publications ORDER BY seq DESC LIMIT 1')
    .first<{ seq: number; code: string; hash: string; created_at: string }>();
}

// Racing first serves each retry after losing to another append, after a short random wait that grows, so a
// burst of new publications (an ingest invalidates every image at once) spreads out instead of colliding again.
const ATTEMPTS = 20;

/**
 * Appends a publication once: a code already recorded is left as it is (its first serve wins). The insert is
 * conditional on the head it was chained to, and `prev_hash` is unique, so a concurrent append makes this one
 * insert nothing; it then re-reads the head and tries again. Returns whether this call appended. An answer is
 * cached only once its publication is recorded, so one that cannot be (a storm of appends) is a 503 to retry.
 */
export async function recordPublication(
  db: D1Database,
  publication: NewPublication,
  now = new Date(),
): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await db
      .prepare(
        'SELECT (SELECT 1 FROM publications WHERE code = ?1) AS known, (SELECT hash FROM publications ORDER BY seq DESC LIMIT 1) AS head',
      )
      .bind(publication.code)
      .first<{ known: number | null; head: string | null }>();
    if (existing?.known) return false;
    const record = {
      ...publication,
      figures: publication.figures,
      created_at: now.toISOString(),
      prev_hash: existing?.head ?? GENESIS_HASH,
    };
    const hash = await recordHash(record);
    const result = await db
      .prepare(
        `INSERT OR IGNORE INTO publications (code, kind, process, version, as_of, figures, render, created_at, prev_hash, hash)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
         WHERE coalesce((SELECT hash FROM publications ORDER BY seq DESC LIMIT 1), ?11) = ?9`,
      )
      .bind(
        record.code,
        record.kind,
        record.process,
        record.version,
        record.as_of,
        canonicalJson(record.figures as JsonValue),
        canonicalJson(record.render as JsonValue),
        record.created_at,
        record.prev_hash,
        hash,
        GENESIS_HASH,
      )
      .run();
    if (result.meta.changes === 1) return true;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * (attempt + 1)));
  }
  throw new ApiError(
    'service_unavailable',
    'Too many new publications are being recorded at once to record this one: retry in a few seconds.',
    [],
    { 'Retry-After': '2' },
  );
}
