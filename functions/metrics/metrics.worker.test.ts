// Over 250 lines on purpose: the events endpoint, its queue consumer and the visitor salts are one path (a beacon in, counted rows out) tested with shared event builders.
import { describe, expect, it } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { dailyVisitors, deliver, message, queuedBy, rollupsAt } from '../../tests/support/metrics-helpers.ts';
import type { EventMessage } from './event.ts';
import { readPublicTraffic } from './public-traffic.ts';
import { forgetSalt, saltFor } from './visitor.ts';

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const request = (body: string, headers: Record<string, string> = {}) =>
  new Request('https://voto.test/api/v1/events', {
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': BROWSER,
      'cf-connecting-ip': '203.0.113.7',
      ...headers,
    },
    body,
  });
// Every event goes through the Worker with a queue that keeps what it is sent (never the real queue, whose
// batches a later request could join): what is queued is what would be counted.
const post = async (body: string, headers: Record<string, string> = {}) =>
  (await queuedBy([request(body, headers)])).responses[0] as Response;
const event = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'pageview', url: 'https://voto.test/es/', ...over });

describe('POST /api/v1/events', () => {
  it('accepts a beacon (text/plain) with 202 and sets no cookie', async () => {
    const { responses, queued } = await queuedBy([
      request(event({ referrer: 'https://www.facebook.com/' })),
      request(event({ url: 'https://voto.test/en/' }), { 'content-type': 'application/json' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([202, 202]);
    expect(responses.map((r) => r.headers.get('set-cookie'))).toEqual([null, null]);
    expect(queued.map((m) => m.counts.find(([dimension]) => dimension === 'page'))).toEqual([
      ['page', '/es/'],
      ['page', '/en/'],
    ]);
    expect(queued[0]?.counts).toContainEqual(['referrer', 'www.facebook.com']);
  });

  it('answers malformed input with 400 (415, 413 for type and size), never 5xx', async () => {
    const cases: [string, Record<string, string>, number][] = [
      ['{"name":', {}, 400],
      ['"just a string"', {}, 400],
      [event({ name: 'purchase' }), {}, 400],
      [event({ url: 'https://evil.example/es/' }), {}, 400],
      [event({ url: 'javascript:alert(1)' }), {}, 400],
      [event({ props: { nested: { a: 1 } } }), {}, 400],
      [event({ props: { x: 'y'.repeat(300) } }), {}, 400],
      [event(), { 'content-type': 'application/xml' }, 415],
      [
        event({ props: { a: 'b'.repeat(150), c: 'd'.repeat(150), e: 'f'.repeat(150) }, filler: 'x'.repeat(5000) }),
        {},
        413,
      ],
      ['\u0000\u0001', {}, 400],
    ];
    for (const [body, headers, status] of cases) {
      const response = await post(body, headers);
      expect(response.status, body.slice(0, 60)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String) } });
    }
  });

  it('answers bots and Global Privacy Control with 202 without counting them as visits', async () => {
    const gpcOrBot = (headers: Record<string, string>) => request(event({ url: 'https://voto.test/es/' }), headers);
    const { responses, queued } = await queuedBy([
      gpcOrBot({ 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }),
      gpcOrBot({ 'sec-gpc': '1' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([202, 202]);
    // Nothing reaches the queue, so nothing can be counted.
    expect(queued).toEqual([]);
    // The same event from a browser without Sec-GPC is queued: the empty queue above is the bot and GPC rule.
    const control = await queuedBy([gpcOrBot({})]);
    expect(control.responses.map((r) => r.status)).toEqual([202]);
    expect(control.queued.map((m) => m.counts[0])).toEqual([['event', 'pageview']]);
  });
});

describe('queue consumer', () => {
  it('counts a redelivered batch once, and each visitor once a day per scope', async () => {
    const messages = [
      message(
        'a1',
        'v1',
        [
          ['event', 'pageview'],
          ['page', '/es/'],
        ],
        ['site', 'page:/es/'],
      ),
      message(
        'a2',
        'v1',
        [
          ['event', 'pageview'],
          ['page', '/es/'],
        ],
        ['site', 'page:/es/'],
      ),
      message(
        'a3',
        'v2',
        [
          ['event', 'pageview'],
          ['page', '/en/'],
        ],
        ['site', 'page:/en/'],
      ),
    ];
    const first = await deliver(messages);
    // Counted in one transaction: the whole batch is acknowledged, none retried.
    expect(first).toMatchObject({ ackAll: true, retryBatch: { retry: false }, explicitAcks: [] });
    await deliver(messages);
    await deliver([messages[0] as EventMessage]);
    expect(await rollupsAt('2030-01-15T10')).toEqual({ 'event:pageview': 3, 'page:/en/': 1, 'page:/es/': 2 });
    expect(await dailyVisitors('2030-01-15')).toEqual({ 'page:/en/': 1, 'page:/es/': 1, site: 2 });
  });

  it('credits a register click to the referral code the visitor arrived with that day', async () => {
    const day = '2030-02-01';
    await testEnv.DB.prepare("INSERT OR IGNORE INTO referral_codes (code, name) VALUES ('UNAM', 'UNAM')").run();
    await deliver([
      message(
        'r1',
        'v9',
        [
          ['event', 'pageview'],
          ['ref', 'UNAM'],
        ],
        ['site', 'ref:UNAM'],
        day,
      ),
    ]);
    await deliver([
      message(
        'r2',
        'v9',
        [
          ['event', 'cta_click'],
          ['register', '/es/'],
        ],
        [],
        day,
      ),
      message('r3', 'v8', [['event', 'cta_click']], [], day),
    ]);
    const row = await testEnv.DB.prepare(
      "SELECT SUM(count) AS n FROM metric_rollups WHERE dimension = 'ref_cta' AND key = 'UNAM'",
    ).first<{ n: number }>();
    expect(row?.n).toBe(1);
  });

  it('acknowledges malformed messages, counted once as unreadable and never as events', async () => {
    const sentAt = new Date('2030-02-02T08:30:00Z');
    for (let i = 0; i < 2; i++) {
      const result = await deliver([{ nonsense: true } as unknown as EventMessage], sentAt);
      expect(result.retryBatch.retry).toBe(false);
      expect(result.explicitAcks).toHaveLength(0);
    }
    expect(await rollupsAt('2030-02-02T08')).toEqual({ 'dropped:unreadable': 1 });
  });
});

describe('visitor salts', () => {
  it('rotate daily and are deleted after 48 hours', async () => {
    forgetSalt();
    const first = await saltFor(testEnv.DB, '2031-03-01');
    forgetSalt();
    const second = await saltFor(testEnv.DB, '2031-03-02');
    expect(second).not.toBe(first);
    forgetSalt();
    expect(await saltFor(testEnv.DB, '2031-03-02')).toBe(second);
    forgetSalt();
    await saltFor(testEnv.DB, '2031-03-03');
    const days = await testEnv.DB.prepare(
      "SELECT day FROM visitor_salts WHERE day LIKE '2031-03-%' ORDER BY day",
    ).all();
    expect(days.results.map((r) => r.day)).toEqual(['2031-03-02', '2031-03-03']);
    forgetSalt();
  });
});

describe('metrics API', () => {
  it('gives staff the summary, with CSV tables equal to the JSON', async () => {
    const day = '2030-03-10';
    await deliver([
      message(
        's1',
        'w1',
        [
          ['event', 'pageview'],
          ['page', '/es/'],
          ['campaign', 'facebook|social|registro'],
          ['referrer', 'www.facebook.com'],
        ],
        ['site', 'page:/es/'],
        day,
      ),
      message(
        's2',
        'w2',
        [
          ['event', 'download'],
          ['download', 'banner.png'],
        ],
        [],
        day,
      ),
      message(
        's3',
        'w2',
        [
          ['event', 'cta_click'],
          ['register', '/es/'],
        ],
        [],
        day,
      ),
      message(
        's4',
        'w3',
        [
          ['event', 'embed_view'],
          ['embed', 'ieem.org.mx'],
        ],
        [],
        day,
      ),
    ]);
    expect((await call(`/api/v1/metrics/summary?from=${day}&to=${day}`)).status).toBe(401);
    expect(
      (await call(`/api/v1/metrics/summary?from=${day}&to=${day}`, { headers: await bearer('ingest') })).status,
    ).toBe(403);
    const staff = await bearer('staff');
    expect((await call('/api/v1/metrics/summary?from=2030-03-10&to=2030-03-01', { headers: staff })).status).toBe(422);
    const response = await call(`/api/v1/metrics/summary?from=${day}&to=${day}`, { headers: staff });
    expect(response.status).toBe(200);
    const summary = await response.json<Record<string, unknown>>();
    expect(summary).toMatchObject({
      pageviews: 1,
      visitors: 1,
      events: { pageview: 1, download: 1, cta_click: 1, embed_view: 1, share: 0 },
      pages: [{ path: '/es/', pageviews: 1, visitors: 1, register_clicks: 1, conversion_rate: 1 }],
      campaigns: [{ source: 'facebook', medium: 'social', campaign: 'registro', visits: 1 }],
      referrers: [{ host: 'www.facebook.com', visits: 1 }],
      embeds: [{ host: 'ieem.org.mx', views: 1 }],
      downloads: [{ asset: 'banner.png', count: 1 }],
      previous: { from: '2030-03-09', to: '2030-03-09' },
    });
    for (const table of ['pages', 'campaigns', 'referrers', 'embeds', 'downloads']) {
      const csv = await (
        await call(`/api/v1/metrics/tables/${table}.csv?from=${day}&to=${day}`, { headers: staff })
      ).text();
      const [header, ...lines] = csv.trim().split('\r\n');
      const rows = summary[table] as Record<string, unknown>[];
      expect(header?.split(','), table).toEqual(Object.keys(rows[0] ?? {}));
      expect(lines, table).toEqual(
        rows.map((r) =>
          Object.values(r)
            .map((v) => (v === null ? '' : String(v)))
            .join(','),
        ),
      );
    }
  });

  it("lets a partner read only its own referral code's figures", async () => {
    const day = '2030-04-01';
    const partner = await bearer('partner', 'CLUBMX');
    await deliver([
      message(
        'p1',
        'x1',
        [
          ['event', 'pageview'],
          ['ref', 'CLUBMX'],
        ],
        ['site', 'ref:CLUBMX'],
        day,
      ),
    ]);
    const mine = await call(`/api/v1/metrics/referrals/CLUBMX?from=${day}&to=${day}`, { headers: partner });
    expect(await mine.json()).toMatchObject({ code: 'CLUBMX', visits: 1, visitors: 1 });
    expect((await call(`/api/v1/metrics/referrals/OTHER?from=${day}&to=${day}`, { headers: partner })).status).toBe(
      403,
    );
  });

  it('publishes aggregates of the last days with small counts suppressed', async () => {
    // The window is computed from an injected day (the route passes today's): 2030-06-04 to 2030-06-10.
    const view = (id: string, day: string, path: string) =>
      message(
        id,
        id,
        [
          ['event', 'pageview'],
          ['page', path],
        ],
        ['site', `page:${path}`],
        day,
      );
    await deliver([
      ...Array.from({ length: 9 }, (_, i) => view(`in-es${i}`, i < 5 ? '2030-06-04' : '2030-06-10', '/es/')),
      ...Array.from({ length: 3 }, (_, i) => view(`in-en${i}`, '2030-06-07', '/en/')),
      // A day before and a day after the window: counted by neither.
      ...Array.from({ length: 20 }, (_, i) => view(`out${i}`, i < 10 ? '2030-06-03' : '2030-06-11', '/es/')),
    ]);
    const shown = await readPublicTraffic(testEnv.DB, 7, '2030-06-10');
    expect(shown).toMatchObject({ from: '2030-06-04', to: '2030-06-10', suppressed_below: 10, rounded_down_to: 10 });
    // 12 views by 12 visitors, published rounded down to tens (rule 4: exact totals minus the figures shown would
    // give the withheld ones).
    expect(shown.pageviews).toBe(10);
    expect(shown.visitors).toBe(10);
    // 9 views of /es/ and 3 of /en/: both pages under 10, so neither count is published.
    expect(shown.pages).toEqual([
      { path: '/es/', pageviews: null },
      { path: '/en/', pageviews: null },
    ]);
    // A day earlier (2030-06-03 to 2030-06-09): 10 + 5 views of /es/ on the 3rd and 4th, 3 of /en/. Exact, the two
    // windows would give 15 and 18, and their difference the 3 views of the 10th; rounded, both say 10.
    const before = await readPublicTraffic(testEnv.DB, 7, '2030-06-09');
    expect(before.pages).toEqual([
      { path: '/es/', pageviews: 10 },
      { path: '/en/', pageviews: null },
    ]);
    expect(before.pageviews).toBe(10);
    const response = await call('/api/v1/metrics/public?days=7');
    expect(response.status).toBe(200);
    const body = await response.json<{ from: string; to: string; suppressed_below: number }>();
    const today = new Date().toISOString().slice(0, 10);
    expect(body).toMatchObject({ to: today, suppressed_below: 10 });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(6 * 86_400_000);
  });
});
