// Retries inside one `npm run ingest` run are never applied twice (public contract): a proxy between the CLI and a
// real `wrangler dev` loses the answer of some batches after the Worker applied them (dropped, cut off halfway,
// replaced by a 503), refuses one with a 503 before it arrives, and forwards the rest. The CLI retries; every
// chunk is stored once, under one key, and the figures equal the file's.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/local-env.ts';
import { createToken } from '../scripts/token.ts';
import { queryLocalD1 } from './support/local-d1.ts';
import { freePort, putProcess } from './support/server.ts';
import { startOwnServer, type TestServer } from './support/session.ts';

const SLUG = 'cli-retries';
const HEADER = 'folio,received_on,country,entity,sex,age,modality,channel,credential,status';
const STATUSES = ['revision', 'cumple', 'subsane', 'improcedente'];
const ROWS = Array.from(
  { length: 23 },
  (_, i) =>
    `R${i},2020-10-0${1 + (i % 9)},${i % 3 ? 'US' : 'CA'},${i % 2 ? '09' : '14'},M,${20 + i},postal,srve,cpve,${STATUSES[i % 4]}`,
);
// Chunks of 5 rows: 0-4 are full, 4 has the last 3. What the proxy does to each chunk's first attempt.
const FAULTS: Record<number, 'lose-answer' | 'refuse-503' | 'answer-503-after-applying' | 'cut-answer'> = {
  0: 'lose-answer',
  1: 'refuse-503',
  3: 'answer-503-after-applying',
  4: 'cut-answer',
};

let server: TestServer;
let proxy: Server;
let proxyUrl: string;
let token: string;
const attempts = new Map<string, number>();

const bodyOf = async (request: IncomingMessage) => {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
};

/** Forwards every request to the Worker, but meets each faulty chunk's first attempt with its fault. */
function startProxy(target: string): Promise<Server> {
  const proxyServer = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const key = String(request.headers['idempotency-key'] ?? '');
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const fault = key && attempt === 1 ? FAULTS[Number(key.split('-').pop())] : undefined;
    if (fault === 'refuse-503') {
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      response.end('{"error":{"code":"service_unavailable","message":"proxy says no","details":[]}}');
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: body.length ? body : undefined,
    });
    const text = Buffer.from(await answer.arrayBuffer());
    if (fault === 'lose-answer') {
      request.socket.destroy(); // applied by the Worker; the CLI never hears of it
      return;
    }
    if (fault === 'answer-503-after-applying') {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"service_unavailable","message":"lost on the way","details":[]}}');
      return;
    }
    // fetch() has already decoded the body: its length and encoding headers no longer describe it.
    const forwarded = Object.fromEntries(
      [...answer.headers].filter(
        ([name]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(name),
      ),
    );
    if (fault === 'cut-answer') {
      response.writeHead(answer.status, { ...forwarded, 'content-length': String(text.length) });
      response.write(text.subarray(0, text.length >> 1), () => request.socket.destroy());
      return;
    }
    response.writeHead(answer.status, forwarded);
    response.end(text);
  });
  return new Promise((resolve) => proxyServer.listen(0, '127.0.0.1', () => resolve(proxyServer)));
}

beforeAll(async () => {
  server = await startOwnServer();
  token = await createToken('ingest', 'retries test', server.persistTo);
  const admin = await createToken('admin', 'processes', server.persistTo);
  const created = await putProcess(server.url, admin, SLUG, {
    name: { es: 'Reintentos', en: 'Retries' },
    registration_opens: '2020-09-01',
    registration_closes: '2021-03-10',
    election_day: null,
    entities: ['09', '14'],
    modalities: ['postal'],
    published: true,
  });
  expect(created.status).toBe(201);
  proxy = await startProxy(server.url);
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : await freePort()}`;
}, 600_000);

afterAll(async () => {
  if (proxy) await new Promise((resolve) => proxy.close(resolve));
  await server?.stop();
});

describe('npm run ingest with retries', () => {
  it('applies each chunk once though answers were lost or refused', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voto-retries-'));
    const file = join(dir, 'rows.csv');
    await writeFile(file, `${HEADER}\n${ROWS.join('\n')}\n`);
    // Asynchronous on purpose: the proxy answers from this same process.
    const { stdout } = await promisify(execFile)(
      `${ROOT}node_modules/.bin/node`,
      [`${ROOT}scripts/ingest.ts`, '--url', proxyUrl, '--process', SLUG, '--batch-rows', '5', file],
      { env: { ...process.env, VOTO_TOKEN: token }, encoding: 'utf8' },
    );
    // Every faulty chunk was sent again (with the same key), the others once.
    const perChunk = [...attempts.entries()]
      .filter(([key]) => key.startsWith('ingest-'))
      .map(([key, n]) => [Number(key.split('-').pop()), n])
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    expect(perChunk).toEqual([
      [0, 2],
      [1, 2],
      [2, 1],
      [3, 2],
      [4, 2],
    ]);
    // The retried chunks that the Worker had applied come back as replays, counted as first applied.
    expect(stdout).toContain('23 rows in 5 batches (3 already applied): 23 inserted, 0 updated, 0 unchanged');

    const batches = queryLocalD1<{ idempotency_key: string; rows: number; inserted: number }>(
      server.persistTo,
      'SELECT idempotency_key, rows, inserted FROM ingest_batches WHERE process = ? ORDER BY idempotency_key',
      SLUG,
    );
    expect(batches.map((b) => [Number(b.idempotency_key.split('-').pop()), b.rows, b.inserted])).toEqual([
      [0, 5, 5],
      [1, 5, 5],
      [2, 5, 5],
      [3, 5, 5],
      [4, 3, 3],
    ]);
    expect(new Set(batches.map((b) => b.idempotency_key.replace(/-\d+$/, ''))).size).toBe(1);

    // The figures are the file's, counted here from its lines (the stored rows, since groups this small are
    // withheld from the public breakdowns).
    const summary = (await (await fetch(`${server.url}/api/v1/registrations/${SLUG}/summary`)).json()) as {
      total: number;
    };
    expect(summary.total).toBe(ROWS.length);
    const stored = queryLocalD1<{ status: string; n: number }>(
      server.persistTo,
      'SELECT status, COUNT(*) AS n FROM applications WHERE process = ? GROUP BY status ORDER BY status',
      SLUG,
    );
    const fromFile = [...STATUSES].sort().map((status) => ({
      status,
      n: ROWS.filter((r) => r.endsWith(`,${status}`)).length,
    }));
    expect(stored).toEqual(fromFile);
  });
});
