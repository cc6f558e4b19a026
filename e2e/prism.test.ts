// The OpenAPI document as real tools trust it: Stoplight Prism, a widely used validating proxy, reads
// /api/v1/openapi.json (from a local file: it reaches nothing else) and stands in front of a real wrangler dev
// with `--errors`. Every valid request of the contract must pass its request validation, and every answer
// (valid request or not) its response validation.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/local-env.ts';
import { createToken } from '../scripts/token.ts';
import { PROCESS_BODY } from '../tests/support/application-row.ts';
import { freePort, startTestServer } from './support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let prism: ChildProcess | undefined;
let prismUrl = '';
let dir = '';
const tokens: Record<string, string> = {};
let prismLog = '';

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), 'voto-prism-'));
  const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
  const file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(doc));
  const port = await freePort();
  prism = spawn(
    `${ROOT}node_modules/.bin/prism`,
    ['proxy', file, `${server.url}/api/v1`, '--errors', '-p', String(port), '-h', '127.0.0.1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  prism.stdout?.on('data', (chunk) => (prismLog += chunk));
  prism.stderr?.on('data', (chunk) => (prismLog += chunk));
  prismUrl = `http://127.0.0.1:${port}`;
  // The tokens are made in this process while Prism starts in its own (each took a Node and wrangler start of its own).
  for (const scope of ['admin', 'ingest', 'staff'] as const)
    tokens[scope] = await createToken(scope, 'prism', server.persistTo);
  for (let i = 0; i < 120; i++) {
    if (/Prism is listening/.test(prismLog)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(prismLog).toMatch(/Prism is listening/);
}, 300_000);

afterAll(async () => {
  prism?.kill();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Sent {
  method?: string;
  path: string;
  scope?: string;
  type?: string;
  body?: string;
  headers?: Record<string, string>;
}

/** The request through Prism: its answer, and whether Prism found a request or response violation. */
async function through(request: Sent) {
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (request.scope) headers.authorization = `Bearer ${tokens[request.scope]}`;
  if (request.type) headers['content-type'] = request.type;
  // The document's paths are relative to its server, `/api/v1`: Prism matches `/ping` and forwards to the upstream's base.
  const response = await fetch(`${prismUrl}${request.path}`, {
    method: request.method ?? 'GET',
    headers,
    body: request.body?.replaceAll('{SITE}', server.url),
  });
  const text = await response.text();
  const problem = (response.headers.get('content-type') ?? '').includes('application/problem+json') ? text : '';
  return {
    status: response.status,
    violations: response.headers.get('sl-violations') ?? '',
    requestViolation: /UNPROCESSABLE_ENTITY|INVALID_CONTENT_TYPE|NO_PATH_MATCHED|NO_METHOD_MATCHED|UNAUTHORIZED/.test(
      problem,
    )
      ? problem
      : '',
    responseViolation: /VIOLATIONS|INVALID_RESPONSE|UNKNOWN/.test(problem) ? problem : '',
    text,
  };
}

const SLUG = 'prism-check';
const FIELDS = 'folio,received_on,country,entity,sex,age,modality,channel,credential,status';
const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i},2023-10-02,US,15,M,34,internet,srve,cpve,revision`);
const ndjson = Array.from({ length: 3 }, (_, i) =>
  JSON.stringify({
    folio: `N${i}`,
    received_on: '2023-10-03',
    country: 'CA',
    entity: '05',
    sex: 'H',
    age: 40,
    modality: 'postal',
    channel: 'inetel',
    credential: 'cpv',
    status: 'cumple',
  }),
).join('\n');
const PROCESS = JSON.stringify({ ...PROCESS_BODY, name: { es: 'Prueba Prism', en: 'Prism test' }, published: true });

const VALID: Sent[] = [
  { path: '/ping' },
  { path: '/health' },
  { method: 'PUT', path: `/processes/${SLUG}`, scope: 'admin', type: 'application/json', body: PROCESS },
  { path: '/processes' },
  { path: `/processes/${SLUG}` },
  {
    method: 'POST',
    path: `/registrations/${SLUG}/batches`,
    scope: 'ingest',
    type: 'text/csv',
    body: [FIELDS, ...rows('C', 12)].join('\n'),
    headers: { 'idempotency-key': 'prism-csv' },
  },
  {
    method: 'POST',
    path: `/registrations/${SLUG}/batches`,
    scope: 'ingest',
    type: 'application/x-ndjson',
    body: ndjson,
    headers: { 'idempotency-key': 'prism-ndjson' },
  },
  { path: `/registrations/${SLUG}/summary` },
  { path: `/registrations/${SLUG}/summary?entity=MX-MEX&scope=cumple` },
  { path: `/registrations/${SLUG}/countries.csv` },
  { path: `/registrations/${SLUG}/views/modality.csv?lang=en` },
  {
    method: 'POST',
    path: `/registrations/${SLUG}/cuts`,
    scope: 'admin',
    type: 'application/json',
    body: '{"date":"2023-10-15"}',
  },
  { path: `/registrations/${SLUG}/cuts` },
  { path: `/registrations/${SLUG}/cuts/2023-10-15/changes` },
  { path: `/registrations/${SLUG}/cuts/2023-10-15.zip` },
  { path: `/registrations/${SLUG}/datapackage.json?cut=2023-10-15` },
  { path: `/registrations/${SLUG}/cuts.atom` },
  { path: '/registrations/cuts.atom?lang=en' },
  { path: '/entities' },
  { path: '/entities.csv' },
  { path: '/infographics' },
  { path: `/infographics/registrations-total.json?process=${SLUG}` },
  {
    method: 'POST',
    path: '/events',
    type: 'application/json',
    body: '{"name":"pageview","url":"{SITE}/es/"}',
  },
  { method: 'POST', path: '/events', type: 'text/plain', body: '{"name":"pageview","url":"{SITE}/en/"}' },
  { path: '/metrics/summary?from=2026-01-01&to=2026-01-31', scope: 'staff' },
  { path: '/openapi.json' },
];

const INVALID: Sent[] = [
  { path: `/registrations/${SLUG}/summary?scope=everyone` },
  { path: '/registrations/no-such-process/summary' },
  { method: 'PUT', path: `/processes/${SLUG}`, type: 'application/json', body: PROCESS },
  {
    method: 'POST',
    path: `/registrations/${SLUG}/batches`,
    scope: 'ingest',
    type: 'text/csv',
    body: `${FIELDS}\nX1,2023-10-02,US,99,M,34,internet,srve,cpve,revision`,
    headers: { 'idempotency-key': 'prism-bad' },
  },
  {
    method: 'POST',
    path: `/registrations/${SLUG}/batches`,
    scope: 'ingest',
    type: 'application/json',
    body: '{}',
    headers: { 'idempotency-key': 'prism-json' },
  },
  { method: 'POST', path: '/events', type: 'application/json', body: '{"name":"nope"}' },
  { path: '/metrics/summary?from=2026-01-01&to=2026-01-31' },
  { path: `/registrations/${SLUG}/cuts/2099-01-01/changes` },
];

describe('Prism in front of the Worker', () => {
  it('lets every valid request of the contract through, and every answer matches the document', async () => {
    for (const request of VALID) {
      const answer = await through(request);
      const what = `${request.method ?? 'GET'} ${request.path} (${request.type ?? ''}) → ${answer.status} ${answer.text.slice(0, 300)}`;
      expect(answer.requestViolation, what).toBe('');
      expect(answer.responseViolation, what).toBe('');
      expect(answer.violations, what).toBe('');
      expect(answer.status, what).toBeLessThan(300);
    }
  });

  it('answers invalid requests with an error the document describes', async () => {
    for (const request of INVALID) {
      const answer = await through(request);
      const what = `${request.method ?? 'GET'} ${request.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
      expect(answer.responseViolation, what).toBe('');
      expect(answer.text, what).not.toContain('NO_PATH_MATCHED');
    }
  });
});
