// Nothing a client sends reaches the logs: a real `wrangler dev` (the Worker's console lines and wrangler's own
// request lines captured) gets requests whose headers and bodies carry unique markers (user agent, client
// address, tokens valid and not, events, malformed JSON, a registration batch), the queue consumer counts
// the events, and not one marker appears in anything printed. The markers travel only in headers and bodies:
// wrangler's request lines name the method, path and status, which are ours.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../scripts/token.ts';
import { putProcess } from './support/server.ts';
import { startOwnServer, type TestServer } from './support/session.ts';

let server: TestServer;

// Letters only, so a search term carrying one is a storable term (three digits in a row would be dropped).
const marker = (what: string) =>
  `zq${what}${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
const MARK = {
  userAgent: marker('agent'),
  address: `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`,
  forwarded: `198.51.100.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`,
  cookie: marker('cookie'),
  badToken: marker('token'),
  campaign: marker('campaign'),
  referrer: marker('referrer'),
  search: marker('search'),
  asset: marker('asset'),
  malformed: marker('malformed'),
  folio: marker('folio').slice(0, 60),
  badRow: marker('badrow'),
  idempotency: marker('key'),
};
const DAY = new Date().toISOString().slice(0, 10);
const shiftDays = (day: string, days: number) =>
  new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
// A person's browser (a bot's events are answered and never queued), with the marker appended.
const BROWSER = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 ${MARK.userAgent}`;
const CLIENT = {
  'user-agent': BROWSER,
  'cf-connecting-ip': MARK.address,
  'x-forwarded-for': MARK.forwarded,
  'x-real-ip': MARK.forwarded,
  cookie: `session=${MARK.cookie}`,
};

/** A request as a client sends it: every one carries the header markers. */
function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return fetch(`${server.url}${path}`, { ...init, headers: { ...CLIENT, ...init.headers } });
}

function event(body: object | string): Promise<Response> {
  return send('/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', referer: `https://${MARK.referrer}.example/` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  // `log`: the Worker's console lines and wrangler's request lines, not only its warnings. `--test-scheduled`
  // lets the test run the retention cron, whose line proves the Worker's own output is being captured.
  server = await startOwnServer({}, { logLevel: 'log', args: ['--test-scheduled'] });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('the logs of a real wrangler dev', () => {
  it('hold no header, body or token a client sent', async () => {
    const staff = await createToken('staff', 'logs e2e', server.persistTo);
    const admin = await createToken('admin', 'logs e2e', server.persistTo);
    const ingest = await createToken('ingest', 'logs e2e', server.persistTo);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    // Tokens: a made-up one, one shaped like ours, a valid one of the wrong scope, and valid ones.
    expect((await send('/api/v1/health', { headers: bearer(MARK.badToken) })).status).toBe(401);
    expect(
      (await send('/api/v1/metrics/summary', { headers: bearer(`vx_000000000000_${MARK.badToken}`) })).status,
    ).toBe(401);
    expect((await send('/api/v1/health', { headers: bearer(staff) })).status).toBe(403);
    expect((await send('/api/v1/health', { headers: bearer(admin) })).status).toBe(200);

    // Engagement events with markers in the page's query, the referrer and the props; and malformed ones.
    const url = `${server.url}/es/?utm_source=${MARK.campaign}&utm_medium=social&utm_campaign=${MARK.campaign}`;
    expect((await event({ name: 'pageview', url, referrer: `https://${MARK.referrer}.example/` })).status).toBe(202);
    expect((await event({ name: 'search', url: `${server.url}/es/`, props: { query: MARK.search } })).status).toBe(202);
    expect((await event({ name: 'download', url: `${server.url}/es/`, props: { asset: MARK.asset } })).status).toBe(
      202,
    );
    expect((await event(`{"name": "pageview", "url": "${MARK.malformed}`)).status).toBe(400);
    expect((await event({ name: MARK.malformed, url })).status).toBe(400);
    expect((await event(`${MARK.malformed}`.repeat(400))).status).toBe(413);

    // A process and registration batches: a valid row, an invalid one, and malformed JSON, all with markers.
    const process = {
      name: { es: 'Prueba', en: 'Test' },
      registration_opens: shiftDays(DAY, -30),
      registration_closes: shiftDays(DAY, 30),
      election_day: null,
      entities: ['09'],
      modalities: ['postal'],
    };
    const created = await putProcess(server.url, admin, 'logs', process);
    expect(created.status, await created.clone().text()).toBe(201);
    const malformedProcess = await send('/api/v1/processes/logs', {
      method: 'PUT',
      headers: { ...bearer(admin), 'content-type': 'application/json' },
      body: `{"name": "${MARK.malformed}`,
    });
    expect(malformedProcess.status).toBe(400);
    const header = 'folio,received_on,country,entity,sex,age,modality,channel,credential,status';
    const batch = (body: string, key = MARK.idempotency, type = 'text/csv') =>
      send('/api/v1/registrations/logs/batches', {
        method: 'POST',
        headers: { ...bearer(ingest), 'content-type': type, 'idempotency-key': key },
        body,
      });
    const ok = await batch(`${header}\n${MARK.folio},${DAY},US,09,M,34,postal,srve,cpve,revision\n`);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await batch(`${header}\nA1,${DAY},US,09,M,34,${MARK.badRow},srve,cpve,revision\n`, 'k2')).status).toBe(422);
    expect((await batch(`{"folio": "${MARK.malformed}`, 'k3', 'application/x-ndjson')).status).toBe(422);

    // The queue consumer has counted the events once the staff report shows them (the consumer's lines, if
    // any, are printed by then).
    const pageviews = async () => {
      const summary = await send(`/api/v1/metrics/summary?from=${DAY}&to=${DAY}`, { headers: bearer(staff) });
      return ((await summary.json()) as { pageviews: number }).pageviews;
    };
    await expect.poll(pageviews, { timeout: 30_000, interval: 250 }).toBe(1);

    // The Worker's own line (the retention cron), so an empty capture cannot pass for a clean one.
    const cron = await fetch(`${server.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('7 * * * *')}`);
    expect(cron.status).toBe(200);
    await cron.arrayBuffer();
    await expect.poll(() => server.output(), { timeout: 15_000, interval: 100 }).toContain('retention (7 * * * *)');

    const output = server.output();
    expect(output).toContain('retention (7 * * * *)');
    expect(output).toMatch(/POST \/api\/v1\/events 202/);
    const secrets = { ...MARK, staff, admin, ingest };
    const found = Object.entries(secrets).filter(([, value]) => output.includes(value));
    expect(
      found.map(([name]) => name),
      output,
    ).toEqual([]);
    // The secret half of a token alone, too (its id is printed by `token list`, never by the Worker). The secret is
    // base64url and may itself hold '_', so it is everything after `vx_<id>_`, not a split on '_'.
    for (const token of [staff, admin, ingest]) {
      const secret = token.slice('vx_'.length + 12 + 1);
      expect(secret).toHaveLength(43);
      expect(output).not.toContain(secret);
    }
  });
});
