import { describe, expect, it } from 'vitest';
import { row } from '../../tests/support/application-row.ts';
import type { Application } from '../domain/registration.ts';
import { currentProcess } from '../processes/versions.ts';
import { ApiError } from '../shared/errors.ts';
import {
  acceptedRows,
  asOfOf,
  auditNowOrLater,
  batchFormat,
  idempotencyKeyOf,
  invalidate,
  replayOrConflict,
  writeBatch,
  writtenOrThrow,
} from './batch-steps.ts';
import { planBatch } from './diff-batch.ts';

const app = (folio: string, country = 'US') => row(folio, { country }) as unknown as Application;

const statusOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? [error.status, error.message] : ['not an ApiError'];
  }
  return ['no error'];
};

describe('validate', () => {
  it('reads CSV or NDJSON in UTF-8 from the Content-Type, and answers 415 to anything else', () => {
    expect(batchFormat('text/csv')).toBe('csv');
    expect(batchFormat('Text/CSV; charset=UTF-8')).toBe('csv');
    expect(batchFormat('application/x-ndjson')).toBe('ndjson');
    expect(batchFormat('application/ndjson; charset=utf8')).toBe('ndjson');
    expect(statusOf(() => batchFormat(undefined))).toEqual([415, expect.stringContaining("got 'no Content-Type'")]);
    expect(statusOf(() => batchFormat('application/json'))).toEqual([
      415,
      expect.stringContaining("'application/json'"),
    ]);
    expect(statusOf(() => batchFormat('text/csv; charset=latin1'))).toEqual([415, expect.stringContaining('latin1')]);
  });

  it('takes 1 to 128 visible ASCII characters as an Idempotency-Key, and nothing else', () => {
    expect(idempotencyKeyOf('a')).toBe('a');
    expect(idempotencyKeyOf('x'.repeat(128))).toBe('x'.repeat(128));
    for (const bad of [undefined, '', 'x'.repeat(129), 'with space', 'ñ']) {
      expect(statusOf(() => idempotencyKeyOf(bad))[0], String(bad)).toBe(400);
    }
  });

  it('stores Data-As-Of in UTC to the second', () => {
    expect(asOfOf('2023-10-02T08:30:15.250-06:00')).toBe('2023-10-02T14:30:15Z');
    expect(asOfOf(undefined)).toBeNull();
  });

  it('refuses a batch with too many rows (413) or with problems (422, counting them)', () => {
    expect(acceptedRows({ ok: true, rows: [app('A')] } as never)).toHaveLength(1);
    expect(statusOf(() => acceptedRows({ ok: false, problems: [], tooManyRows: true }))[0]).toBe(413);
    const one = statusOf(() => acceptedRows({ ok: false, problems: [{ line: 2, field: 'age', message: 'bad' }] }));
    expect(one).toEqual([422, expect.stringContaining('Nothing was written: 1 problem in the batch.')]);
    const full = Array.from({ length: 1000 }, (_, i) => ({ line: i + 2, field: 'age', message: 'bad' }));
    expect(statusOf(() => acceptedRows({ ok: false, problems: full }))[1]).toContain('at least 1000 problems');
  });
});

describe('diff', () => {
  it('counts unchanged, updated and inserted rows and nets the rollup moves', () => {
    const stored = new Map([
      ['A', app('A')],
      ['B', app('B')],
    ]);
    const plan = planBatch([app('A'), app('B', 'CA'), app('C')], stored);
    expect([plan.unchanged, plan.updated, plan.inserted]).toEqual([1, 1, 1]);
    expect(plan.changed.map((row) => row.folio)).toEqual(['B', 'C']);
    const all = plan.deltas.filter(
      ([scope, entity, country]) => scope === 'received' && entity === '*' && country === '*',
    );
    // B leaves the US (-1) and enters Canada (+1); C enters the US (+1): the US nets 0 and is not a move at all.
    expect(all.filter(([, , , dimension]) => dimension === 'country')).toEqual([
      ['received', '*', '*', 'country', 'CA', 1],
    ]);
    expect(all.filter(([, , , dimension]) => dimension === 'total').map((d) => d[5])).toEqual([1]);
  });
});

describe('write', () => {
  it('passes a written batch on and turns busy into 429 and a changed definition into 409', () => {
    const written = { id: 'x', inserted: 1, updated: 0, unchanged: 0, data_version: 2, rowsWritten: 9 };
    expect(writtenOrThrow(written as never, 'p')).toBe(written);
    expect(statusOf(() => writtenOrThrow({ busy: true }, 'p'))[0]).toBe(429);
    expect(statusOf(() => writtenOrThrow({ stale: true }, 'p'))[0]).toBe(409);
  });

  it('replays a key sent again with the same body, and refuses it with another body', () => {
    const stored = { body_sha256: 'aa', id: 'x' } as never;
    expect(replayOrConflict(stored, 'aa', 'k')).toBe(stored);
    expect(statusOf(() => replayOrConflict(stored, 'bb', 'k'))[0]).toBe(409);
  });
});

/** A D1 that knows one process: the read memo's `rowsRead` says whether it was asked (1) or remembered (0). */
function oneProcessDb() {
  const row = { slug: 'p', name_es: 'P', name_en: 'P', entities: '[]', modalities: '[]', illustrative: '[]' };
  return { prepare: () => ({ bind: () => ({ first: async () => row }), all: async () => ({ results: [row] }) }) };
}

describe('write, settled', () => {
  const result = { batch: 'b1', rows: 2, inserted: 2, updated: 0, unchanged: 0 };
  const stored = { ...result, batch: 'b0', body_sha256: 'aa' };
  const settle = (apply: () => Promise<never>, found: typeof stored | null) =>
    writeBatch({ apply, stored: async () => found }, 'p', 'k', 'aa');

  it('answers what was written with its D1 cost, or replays the stored batch of a request that won the race', async () => {
    expect(
      await writeBatch(
        { apply: async () => ({ ...result, rowsWritten: 7, sqlMs: 3.5 }), stored: async () => null },
        'p',
        'k',
        'aa',
      ),
    ).toEqual({
      result,
      rowsWritten: 7,
      sqlMs: 3.5,
      replayed: false,
    });
    const lost = () => Promise.reject(new Error('UNIQUE constraint failed: ingest_batches.process'));
    expect(await settle(lost, stored)).toEqual({ result: stored, rowsWritten: null, sqlMs: null, replayed: true });
  });

  it('rethrows a failure no stored batch explains, and keeps its own 409 and 429', async () => {
    const failure = new Error('D1 went away');
    await expect(settle(() => Promise.reject(failure), null)).rejects.toBe(failure);
    await expect(settle(() => Promise.reject(failure), { ...stored, body_sha256: 'bb' })).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      writeBatch({ apply: async () => ({ busy: true }), stored: async () => stored }, 'p', 'k', 'aa'),
    ).rejects.toMatchObject({ status: 429 });
  });

  it('forgets the process afterwards, written or not', async () => {
    const db = oneProcessDb();
    await currentProcess(db as never, 'p', 0);
    expect((await currentProcess(db as never, 'p', 1)).rowsRead).toBe(0);
    await writeBatch({ apply: async () => ({ stale: true }), stored: async () => null }, 'p', 'k', 'aa').catch(
      () => {},
    );
    expect((await currentProcess(db as never, 'p', 2)).rowsRead).toBe(1);
  });
});

describe('invalidate', () => {
  it("audits before answering, unless the feed deferred the audit to its run's last batch", async () => {
    const audit = async () => ({ stored: true });
    expect(auditNowOrLater(undefined, audit)).toBe(audit);
    expect(await auditNowOrLater('defer', audit)()).toBeNull();
  });

  it('forgets the process once the audit of its new version is stored, and keeps it when nothing was stored (null)', async () => {
    const db = oneProcessDb();
    await currentProcess(db as never, 'p', 0);
    await invalidate('p', async () => null);
    expect((await currentProcess(db as never, 'p', 1)).rowsRead).toBe(0);
    await invalidate('p', async () => ({ stored: true }));
    expect((await currentProcess(db as never, 'p', 2)).rowsRead).toBe(1);
  });
});
