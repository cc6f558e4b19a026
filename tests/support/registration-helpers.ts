import { expect } from 'vitest';
import { APPLICATION_FIELDS } from '../../functions/domain/registration.ts';
import type { Summary } from '../../functions/registrations/summary.ts';
import { PROCESS_BODY, row } from './application-row.ts';
import { bearer, call, testEnv } from './helpers.ts';

// The one valid application row and process body live in application-row.ts (tests outside workerd import them
// there): Worker tests get them here.
export { PROCESS_BODY, row };

const FIELDS: string[] = [...APPLICATION_FIELDS];

/** Rows as a CSV body with a header row. */
export function csv(rows: Record<string, string | number>[], fields = FIELDS): string {
  return [fields.join(','), ...rows.map((r) => fields.map((f) => r[f] ?? '').join(','))].join('\n');
}

/** Rows as an NDJSON body. */
export function ndjson(rows: Record<string, unknown>[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n');
}

/**
 * Creates (or replaces) a process with an admin token, published (anyone may read it) unless the body says
 * `published: false`, and returns an ingest auth header for its feed.
 */
export async function createProcess(slug: string, body: object = PROCESS_BODY): Promise<{ authorization: string }> {
  const response = await call(`/api/v1/processes/${slug}`, {
    method: 'PUT',
    headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
    body: JSON.stringify({ published: true, ...body }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return bearer('ingest');
}

/** Posts a batch; `type` defaults to CSV and `key` to a fresh UUID. */
export function postBatch(
  slug: string,
  body: BodyInit,
  auth: { authorization: string },
  { type = 'text/csv', key = crypto.randomUUID() }: { type?: string; key?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...auth, 'content-type': type };
  if (key !== null) headers['idempotency-key'] = key;
  return call(`/api/v1/registrations/${slug}/batches`, { method: 'POST', headers, body });
}

/** Reads a summary (bypassing nothing: it goes through the Worker's cache like any client). */
export async function summary(slug: string, query = ''): Promise<Summary> {
  const response = await call(`/api/v1/registrations/${slug}/summary${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

/**
 * One stored rollup count (what ingest wrote), for checks on populations too small for the public summary to
 * describe: `rollupCount('p', 'status', 'cumple')` is the received applications of process p that meet requirements.
 */
export async function rollupCount(
  slug: string,
  dimension: string,
  bucket: string,
  { scope = 'received', entity = '*', country = '*' } = {},
): Promise<number> {
  const row = await testEnv.DB.prepare(
    'SELECT count FROM registration_rollups WHERE process = ? AND scope = ? AND entity = ? AND country = ? AND dimension = ? AND bucket = ?',
  )
    .bind(slug, scope, entity, country, dimension, bucket)
    .first<{ count: number }>();
  return row?.count ?? 0;
}

/** A fingerprint of everything an ingest writes, to prove a rejected batch wrote nothing. */
export async function fingerprint(): Promise<string> {
  const rows = await testEnv.DB.batch([
    testEnv.DB.prepare(
      'SELECT COUNT(*) AS n, COALESCE(SUM(age), 0) AS ages, group_concat(folio || status, ",") AS f FROM (SELECT * FROM applications ORDER BY process, folio)',
    ),
    testEnv.DB.prepare(
      'SELECT COUNT(*) AS n, COALESCE(SUM(count * length(bucket || dimension || entity || country || scope)), 0) AS s FROM registration_rollups',
    ),
    testEnv.DB.prepare('SELECT COUNT(*) AS n FROM ingest_batches'),
    testEnv.DB.prepare('SELECT group_concat(slug || data_version, ",") AS v FROM processes'),
  ]);
  return JSON.stringify(rows.map((r) => r.results));
}

// The naive recomputation, written independently of functions/registrations/rollup-keys.ts: SQL over the raw rows.
const NAIVE_ROLLUPS = `
  WITH sc(scope) AS (VALUES ('received'), ('cumple')),
    fl(by_entity, by_country) AS (VALUES (0, 0), (1, 0), (0, 1), (1, 1)),
    dm(dimension) AS (VALUES ('total'), ('channel'), ('credential'), ('sex'), ('age_band'), ('modality'),
                             ('status'), ('entity'), ('country'), ('day'))
  SELECT sc.scope, CASE WHEN fl.by_entity THEN a.entity ELSE '*' END AS entity,
    CASE WHEN fl.by_country THEN a.country ELSE '*' END AS country, dm.dimension,
    CASE dm.dimension
      WHEN 'total' THEN '' WHEN 'channel' THEN a.channel WHEN 'credential' THEN a.credential WHEN 'sex' THEN a.sex
      WHEN 'age_band' THEN CASE WHEN a.age <= 18 THEN '18' WHEN a.age = 19 THEN '19' WHEN a.age >= 65 THEN '65+'
                                ELSE (a.age / 5 * 5) || '-' || (a.age / 5 * 5 + 4) END
      WHEN 'modality' THEN a.modality WHEN 'status' THEN a.status WHEN 'entity' THEN a.entity
      WHEN 'country' THEN a.country ELSE a.received_on END AS bucket,
    COUNT(*) AS count
  FROM applications a JOIN sc ON sc.scope = 'received' OR a.status = 'cumple' CROSS JOIN fl CROSS JOIN dm
  WHERE a.process = ?1 AND NOT (dm.dimension = 'entity' AND fl.by_entity) AND NOT (dm.dimension = 'country' AND fl.by_country)
  GROUP BY 1, 2, 3, 4, 5`;

/** Recomputes every rollup of a process from the raw applications and checks the maintained ones equal it. */
export async function expectRollupsExact(slug: string): Promise<void> {
  const asMap = (rows: Record<string, string | number>[]) =>
    Object.fromEntries(
      rows.map((r) => [[r.scope, r.entity, r.country, r.dimension, r.bucket].join('|'), r.count]).sort(),
    );
  const naive = await testEnv.DB.prepare(NAIVE_ROLLUPS).bind(slug).all<Record<string, string | number>>();
  const maintained = await testEnv.DB.prepare(
    'SELECT scope, entity, country, dimension, bucket, count FROM registration_rollups WHERE process = ? AND count <> 0',
  )
    .bind(slug)
    .all<Record<string, string | number>>();
  expect(asMap(maintained.results)).toEqual(asMap(naive.results));
}
