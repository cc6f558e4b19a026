// A database that fails on real routes: every statement throws what D1 throws when it is overloaded, times
// out or loses its connection (Cloudflare's D1 error list), and the answer is 503 with Retry-After in the
// error shape, never a bare 500. The same requests against the working database then succeed, so the 503
// came from the database and not from the request.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import worker from '../../functions/index.ts';
import { forgetProcess } from '../../functions/processes/versions.ts';
import { bearer, testEnv } from '../support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../support/registration-helpers.ts';

// As the D1 binding reports them: the message carries the D1_ERROR prefix, the cause the storage's own words.
const D1_FAILURES = [
  'D1_ERROR: D1 DB is overloaded. Too many requests queued.',
  'D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.',
  'D1_ERROR: Network connection lost.',
  'D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.',
];

/** A D1 binding whose every query fails with `message`, as the real binding fails (an Error with a cause). */
function failingDatabase(message: string): D1Database {
  const fail = async () => {
    throw new Error(message, { cause: new Error(message.replace(/^D1_ERROR: /, '')) });
  };
  const statement: D1PreparedStatement = new Proxy({} as D1PreparedStatement, {
    get: (_, name) => (name === 'bind' ? () => statement : fail),
  });
  const database: D1Database = new Proxy({} as D1Database, {
    get: (_, name) => {
      if (name === 'prepare') return () => statement;
      if (name === 'withSession') return () => database;
      return fail;
    },
  });
  return database;
}

const SLUG = 'db-busy';
// Filled before the tests run (the list of requests is made when the file is collected, before any hook).
const auth: Record<'admin' | 'ingest' | 'staff', Record<string, string>> = { admin: {}, ingest: {}, staff: {} };

beforeAll(async () => {
  Object.assign(auth.ingest, await createProcess(SLUG));
  expect(
    (await postBatch(SLUG, csv([row('BUSY1'), row('BUSY2', { entity: '05' })]), auth.ingest as never)).status,
  ).toBe(200);
  Object.assign(auth.admin, await bearer('admin'));
  Object.assign(auth.staff, await bearer('staff'));
});

interface Sent {
  method?: string;
  scope?: keyof typeof auth;
  headers?: Record<string, string>;
  body?: string;
}

/** A request to each route that reads or writes the database. */
function requests(): [string, Sent][] {
  return [
    ['/api/v1/processes', {}],
    [`/api/v1/processes/${SLUG}`, {}],
    [`/api/v1/registrations/${SLUG}/summary?country=US`, {}],
    [`/api/v1/registrations/${SLUG}/views/entities.csv?scope=received`, {}],
    [`/api/v1/registrations/${SLUG}/cuts`, {}],
    [`/api/v1/infographics/registrations-total.json?process=${SLUG}`, {}],
    ['/api/v1/metrics/summary?from=2024-01-01&to=2024-01-31', { scope: 'staff' }],
    ['/api/v1/health', { scope: 'admin' }],
    [
      `/api/v1/processes/${SLUG}`,
      {
        method: 'PUT',
        scope: 'admin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(PROCESS_BODY),
      },
    ],
    [
      `/api/v1/registrations/${SLUG}/batches`,
      {
        method: 'POST',
        scope: 'ingest',
        headers: { 'content-type': 'text/csv', 'idempotency-key': 'busy-batch' },
        body: csv([row('BUSY3')]),
      },
    ],
    [`/es/dashboard/?process=${SLUG}`, {}],
    [`/embed/registrations?process=${SLUG}`, {}],
  ];
}

async function send(path: string, sent: Sent, db: D1Database): Promise<Response> {
  const ctx = createExecutionContext();
  const headers = { ...(sent.scope ? auth[sent.scope] : {}), ...sent.headers };
  const request = new Request(`https://voto.test${path}`, { method: sent.method, headers, body: sent.body });
  const response = await worker.fetch(request, { ...testEnv, DB: db } as never, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('a database that is overloaded or timing out', () => {
  // Each route meets every failure before it ever succeeds: nothing it could answer from a cache or memo yet (the
  // process list an earlier route read would otherwise answer a process's route from memory, rightly, without D1).
  beforeEach(() => forgetProcess(SLUG));
  it.each(requests())('answers 503 with Retry-After, never a bare 500: %s', async (path, sent) => {
    const label = `${sent.method ?? 'GET'} ${path}`;
    for (const failure of D1_FAILURES) {
      const failed = await send(path, sent, failingDatabase(failure));
      expect(failed.status, `${label}, ${failure}`).toBe(503);
      expect(Number(failed.headers.get('retry-after')), label).toBeGreaterThan(0);
      const body = (await failed.json()) as { error: { code: string; message: string } };
      expect(body.error.code, label).toBe('service_unavailable');
      expect(body.error.message, label).not.toMatch(/D1_ERROR|overloaded|Network/);
    }
    // The same request with the database working is not an error: the 503s were the database's.
    const working = await send(path, sent, testEnv.DB);
    expect(working.status, `${label}: ${working.status}`).toBeLessThan(400);
  });

  it('still answers the home page, as built, without the live figure (it gave 500 before: immutable headers)', async () => {
    for (const failure of D1_FAILURES) {
      const home = await send('/es/', {}, failingDatabase(failure));
      // The test Worker has no built site, so "as built" is the assets' own answer; in production the page.
      const asBuilt = await testEnv.ASSETS.fetch(new Request('https://voto.test/es/'));
      expect(home.status, failure).toBe(asBuilt.status);
      expect(home.status, failure).toBeLessThan(500);
      expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
