// Issue 14: nothing a visitor sends grows the stored figures without bound, search terms reach a report only
// past 5 visitors, a closed day never counts a visitor twice, and the redelivery check does not grow with a
// backlog. Each test uses days of its own (storage is shared within this file).
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../tests/support/helpers.ts';
import { deliver, message } from '../../tests/support/metrics-helpers.ts';
import { MAX_DISTINCT_PER_DAY } from '../domain/metrics.ts';
import worker from '../index.ts';
import { countEvents } from './count.ts';
import type { EventMessage } from './event.ts';
import { readMetrics } from './summary.ts';

const db = () => testEnv.DB;

async function keysOf(day: string, dimension: string): Promise<Record<string, number>> {
  const { results } = await db()
    .prepare(
      `SELECT key, SUM(count) AS n FROM (
         SELECT key, count FROM metric_rollups WHERE hour LIKE ?1 || 'T%' AND dimension = ?2
         UNION ALL SELECT key, count FROM metric_daily_keys WHERE day = ?1 AND dimension = ?2)
       GROUP BY key`,
    )
    .bind(day, dimension)
    .all<{ key: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.key, r.n]));
}

async function dailyVisitors(day: string): Promise<Record<string, number>> {
  const { results } = await db()
    .prepare('SELECT scope, visitors FROM metric_daily_visitors WHERE day = ?1')
    .bind(day)
    .all<{ scope: string; visitors: number }>();
  return Object.fromEntries(results.map((r) => [r.scope, r.visitors]));
}

const cron = (at: string) =>
  worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '7 * * * *' }), testEnv as never);

const search = (id: string, visitor: string, term: string, day: string): EventMessage =>
  message(
    id,
    visitor,
    [
      ['event', 'search'],
      ['search_empty', term],
    ],
    [`search:${term}`],
    day,
  );

describe('free values are capped per day', () => {
  it('keeps the first 500 referrer hosts of a day and counts the rest, every one of them, as (other)', async () => {
    const day = '2035-01-01';
    const referrer = (i: number) =>
      message(
        `ref-${i}`,
        `v${i}`,
        [
          ['event', 'pageview'],
          ['referrer', `site${String(i).padStart(4, '0')}.example`],
        ],
        ['site'],
        day,
      );
    // Three batches, as the queue would deliver them, one of them a redelivery of the first.
    const first = Array.from({ length: 300 }, (_, i) => referrer(i));
    await deliver(first);
    await deliver(Array.from({ length: 450 }, (_, i) => referrer(300 + i)));
    await deliver(first);
    const keys = await keysOf(day, 'referrer');
    expect(Object.keys(keys)).toHaveLength(MAX_DISTINCT_PER_DAY + 1);
    expect(keys['(other)']).toBe(750 - MAX_DISTINCT_PER_DAY);
    expect(Object.values(keys).reduce((a, b) => a + b, 0)).toBe(750);
    // An admitted host keeps its own row for the rest of the day; a new one the next day starts afresh.
    await deliver([referrer(3).id === 'ref-3' ? { ...referrer(3), id: 'ref-3-again' } : referrer(3)]);
    expect((await keysOf(day, 'referrer'))['site0003.example']).toBe(2);
    await deliver([message('next', 'v', [['referrer', 'site0700.example']], [], '2035-01-02')]);
    expect(await keysOf('2035-01-02', 'referrer')).toEqual({ 'site0700.example': 1 });
  });

  it('counts a referral code staff did not register as (other), and its visitors nowhere', async () => {
    const day = '2035-02-01';
    await db().prepare("INSERT OR IGNORE INTO referral_codes (code, name) VALUES ('CASA', 'Casa')").run();
    await deliver([
      message('c1', 'v1', [['ref', 'CASA']], ['site', 'ref:CASA'], day),
      message('c2', 'v2', [['ref', 'X1']], ['site', 'ref:X1'], day),
      message('c3', 'v3', [['ref', 'X2']], ['site', 'ref:X2'], day),
    ]);
    expect(await keysOf(day, 'ref')).toEqual({ CASA: 1, '(other)': 2 });
    expect(await dailyVisitors(day)).toEqual({ site: 3, 'ref:CASA': 1 });
  });
});

describe('search terms', () => {
  it('reach the report only once 5 visitors typed them that day, and the rest is folded away when the day closes', async () => {
    const day = '2035-03-01';
    await deliver([
      ...Array.from({ length: 5 }, (_, i) => search(`s5-${i}`, `p${i}`, 'matricula consular', day)),
      // Four visitors, one of them twice: still four.
      ...Array.from({ length: 4 }, (_, i) => search(`s4-${i}`, `q${i}`, 'juan perez', day)),
      search('s4-again', 'q0', 'juan perez', day),
    ]);
    const open = await readMetrics(db(), day, day);
    expect(open.searches_without_results).toEqual([
      { query: 'matricula consular', count: 5 },
      { query: '(other)', count: 5 },
    ]);
    await cron('2035-03-02T01:07:00Z');
    // The four-visitor term is gone from storage, its count kept under (other).
    expect(await keysOf(day, 'search_empty')).toEqual({ 'matricula consular': 5, '(other)': 5 });
    expect(await dailyVisitors(day)).toEqual({ 'search:matricula consular': 5 });
    expect((await readMetrics(db(), day, day)).searches_without_results).toEqual(open.searches_without_results);
  });
});

describe('closed days', () => {
  it('count a late event in the hourly figures but never its visitor a second time', async () => {
    const day = '2035-04-01';
    const view = (id: string) =>
      message(
        id,
        'early-bird',
        [
          ['event', 'pageview'],
          ['referrer', 'late.example'],
        ],
        ['site', 'lang:es'],
        day,
      );
    await deliver([view('l1')]);
    await cron('2035-04-02T01:07:00Z');
    const seen = await db().prepare('SELECT COUNT(*) AS n FROM metric_visitor_seen WHERE day = ?1').bind(day).first();
    expect(seen?.n).toBe(0);
    // The same visitor's event arrives after its day's visitor rows were deleted.
    await deliver([view('l2')]);
    expect(await dailyVisitors(day)).toEqual({ site: 1, 'lang:es': 1 });
    expect((await keysOf(day, 'event')).pageview).toBe(2);
    // A value the day already had adds to its row; a new one cannot grow a closed day: (other).
    await deliver([{ ...view('l3'), counts: [['referrer', 'new-after-close.example']] }]);
    expect(await keysOf(day, 'referrer')).toEqual({ 'late.example': 2, '(other)': 1 });
  });
});

describe('a backlog', () => {
  it('delivered twice and out of order after the cleanup ran, counts every event once', async () => {
    const day = '2035-05-01';
    // 50 batches of 20 events sent over the day, 5 visitors each.
    const batches = Array.from({ length: 50 }, (_, b) =>
      Array.from(
        { length: 20 },
        (_, i): EventMessage => ({
          ...message(
            `bk-${b}-${i}`,
            `bv${b}-${i % 5}`,
            [
              ['event', 'pageview'],
              ['page', '/es/'],
            ],
            ['site'],
            day,
          ),
          hour: `${day}T${String(Math.floor(b / 3)).padStart(2, '0')}`,
          minute: `${day}T${String(Math.floor(b / 3)).padStart(2, '0')}:${String((b * 7) % 60).padStart(2, '0')}`,
        }),
      ),
    );
    // The outage ends the next morning: the cleanup has closed the day before the backlog arrives.
    await cron('2035-05-02T01:07:00Z');
    const order = [...batches.keys(), ...batches.keys()].sort((a, b) => ((a * 37) % 50) - ((b * 37) % 50));
    for (const b of order) {
      const result = await deliver(batches[b] ?? [], new Date(`${day}T12:00:00Z`));
      expect(result.retryBatch.retry).toBe(false);
    }
    expect((await keysOf(day, 'event')).pageview).toBe(1000);
    // Visitors of a closed day are not counted at all: never twice.
    expect(await dailyVisitors(day)).toEqual({});
  });

  it('makes the redelivery check read as many rows after a day-long backlog as after a minute', async () => {
    const batch = (tag: string, day: string, minute: string) =>
      Array.from(
        { length: 50 },
        (_, i): EventMessage => ({
          ...message(`${tag}-${i}`, `${tag}v${i}`, [['event', 'pageview']], [], day),
          minute: `${day}T${minute}`,
        }),
      );
    // Records are written at the time they were counted; the backlog's oldest event was sent at 00:00.
    const at = (day: string, minute: string) => Date.parse(`${day}T${minute}:30Z`);
    // A minute of history: one record, of the same minute.
    const shortDay = '2035-06-01';
    const shortStart = Date.parse(`${shortDay}T10:00:00Z`);
    await countEvents(db(), batch('short-prev', shortDay, '10:01').slice(0, 5), shortStart, at(shortDay, '10:01'));
    const afterMinute = await countEvents(
      db(),
      batch('short-now', shortDay, '10:01'),
      shortStart,
      at(shortDay, '10:02'),
    );
    // A day of history: a record for every minute of the day, the last one of the new batch's minute.
    const longDay = '2035-06-02';
    const longStart = Date.parse(`${longDay}T00:00:00Z`);
    for (let m = 0; m < 24 * 60; m += 1) {
      const minute = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      await countEvents(db(), batch(`long-${m}`, longDay, minute).slice(0, 5), longStart, at(longDay, minute));
    }
    const afterDay = await countEvents(
      db(),
      batch('long-now', longDay, '23:59').map((m, i) => ({ ...m, id: `late-${i}` })),
      longStart,
      at(longDay, '23:59') + 20_000,
    );
    expect(afterDay.counted).toBe(50);
    console.log(`redelivery check: rows read after a minute ${afterMinute.rowsRead}, after a day ${afterDay.rowsRead}`);
    // Both read the one record of their minute, not the day's 1,440 (7,200 ids).
    expect(afterDay.rowsRead).toBe(afterMinute.rowsRead);
  });
});
