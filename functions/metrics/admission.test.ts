// Admission by breadth, run on SQLite with the real schema: a new referrer, campaign or missing path gets its own
// row only once two networks sent it that day, each network vouching for at most 25 new values a day, within the
// day's cap; until then it counts in (other) and in its waiting count. Every expected count is worked by hand.
import { describe, expect, it } from 'vitest';
import { memoryD1 } from '../../tests/support/sqlite-d1.ts';
import { admissionStatements, type NetworkCount } from './admission.ts';

const DAY = '2030-01-01';

function counter(cap = 500) {
  const { d1, rows } = memoryD1();
  const table = (sql: string) => Object.fromEntries(rows<{ k: string; n: number }>(sql, DAY).map((r) => [r.k, r.n]));
  return {
    count: (batch: NetworkCount[]) => d1.batch(admissionStatements(d1, batch, cap)),
    /** The day's own rows and (other), as {"dimension:key": count}. */
    keys: () => table("SELECT dimension || ':' || key AS k, count AS n FROM metric_daily_keys WHERE day = ?1"),
    /** What values waiting for a second network counted. */
    waiting: () => table("SELECT dimension || ':' || key AS k, count AS n FROM metric_pending_keys WHERE day = ?1"),
    /** How many networks vouched for each value. */
    vouched: () =>
      table(
        "SELECT dimension || ':' || key AS k, COUNT(*) AS n FROM metric_key_networks WHERE day = ?1 GROUP BY dimension, key",
      ),
    d1,
  };
}

describe('admission by breadth', () => {
  it('keeps a value one network sent in (other), waiting, and gives it its own row with all it counted once a second sends it', async () => {
    const c = counter();
    await c.count([[DAY, 'referrer', 'a.example', 2, 'n1']]);
    expect(c.keys()).toEqual({ 'referrer:(other)': 2 });
    expect(c.waiting()).toEqual({ 'referrer:a.example': 2 });
    expect(c.vouched()).toEqual({ 'referrer:a.example': 1 });
    // The same network again vouches no more.
    await c.count([[DAY, 'referrer', 'a.example', 1, 'n1']]);
    expect(c.keys()).toEqual({ 'referrer:(other)': 3 });
    expect(c.waiting()).toEqual({ 'referrer:a.example': 3 });
    expect(c.vouched()).toEqual({ 'referrer:a.example': 1 });
    // A second network: the 3 waiting leave (other) for the value's row, with the 4th.
    await c.count([[DAY, 'referrer', 'a.example', 1, 'n2']]);
    expect(c.keys()).toEqual({ 'referrer:(other)': 0, 'referrer:a.example': 4 });
    expect(c.waiting()).toEqual({});
    // Admitted, it adds to its row whoever sends it.
    await c.count([[DAY, 'referrer', 'a.example', 5, 'n3']]);
    expect(c.keys()).toEqual({ 'referrer:(other)': 0, 'referrer:a.example': 9 });
    expect(c.vouched()).toEqual({ 'referrer:a.example': 2 });
  });

  it('admits a value two networks send in the same batch, and keeps dimensions and values apart', async () => {
    const c = counter();
    await c.count([
      [DAY, 'campaign', 'fb|social|x', 2, 'n1'],
      [DAY, 'campaign', 'fb|social|x', 3, 'n2'],
      [DAY, 'referrer', 'fb|social|x', 1, 'n1'],
      [DAY, 'not_found', '/es/vieja/', 1, 'n2'],
    ]);
    expect(c.keys()).toEqual({
      'campaign:fb|social|x': 5,
      'referrer:(other)': 1,
      'not_found:(other)': 1,
    });
    expect(c.waiting()).toEqual({ 'referrer:fb|social|x': 1, 'not_found:/es/vieja/': 1 });
  });

  it('lets one network vouch for 25 new values a day in each dimension, in key order', async () => {
    const c = counter();
    const keys = Array.from({ length: 26 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    await c.count(
      keys.flatMap((key): NetworkCount[] => [
        [DAY, 'referrer', key, 1, 'n1'],
        [DAY, 'referrer', key, 1, 'n2'],
      ]),
    );
    const keysNow = c.keys();
    // k00 to k24 admitted with both networks' counts; k25 vouched by neither network, so not even waiting.
    expect(Object.keys(keysNow).filter((k) => k !== 'referrer:(other)')).toEqual(
      keys.slice(0, 25).map((k) => `referrer:${k}`),
    );
    expect(keysNow['referrer:k00']).toBe(2);
    expect(keysNow['referrer:(other)']).toBe(2);
    expect(c.waiting()).toEqual({});
    // The budget is the day's: the next batch cannot vouch for k25 either, in this dimension; another is free.
    await c.count([
      [DAY, 'referrer', 'k25', 1, 'n1'],
      [DAY, 'referrer', 'k25', 1, 'n2'],
      [DAY, 'campaign', 'k25', 1, 'n1'],
      [DAY, 'campaign', 'k25', 1, 'n2'],
    ]);
    expect(c.keys()).toMatchObject({ 'referrer:(other)': 4, 'campaign:k25': 2 });
    expect(c.keys()['referrer:k25']).toBeUndefined();
  });

  it("admits no more values than the day's cap, in key order; the rest wait in (other)", async () => {
    const c = counter(2);
    await c.count(
      ['c', 'a', 'b'].flatMap((key): NetworkCount[] => [
        [DAY, 'referrer', key, 1, 'n1'],
        [DAY, 'referrer', key, 1, 'n2'],
      ]),
    );
    expect(c.keys()).toEqual({ 'referrer:a': 2, 'referrer:b': 2, 'referrer:(other)': 2 });
    expect(c.waiting()).toEqual({ 'referrer:c': 2 });
  });

  it('counts a value sent as (other) in (other), vouched for by no one', async () => {
    const c = counter();
    await c.count([
      [DAY, 'referrer', '(other)', 2, 'n1'],
      [DAY, 'referrer', '(other)', 1, 'n2'],
    ]);
    expect(c.keys()).toEqual({ 'referrer:(other)': 3 });
    expect(c.vouched()).toEqual({});
    expect(c.waiting()).toEqual({});
  });

  it('admits nothing new on a closed day, while a value admitted before still adds to its row', async () => {
    const c = counter();
    const closed = '2000-01-01';
    await c.d1.batch([
      c.d1.prepare("INSERT INTO metric_daily_keys VALUES (?1, 'referrer', 'old.example', 4)").bind(closed),
    ]);
    await c.count([
      [closed, 'referrer', 'old.example', 1, 'n1'],
      [closed, 'referrer', 'new.example', 1, 'n1'],
      [closed, 'referrer', 'new.example', 1, 'n2'],
    ]);
    const { rows } = {
      rows: (
        await c.d1.prepare('SELECT key, count FROM metric_daily_keys WHERE day = ?1 ORDER BY key').bind(closed).all()
      ).results,
    };
    expect(rows).toEqual([
      { key: '(other)', count: 2 },
      { key: 'old.example', count: 5 },
    ]);
    const vouched = await c.d1
      .prepare('SELECT COUNT(*) AS n FROM metric_key_networks WHERE day = ?1')
      .bind(closed)
      .all();
    expect(vouched.results).toEqual([{ n: 0 }]);
  });

  it('has nothing to do for a batch without such values', () => {
    const { d1 } = memoryD1();
    expect(admissionStatements(d1, [], 500)).toEqual([]);
  });
});
