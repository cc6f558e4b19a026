import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, onError } from './on-error.ts';

const failing = (error: Error) =>
  new Hono()
    .get('/', () => {
      throw error;
    })
    .onError(onError);

describe('the one error handler', () => {
  it('answers an overloaded or timed-out database with 503 and Retry-After, never a bare 500', async () => {
    for (const message of [
      'D1_ERROR: D1 DB is overloaded. Too many requests queued.',
      'D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.',
      'D1_ERROR: Network connection lost.',
      'SQLITE_BUSY: database is locked',
    ]) {
      expect(isDatabaseBusy(new Error(message)), message).toBe(true);
      const response = await failing(new Error(message)).request('/');
      expect(response.status, message).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
    }
  });

  it('keeps any other failure a 500 in the error shape, without the stack', async () => {
    const response = await failing(new Error('D1_ERROR: no such column: x')).request('/');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('no such column');
  });
});
