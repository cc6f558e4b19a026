// What partners, the public and staff read: a partner's figures by day with a CSV equal to the JSON,
// the public figures (small counts suppressed, rendered into the transparency page), and every staff table's CSV.
import { describe, expect, it } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { deliver, message } from '../../tests/support/metrics-helpers.ts';
import { METRIC_TABLES } from '../domain/metrics.ts';
import { readPublicTraffic } from './public-traffic.ts';
import { trafficHtml } from './traffic-html.ts';

const visit = (id: string, visitor: string, day: string, code: string, path = '/es/') =>
  message(
    id,
    visitor,
    [
      ['event', 'pageview'],
      ['page', path],
      ['ref', code],
    ],
    ['site', `page:${path}`, `ref:${code}`],
    day,
  );
const click = (id: string, visitor: string, day: string) =>
  message(
    id,
    visitor,
    [
      ['event', 'cta_click'],
      ['register', '/es/guias/registro/'],
    ],
    [],
    day,
  );

describe('partner figures', () => {
  it('gives a partner its own code by day, without naming the code, and a CSV of the same figures', async () => {
    const partner = await bearer('partner', 'CASAMX');
    await deliver([visit('c1', 'p1', '2034-04-01', 'CASAMX'), visit('c2', 'p1', '2034-04-01', 'CASAMX', '/es/guias/')]);
    await deliver([
      click('c3', 'p1', '2034-04-01'),
      visit('c4', 'p2', '2034-04-03', 'CASAMX'),
      visit('c5', 'p3', '2034-04-03', 'OTRO'),
    ]);
    const response = await call('/api/v1/metrics/referral?from=2034-04-01&to=2034-04-03', { headers: partner });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = await response.json<{ daily: Record<string, unknown>[] } & Record<string, unknown>>();
    expect(body).toMatchObject({ code: 'CASAMX', name: 'test', visits: 3, visitors: 2, register_clicks: 1 });
    expect(body.daily).toEqual([
      { date: '2034-04-01', visits: 2, visitors: 1, register_clicks: 1 },
      { date: '2034-04-02', visits: 0, visitors: 0, register_clicks: 0 },
      { date: '2034-04-03', visits: 1, visitors: 1, register_clicks: 0 },
    ]);
    const csv = await call('/api/v1/metrics/referral.csv?from=2034-04-01&to=2034-04-03', { headers: partner });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('referral-CASAMX-2034-04-01-2034-04-03.csv');
    expect((await csv.text()).trim().split('\r\n')).toEqual([
      'date,visits,visitors,register_clicks',
      ...body.daily.map((d) => Object.values(d).join(',')),
    ]);
    const same = await call('/api/v1/metrics/referrals/CASAMX?from=2034-04-01&to=2034-04-03', { headers: partner });
    expect(await same.json()).toEqual(body);
  });

  it('refuses other tokens and bad periods with a message, never 5xx', async () => {
    expect((await call('/api/v1/metrics/referral?from=2034-04-01&to=2034-04-03')).status).toBe(401);
    expect(
      (await call('/api/v1/metrics/referral?from=2034-04-01&to=2034-04-03', { headers: await bearer('staff') })).status,
    ).toBe(403);
    const partner = await bearer('partner', 'CASAMX');
    const bad = await call('/api/v1/metrics/referral?from=2034-04-09&to=2034-04-01', { headers: partner });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining('to') },
    });
    expect((await call('/api/v1/metrics/referral.csv?from=yesterday&to=2034-04-01', { headers: partner })).status).toBe(
      422,
    );
  });
});

describe('public figures', () => {
  it('suppress counts under 10 and render into the transparency page without script', async () => {
    const day = '2035-01-20';
    await deliver(
      Array.from({ length: 12 }, (_, i) =>
        message(
          `pub${i}`,
          `pv${i}`,
          [
            ['event', 'pageview'],
            ['lang', i < 11 ? 'es' : 'en'],
            ['country', 'US'],
            ['page', i < 11 ? '/es/' : '/en/<b>'],
          ],
          ['site'],
          day,
        ),
      ),
    );
    const traffic = await readPublicTraffic(testEnv.DB, 1, day);
    expect(traffic).toMatchObject({
      from: day,
      to: day,
      suppressed_below: 10,
      pageviews: 12,
      visitors: 12,
      pages: [
        { path: '/es/', pageviews: 11 },
        { path: '/en/<b>', pageviews: null },
      ],
      languages: [
        { lang: 'es', events: 11 },
        { lang: 'en', events: null },
      ],
      countries: [{ country: 'US', events: 12 }],
    });
    const es = String(trafficHtml(traffic, 'es'));
    expect(es).toContain('Estados Unidos');
    expect(es).toContain('menos de 10');
    expect(es).toContain('/en/&lt;b&gt;');
    expect(es).not.toContain('<b>');
    expect(String(trafficHtml(traffic, 'en'))).toContain('United States');
  });

  it('answers the public JSON from the edge cache within its ten-minute slot', async () => {
    const first = await call('/api/v1/metrics/public?days=7');
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/metrics-public/);
    const again = await call('/api/v1/metrics/public?days=7', { headers: { 'if-none-match': etag } });
    expect([200, 304]).toContain(again.status);
    expect((await call('/api/v1/metrics/public?days=0')).status).toBe(422);
  });
});

describe('staff tables', () => {
  it('exports every table as CSV with the JSON figures, languages with their daily visitors', async () => {
    const day = '2035-02-02';
    await deliver([
      message(
        't1',
        'q1',
        [
          ['event', 'pageview'],
          ['lang', 'en'],
          ['country', 'CA'],
          ['page', '/en/guias/registro/'],
        ],
        ['site', 'lang:en', 'page:/en/guias/registro/'],
        day,
      ),
      message(
        't2',
        'q1',
        [
          ['event', 'cta_click'],
          ['lang', 'en'],
          ['register', '/en/guias/registro/'],
        ],
        [],
        day,
      ),
      message(
        't3',
        'q2',
        [
          ['event', 'share'],
          ['share', 'whatsapp'],
        ],
        [],
        day,
      ),
      message(
        't4',
        'q2',
        [
          ['event', 'search'],
          ['search_empty', 'credencial, "urgente"'],
        ],
        [],
        day,
      ),
    ]);
    const staff = await bearer('staff');
    const summary = await (await call(`/api/v1/metrics/summary?from=${day}&to=${day}`, { headers: staff })).json<
      Record<string, unknown>
    >();
    expect(summary.languages).toEqual([{ lang: 'en', events: 2, visitors: 1 }]);
    expect(summary.guides).toEqual({ pageviews: 1, register_clicks: 1, conversion_rate: 1 });
    const quote = (v: unknown) => {
      const text = v === null ? '' : String(v);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    };
    for (const table of METRIC_TABLES) {
      const rows = summary[table] as Record<string, unknown>[];
      const csv = await (
        await call(`/api/v1/metrics/tables/${table}.csv?from=${day}&to=${day}`, { headers: staff })
      ).text();
      const expected = rows.length
        ? [Object.keys(rows[0] ?? {}).join(','), ...rows.map((r) => Object.values(r).map(quote).join(','))]
        : [''];
      expect(csv.replace(/\r\n$/, '').split('\r\n'), table).toEqual(expected);
    }
  });
});
