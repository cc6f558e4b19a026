// Issue 29 item 6: requests for things that do not exist (missing pages, unknown processes and cuts) must cost
// about nothing after the first: 1,000 of them, each a different path, are counted in D1 statements.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../tests/support/helpers.ts';
import { createProcess } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';

/** The test database, counting every statement it runs (one, or each of a batch). */
function countingDb(db: D1Database): { db: D1Database; count: () => number } {
  let statements = 0;
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        if (name === 'bind') return (...args: unknown[]) => wrap(value.apply(target, args));
        if (['first', 'all', 'run', 'raw'].includes(String(name))) {
          return (...args: unknown[]) => {
            statements += 1;
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  const counted = new Proxy(db, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (name === 'batch') {
        return (list: D1PreparedStatement[]) => {
          statements += list.length;
          return target.batch(list);
        };
      }
      if (name === 'exec') {
        return (sql: string) => {
          statements += 1;
          return target.exec(sql);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: counted, count: () => statements };
}

/** The i-th missing thing: pages, processes, cuts, images and API paths that do not exist, each one new. */
function missing(i: number): string {
  const day = new Date(Date.UTC(2001, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const kinds = [
    `/es/dashboard/no-such-${i}/`,
    `/en/dashboard/?process=no-such-${i}`,
    `/embed/registrations?process=no-such-${i}`,
    `/api/v1/processes/no-such-${i}`,
    `/api/v1/registrations/no-such-${i}/summary`,
    `/api/v1/no-such-${i}`,
    `/es/dashboard/cortes/reads/${day}/`,
    `/api/v1/registrations/reads/summary?cut=${day}`,
    `/api/v1/infographics/registrations-total.png?process=no-such-${i}`,
  ];
  return kinds[i % kinds.length] as string;
}

beforeAll(async () => {
  await createProcess('reads');
});

describe('missing paths', () => {
  it('1,000 requests for missing pages, processes and cuts cost at most a handful of D1 statements', async () => {
    const { db, count } = countingDb(testEnv.DB);
    const env = { ...testEnv, DB: db };
    const statuses = new Set<number>();
    for (let i = 0; i < 1000; i += 1) {
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request(`https://voto.test${missing(i)}`) as never, env as never, ctx);
      await response.arrayBuffer();
      await waitOnExecutionContext(ctx);
      statuses.add(response.status);
    }
    console.log(`D1 statements for 1,000 missing-path requests: ${count()}`);
    expect([...statuses]).toEqual([404]);
    expect(count()).toBeLessThanOrEqual(10);
  });

  it('1,000 public health checks read the database once', async () => {
    const { db, count } = countingDb(testEnv.DB);
    const env = { ...testEnv, DB: db };
    for (let i = 0; i < 1000; i += 1) {
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request('https://voto.test/api/v1/health') as never, env as never, ctx);
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
      await waitOnExecutionContext(ctx);
    }
    expect(count()).toBeLessThanOrEqual(1);
  });
});
