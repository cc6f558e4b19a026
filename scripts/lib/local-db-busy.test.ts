import { describe, expect, it, vi } from 'vitest';
import { retryingWhenBusy } from './local-db.ts';

const busy = () => new Error('D1_ERROR: database is locked: SQLITE_BUSY', { cause: new Error('database is locked') });

/** A D1 binding whose statements fail `failures` times with `error` before they answer, counting every attempt. */
function flakyDb(failures: number, error: () => Error) {
  const attempts = { run: 0, batch: 0 };
  const batched: unknown[][] = [];
  const statement = (sql: string, values: unknown[] = []): D1PreparedStatement =>
    ({
      sql,
      values,
      bind: (...more: unknown[]) => statement(sql, [...values, ...more]),
      run: async () => {
        if (attempts.run++ < failures) throw error();
        return { success: true, meta: {}, results: [] };
      },
    }) as unknown as D1PreparedStatement;
  const db = {
    prepare: (sql: string) => statement(sql),
    batch: async (statements: D1PreparedStatement[]) => {
      batched.push(statements);
      if (attempts.batch++ < failures) throw error();
      return statements.map(() => ({ success: true }));
    },
  } as unknown as D1Database;
  return { db: retryingWhenBusy(db), attempts, batched };
}

describe('the local D1 beside a running wrangler dev', () => {
  it('runs a statement again while the file is locked, then answers', async () => {
    const { db, attempts } = flakyDb(3, busy);
    await expect(db.prepare('INSERT INTO t VALUES (?)').bind(1).run()).resolves.toMatchObject({ success: true });
    expect(attempts.run).toBe(4);
  });

  it('hands a batch the original statements, bound, and retries it whole', async () => {
    const { db, attempts, batched } = flakyDb(1, busy);
    await db.batch([db.prepare('INSERT INTO t VALUES (?)').bind(7)]);
    expect(attempts.batch).toBe(2);
    const [first] = batched[1] as { values: unknown[]; run?: unknown }[];
    expect(first?.values).toEqual([7]);
    expect(Object.getOwnPropertySymbols(first)).toEqual([]);
  });

  it('does not retry any other error', async () => {
    const { db, attempts } = flakyDb(5, () => new Error('D1_ERROR: UNIQUE constraint failed: t.id: SQLITE_CONSTRAINT'));
    await expect(db.prepare('INSERT INTO t VALUES (1)').run()).rejects.toThrow(/SQLITE_CONSTRAINT/);
    expect(attempts.run).toBe(1);
  });

  it('gives up after about thirteen seconds of a held lock, with the lock error', async () => {
    vi.useFakeTimers();
    try {
      const { db, attempts } = flakyDb(Number.POSITIVE_INFINITY, busy);
      const answer = db.prepare('INSERT INTO t VALUES (1)').run();
      const refused = expect(answer).rejects.toThrow(/SQLITE_BUSY/);
      await vi.advanceTimersByTimeAsync(12_000);
      expect(attempts.run).toBe(9);
      await vi.advanceTimersByTimeAsync(1_000);
      await refused;
      expect(attempts.run).toBe(10);
    } finally {
      vi.useRealTimers();
    }
  });
});
