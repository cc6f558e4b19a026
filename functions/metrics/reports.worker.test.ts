// Over 250 lines on purpose: partner, public and staff reports read the same hand-counted events, written once by the builders at the top.
// What partners, the public and staff read: a partner's figures by day with a CSV equal to the JSON,
// the public figures (small counts suppressed, rendered into the transparency page), and every staff table's CSV.
import { describe, expect, it, vi } from 'vitest';
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
      rounded_down_to: 10,
      // 12 views, 11 in Spanish: exact, 12 - 11 would give the one English view that is withheld; rounded down to
      // tens, the subtraction gives 0 (rule 4).
      pageviews: 10,
      visitors: 10,
      pages: [
        { path: '/es/', pageviews: 10 },
        { path: '/en/<b>', pageviews: null },
      ],
      languages: [
        { lang: 'es', events: 10 },
        { lang: 'en', events: null },
      ],
      countries: [{ country: 'US', events: 10 }],
    });
    const es = String(trafficHtml(traffic, 'es'));
    expect(es).toContain('Estados Unidos');
    expect(es).toContain('menos de 10');
    expect(es).toContain('se redondean hacia abajo a un múltiplo de 10');
    expect(es).toContain('<a href="/es/metodos/">');
    expect(String(trafficHtml(traffic, 'en'))).toContain('<a href="/en/metodos/">');
    expect(es).toContain('/en/&lt;b&gt;');
    expect(es).not.toContain('<b>');
    expect(String(trafficHtml(traffic, 'en'))).toContain('United States');
  });

  it('answers the public JSON from the edge cache within its ten-minute slot', async () => {
    // The clock is set, so the slot and "today" are known: 2035-03-01 12:03 is in the slot 12:00-12:10.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2035-03-01T12:03:00Z'));
      const read = () => call('/api/v1/metrics/public?days=7');
      const first = await read();
      expect(first.status).toBe(200);
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      expect(first.headers.get('server-timing')).toContain('cache;desc="miss"');
      expect(await first.json()).toMatchObject({ from: '2035-02-23', to: '2035-03-01', pageviews: null });
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/metrics-public/);
      // Twelve pageviews today, after the first read: enough to be shown, were the figures recomputed.
      await deliver(
        Array.from({ length: 12 }, (_, i) =>
          message(`slot${i}`, `sv${i}`, [['event', 'pageview']], ['site'], '2035-03-01'),
        ),
      );
      vi.setSystemTime(new Date('2035-03-01T12:09:00Z'));
      const cached = await read();
      expect(cached.headers.get('server-timing')).toContain('cache;desc="hit"');
      expect(await cached.json()).toMatchObject({ pageviews: null });
      expect((await call('/api/v1/metrics/public?days=7', { headers: { 'if-none-match': etag } })).status).toBe(304);
      // The next slot recomputes: the twelve show, rounded down to tens (rule 4: exact, the slot before minus this
      // one would count the views in between).
      vi.setSystemTime(new Date('2035-03-01T12:10:00Z'));
      const next = await read();
      expect(next.headers.get('server-timing')).toContain('cache;desc="miss"');
      expect(next.headers.get('etag')).not.toBe(etag);
      expect(await next.json()).toMatchObject({ pageviews: 10, visitors: 10 });
      // Three more views: exact, the next slot would say 15 and the difference 3 views; rounded, it says 10 again.
      await deliver(
        Array.from({ length: 3 }, (_, i) =>
          message(`slot2-${i}`, `sw${i}`, [['event', 'pageview']], ['site'], '2035-03-01'),
        ),
      );
      vi.setSystemTime(new Date('2035-03-01T12:20:00Z'));
      expect(await (await read()).json()).toMatchObject({ pageviews: 10, visitors: 10 });
    } finally {
      vi.useRealTimers();
    }
    expect((await call('/api/v1/metrics/public?days=0')).status).toBe(422);
  });
});

describe('staff tables', () => {
  it('exports every table as CSV with hand-counted figures, quoting where a value needs it', async () => {
    const day = '2035-02-02';
    // A registered referral code whose name a spreadsheet must read back as one cell.
    await testEnv.DB.prepare('INSERT INTO referral_codes (code, name) VALUES (?1, ?2)')
      .bind('CASA', 'Casa "Mx", A.C.')
      .run();
    // Six visitors on two networks (v1-v3 on A, v4-v6 on B), every event with its language and country as the
    // endpoint adds them: 6 pageviews, 1 click, 1 download, 1 share, 5 searches, 1 switch, 1 embed, 5 missing = 21.
    const net = (v: number) => (v <= 3 ? 'net-a' : 'net-b');
    const ev = (
      id: string,
      v: number,
      name: string,
      counts: [string, string][],
      scopes: string[] = [],
      lang = 'es',
    ) => ({
      ...message(
        id,
        `v${v}`,
        [['event', name], ['lang', lang], ['country', lang === 'es' ? 'US' : 'CA'], ...counts],
        scopes,
        day,
      ),
      network: net(v),
    });
    const five = [1, 2, 3, 4, 5];
    await deliver([
      ...five.map((v) =>
        ev(
          `pv${v}`,
          v,
          'pageview',
          [
            ['page', '/es/guias/registro/'],
            ['campaign', 'facebook|social|registro'],
            ['referrer', 'www.facebook.com'],
            ['ref', 'CASA'],
          ],
          ['site', 'lang:es', 'page:/es/guias/registro/', 'ref:CASA'],
        ),
      ),
      // One network only: its referrer waits in (other).
      ev(
        'pv6',
        6,
        'pageview',
        [
          ['page', '/en/'],
          ['referrer', 'spam.example'],
        ],
        ['site', 'lang:en', 'page:/en/'],
        'en',
      ),
      ev('click', 1, 'cta_click', [['register', '/es/guias/registro/']]),
      ev('download', 2, 'download', [['download', 'guia-registro.pdf']]),
      ev('share', 3, 'share', [['share', 'whatsapp']]),
      ...five.map((v) =>
        ev(`search${v}`, v, 'search', [['search_empty', 'credencial urgente']], ['search:credencial urgente']),
      ),
      ev('switch', 4, 'language_switch', [['language_switch', 'es>en']]),
      ev('embed', 5, 'embed_view', [['embed', 'ieem.org.mx']]),
      ...five.map((v) =>
        ev(`missing${v}`, v, 'not_found', [['not_found', '/es/pagina-vieja/']], ['missing:/es/pagina-vieja/']),
      ),
    ]);
    const expected: Record<(typeof METRIC_TABLES)[number], string[]> = {
      daily: ['date,pageviews,visitors', '2035-02-02,6,6'],
      pages: [
        'path,pageviews,visitors,register_clicks,conversion_rate',
        '/es/guias/registro/,5,5,1,0.2',
        '/en/,1,1,0,0',
      ],
      campaigns: ['source,medium,campaign,visits', 'facebook,social,registro,5'],
      referrers: ['host,visits', 'www.facebook.com,5', '(other),1'],
      embeds: ['host,views', 'ieem.org.mx,1'],
      downloads: ['asset,count', 'guia-registro.pdf,1'],
      countries: ['country,events', 'US,20', 'CA,1'],
      languages: ['lang,events,visitors', 'es,20,5', 'en,1,1'],
      shares: ['network,count', 'whatsapp,1'],
      searches_without_results: ['query,count', 'credencial urgente,5'],
      language_switches: ['switch,count', 'es>en,1'],
      not_found: ['path,count', '/es/pagina-vieja/,5'],
      referrals: ['code,name,visits,visitors,register_clicks', 'CASA,"Casa ""Mx"", A.C.",5,5,1'],
    };
    expect(Object.keys(expected).sort()).toEqual([...METRIC_TABLES].sort());
    const staff = await bearer('staff');
    const summary = await (await call(`/api/v1/metrics/summary?from=${day}&to=${day}`, { headers: staff })).json<
      Record<string, unknown>
    >();
    expect(summary).toMatchObject({ pageviews: 6, visitors: 6, register_clicks: 1 });
    expect(summary.guides).toEqual({ pageviews: 5, register_clicks: 1, conversion_rate: 0.2 });
    expect(summary.referrals).toEqual([
      { code: 'CASA', name: 'Casa "Mx", A.C.', visits: 5, visitors: 5, register_clicks: 1 },
    ]);
    for (const table of METRIC_TABLES) {
      const csv = await (
        await call(`/api/v1/metrics/tables/${table}.csv?from=${day}&to=${day}`, { headers: staff })
      ).text();
      expect(csv.replace(/\r\n$/, '').split('\r\n'), table).toEqual(expected[table]);
      // The JSON has the same rows as the CSV, one per line after the header.
      expect((summary[table] as unknown[]).length, table).toBe(expected[table].length - 1);
    }
  });
});
