// The cheaper counting path and the retention cron: partial redelivery, one row per distinct key,
// visitors per language, the in-memory rate-limit pre-count, and what the scheduled handler deletes.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../tests/support/helpers.ts';
import { dailyVisitors, deliver, message, rollupsAt } from '../../tests/support/metrics-helpers.ts';
import worker from '../index.ts';
import { LocalFirstLimiter } from '../shared/rate-limit.ts';
import { countEvents } from './count.ts';
import { forgetSalt, saltFor } from './visitor.ts';

const pageview = (id: string, visitor: string, day: string, path = '/es/', lang = 'es') =>
  message(
    id,
    visitor,
    [
      ['event', 'pageview'],
      ['lang', lang],
      ['page', path],
    ],
    ['site', `lang:${lang}`, `page:${path}`],
    day,
  );

describe('counting a batch', () => {
  it('counts the new events of a batch that repeats some already counted', async () => {
    const day = '2032-05-01';
    await deliver([pageview('b1', 'u1', day), pageview('b2', 'u2', day)]);
    const result = await deliver([pageview('b2', 'u2', day), pageview('b3', 'u3', day, '/en/', 'en')]);
    expect(result.retryBatch.retry).toBe(false);
    expect(await rollupsAt(`${day}T10`)).toEqual({
      'event:pageview': 3,
      'lang:en': 1,
      'lang:es': 2,
      'page:/en/': 1,
      'page:/es/': 2,
    });
    const visitors = await testEnv.DB.prepare(
      'SELECT scope, visitors FROM metric_daily_visitors WHERE day = ? ORDER BY scope',
    )
      .bind(day)
      .all();
    expect(visitors.results).toEqual([
      { scope: 'lang:en', visitors: 1 },
      { scope: 'lang:es', visitors: 2 },
      { scope: 'page:/en/', visitors: 1 },
      { scope: 'page:/es/', visitors: 2 },
      { scope: 'site', visitors: 3 },
    ]);
  });

  it('writes one row per distinct key, not one per event', async () => {
    const day = '2032-05-02';
    const events = Array.from({ length: 100 }, (_, i) => pageview(`w${i}`, `same-visitor`, day, `/es/p${i % 5}/`));
    const { rowsWritten, counted } = await countEvents(testEnv.DB, events, Date.now());
    expect(counted).toBe(100);
    // 1 event + 1 lang + 5 pages (each also counting its new visitor); 1 visitor row; 1 batch record.
    expect(rowsWritten).toBe(7 + 1 + 1);
    expect((await rollupsAt(`${day}T10`))['event:pageview']).toBe(100);
    const again = await countEvents(testEnv.DB, events, Date.now() - 1_000);
    expect(again).toMatchObject({ rowsWritten: 0, counted: 0 });
  });

  it('counts new visitors in the rollup rows and writes one visitor row per shard, not per visitor', async () => {
    const day = '2032-05-05';
    // 40 visitor hashes in 4 shards (a shard is the hash's first two characters and a quarter of the third).
    const visitor = (i: number) => `0${i % 4}${(i % 4) * 4}${String(i).padStart(21, '0')}`;
    const batch = (round: number, shift: number) =>
      Array.from({ length: 40 }, (_, i) => pageview(`s${round}-${i}`, visitor(i), day, `/es/p${(i + shift) % 5}/`));
    const figures = async () => {
      const { results } = await testEnv.DB.prepare(
        'SELECT scope, visitors FROM metric_daily_visitors WHERE day = ?1 ORDER BY scope',
      )
        .bind(day)
        .all<{ scope: string; visitors: number }>();
      return Object.fromEntries(results.map((r) => [r.scope, r.visitors]));
    };
    const pages = (n: number) => Object.fromEntries([0, 1, 2, 3, 4].map((p) => [`page:/es/p${p}/`, n]));
    // 1 event + 1 lang + 5 pages, 4 shard rows, 1 batch record: 12 rows for 40 events of 40 new visitors.
    expect((await countEvents(testEnv.DB, batch(1, 0), Date.now())).rowsWritten).toBe(7 + 4 + 1);
    expect(await figures()).toEqual({ site: 40, 'lang:es': 40, ...pages(8) });
    // The same visitors on other pages: each page gains 8 visitors, the site none.
    expect((await countEvents(testEnv.DB, batch(2, 1), Date.now())).rowsWritten).toBe(7 + 4 + 1);
    expect(await figures()).toEqual({ site: 40, 'lang:es': 40, ...pages(16) });
    // Pages they already saw: no visitor row changes.
    expect((await countEvents(testEnv.DB, batch(3, 1), Date.now())).rowsWritten).toBe(7 + 1);
    expect(await figures()).toEqual({ site: 40, 'lang:es': 40, ...pages(16) });
    const seen = await testEnv.DB.prepare('SELECT COUNT(*) AS n FROM metric_visitor_seen WHERE day = ?1')
      .bind(day)
      .first<{ n: number }>();
    expect(seen?.n).toBe(40);
  });

  it('counts a visitor once a day per scope across batches, and again the next day', async () => {
    await deliver([pageview('d1', 'same', '2032-05-03')]);
    await deliver([pageview('d2', 'same', '2032-05-03', '/es/guias/')]);
    await deliver([pageview('d3', 'same', '2032-05-04')]);
    for (const day of ['2032-05-03', '2032-05-04']) {
      expect(await dailyVisitors(day), day).toMatchObject({ site: 1, 'page:/es/': 1 });
    }
  });
});

describe('rate limiting per visitor', () => {
  it('asks the shared limiter only past ten events a minute from one visitor', async () => {
    const calls: string[] = [];
    const limiter = {
      limit: async ({ key }: { key: string }) => {
        calls.push(key);
        return { success: calls.length < 3 };
      },
    } as RateLimit;
    const now = Date.parse('2032-06-01T10:00:00Z');
    const visitors = new LocalFirstLimiter(10);
    const overLimit = (l: RateLimit, key: string, at: number) => visitors.over(l, key, at);
    const results: boolean[] = [];
    for (let i = 0; i < 13; i++) results.push(await overLimit(limiter, 'campus-visitor', now));
    expect(results.slice(0, 12)).toEqual(Array(12).fill(false));
    expect(results[12]).toBe(true);
    expect(calls).toHaveLength(3);
    // Another browser behind the same address has another hash: not limited.
    expect(await overLimit(limiter, 'another-visitor', now)).toBe(false);
    // A new minute starts from zero.
    expect(await overLimit(limiter, 'campus-visitor', now + 60_000)).toBe(false);
  });
});

describe('retention cron', () => {
  it('deletes visitor hashes of past days, salts older than yesterday and old batch records', async () => {
    const now = Date.parse('2033-01-10T05:07:00Z');
    await deliver([pageview('r1', 'old', '2033-01-09'), pageview('r2', 'today', '2033-01-10')], new Date(now));
    await testEnv.DB.prepare("INSERT INTO metric_batches (minute, at, batch, ids) VALUES ('', ?, ?, ?)")
      .bind(now - 3 * 86_400_000, 'stale', '["x"]')
      .run();
    for (const day of ['2033-01-07', '2033-01-08', '2033-01-09', '2033-01-10']) {
      forgetSalt();
      await testEnv.DB.prepare('INSERT OR IGNORE INTO visitor_salts (day, salt) VALUES (?, ?)').bind(day, day).run();
    }
    forgetSalt();
    const controller = createScheduledController({ scheduledTime: new Date(now), cron: '7 * * * *' });
    await worker.scheduled(controller, testEnv as never);
    const seen = await testEnv.DB.prepare(
      "SELECT day, visitor FROM metric_visitor_seen WHERE day LIKE '2033-01-%' ORDER BY day",
    ).all();
    expect(seen.results).toEqual([{ day: '2033-01-10', visitor: 'today' }]);
    const salts = await testEnv.DB.prepare(
      "SELECT day FROM visitor_salts WHERE day LIKE '2033-01-%' ORDER BY day",
    ).all();
    expect(salts.results.map((r) => r.day)).toEqual(['2033-01-09', '2033-01-10']);
    const stale = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM metric_batches WHERE batch = 'stale'").first();
    expect(stale?.n).toBe(0);
    // The rollups stay.
    expect((await rollupsAt('2033-01-09T10'))['event:pageview']).toBe(1);
  });

  it('keeps yesterday’s visitor hashes for the first hour of a day, for events still queued', async () => {
    await deliver([pageview('g1', 'late', '2033-02-01')]);
    const controller = createScheduledController({
      scheduledTime: new Date('2033-02-02T00:07:00Z'),
      cron: '7 * * * *',
    });
    await worker.scheduled(controller, testEnv as never);
    const row = await testEnv.DB.prepare(
      "SELECT COUNT(*) AS n FROM metric_visitor_seen WHERE day = '2033-02-01'",
    ).first();
    expect(row?.n).toBe(1);
  });

  it('salt for a day is created on first use and kept in memory', async () => {
    forgetSalt();
    const salt = await saltFor(testEnv.DB, '2033-03-01');
    await testEnv.DB.prepare("UPDATE visitor_salts SET salt = 'changed' WHERE day = '2033-03-01'").run();
    expect(await saltFor(testEnv.DB, '2033-03-01')).toBe(salt);
    forgetSalt();
  });
});
