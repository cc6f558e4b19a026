import { expect } from 'vitest';
import type { Summary } from '../../functions/data/summary.ts';
import { type Application, ageBand } from '../../functions/domain/registration.ts';
import { bearer, call, testEnv } from './helpers.ts';

/** A valid process body with two states and every modality. */
export const PROCESS_BODY = {
  name: { es: 'Proceso de prueba', en: 'Test process' },
  registration_opens: '2023-09-01',
  registration_closes: '2024-02-25',
  election_day: '2024-06-02',
  entities: ['05', '15'],
  modalities: ['postal', 'internet', 'presencial'],
};

/** One valid application row (override fields as needed). */
export function row(folio: string, overrides: Record<string, string | number> = {}): Record<string, string | number> {
  return {
    folio,
    received_on: '2023-10-02',
    country: 'US',
    entity: '15',
    sex: 'M',
    age: 34,
    modality: 'internet',
    channel: 'srve',
    credential: 'cpve',
    status: 'revision',
    ...overrides,
  };
}

const FIELDS = [
  'folio',
  'received_on',
  'country',
  'entity',
  'sex',
  'age',
  'modality',
  'channel',
  'credential',
  'status',
];

/** Rows as a CSV body with a header row. */
export function csv(rows: Record<string, string | number>[], fields = FIELDS): string {
  return [fields.join(','), ...rows.map((r) => fields.map((f) => r[f] ?? '').join(','))].join('\n');
}

/** Rows as an NDJSON body. */
export function ndjson(rows: Record<string, unknown>[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n');
}

/** Creates (or replaces) a process and returns the ingest auth header. */
export async function createProcess(slug: string, body: object = PROCESS_BODY): Promise<{ authorization: string }> {
  const auth = await bearer('ingest');
  const response = await call(`/api/v1/processes/${slug}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return auth;
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
    testEnv.DB.prepare('SELECT COUNT(*) AS n FROM ingest_staging'),
    testEnv.DB.prepare('SELECT group_concat(slug || data_version, ",") AS v FROM processes'),
  ]);
  return JSON.stringify(rows.map((r) => r.results));
}

/**
 * Recomputes every rollup of a process from the raw applications (the naive GROUP BY) and checks it
 * equals what the ingest maintained, bucket by bucket.
 */
export async function expectRollupsExact(slug: string): Promise<void> {
  const { results: apps } = await testEnv.DB.prepare('SELECT * FROM applications WHERE process = ?')
    .bind(slug)
    .all<Application>();
  const expected = new Map<string, number>();
  for (const app of apps) {
    for (const scope of app.status === 'cumple' ? ['received', 'cumple'] : ['received']) {
      for (const [byEntity, byCountry] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        const dims: [string, string][] = [
          ['total', ''],
          ['channel', app.channel],
          ['credential', app.credential],
          ['sex', app.sex],
          ['age_band', ageBand(app.age)],
          ['modality', app.modality],
          ['status', app.status],
          ['day', app.received_on],
        ];
        if (!byEntity) dims.push(['entity', app.entity]);
        if (!byCountry) dims.push(['country', app.country]);
        for (const [dimension, bucket] of dims) {
          const key = [scope, byEntity ? app.entity : '*', byCountry ? app.country : '*', dimension, bucket].join('|');
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
      }
    }
  }
  const { results: rollups } = await testEnv.DB.prepare(
    'SELECT scope, entity, country, dimension, bucket, count FROM registration_rollups WHERE process = ? AND count <> 0',
  )
    .bind(slug)
    .all<Record<string, string | number>>();
  const actual = new Map(
    rollups.map((r) => [[r.scope, r.entity, r.country, r.dimension, r.bucket].join('|'), r.count as number]),
  );
  expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
}
