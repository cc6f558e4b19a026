import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { isDatabaseBusy, onError } from './on-error.ts';

const failing = (error: Error) =>
  new Hono()
    .get('/', () => {
      throw error;
    })
    .onError(onError);

/** An error as the D1 binding throws it (workerd's d1-api): the message prefixed, and again as the cause. */
const d1Error = (message: string) => new Error(`D1_ERROR: ${message}`, { cause: new Error(message) });

// The texts: SQLite's as the local binding formats them ("<message>: <code>", seen from a real query); workerd's own
// for a Durable Object's storage, on which D1 runs, and for a lost connection and an overloaded service (strings of
// node_modules/workerd/bin/workerd); and D1's in production as Cloudflare's D1 error list words them.
const RETRYABLE = [
  'database is locked: SQLITE_BUSY',
  'Durable Object storage operation exceeded timeout which caused object to be reset.',
  'Internal error in Durable Object storage write caused object to be reset; reference = 7b2c0e5f1a',
  'Network connection lost.',
  'Service overloaded; retry later.',
  'D1 DB is overloaded. Too many requests queued.',
  'D1 DB storage operation exceeded timeout which caused object to be reset.',
];
const FINAL = [
  'no such column: x at offset 7: SQLITE_ERROR',
  'no such table: nope: SQLITE_ERROR',
  'UNIQUE constraint failed: processes.slug: SQLITE_CONSTRAINT',
];

describe('the one error handler', () => {
  it('answers an overloaded, locked or timed-out database with 503 and Retry-After, never a bare 500', async () => {
    for (const message of RETRYABLE) {
      expect(isDatabaseBusy(d1Error(message)), message).toBe(true);
      const response = await failing(d1Error(message)).request('/');
      expect(response.status, message).toBe(503);
      expect(response.headers.get('retry-after'), message).toBe('5');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
    }
  });

  it('keeps any other failure a 500 in the error shape, the database message in the log only', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const message of FINAL) {
      expect(isDatabaseBusy(d1Error(message)), message).toBe(false);
      const response = await failing(d1Error(message)).request('/');
      expect(response.status, message).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error' } });
      expect(text).not.toContain('SQLITE');
    }
    expect(log.mock.calls.map(([, error]) => (error as Error).message)).toEqual(FINAL.map((m) => `D1_ERROR: ${m}`));
    log.mockRestore();
  });
});
