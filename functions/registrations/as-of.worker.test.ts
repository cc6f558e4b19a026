// `as_of` is the moment the figures describe: the latest Data-As-Of of the batches applied (the moment of
// applying when the feed sends none); `updated_at` is when they last changed here.
import { describe, expect, it } from 'vitest';
import { call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row, summary } from '../../tests/support/registration-helpers.ts';

async function post(slug: string, rows: Record<string, string | number>[], auth: object, asOf?: string) {
  const headers: Record<string, string> = {
    ...(auth as Record<string, string>),
    'content-type': 'text/csv',
    'idempotency-key': crypto.randomUUID(),
  };
  if (asOf) headers['data-as-of'] = asOf;
  return call(`/api/v1/registrations/${slug}/batches`, { method: 'POST', headers, body: csv(rows) });
}

describe('as_of', () => {
  it('is the latest Data-As-Of applied, in UTC, with updated_at beside it', async () => {
    const auth = await createProcess('as-of');
    expect((await post('as-of', [row('A1')], auth, '2023-10-05T12:00:00-06:00')).status).toBe(200);
    const first = await summary('as-of');
    expect(first.as_of).toBe('2023-10-05T18:00:00Z');
    expect(first.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // An older extraction does not move the figures' date back; a newer one moves it even with nothing new.
    expect((await post('as-of', [row('A2')], auth, '2023-10-01T00:00:00Z')).status).toBe(200);
    expect((await summary('as-of')).as_of).toBe('2023-10-05T18:00:00Z');
    expect((await post('as-of', [row('A2')], auth, '2023-10-06T00:00:00Z')).status).toBe(200);
    expect((await summary('as-of')).as_of).toBe('2023-10-06T00:00:00Z');
  });

  it('is the moment of applying when the feed sends no Data-As-Of', async () => {
    const auth = await createProcess('as-of-none');
    await postBatch('as-of-none', csv([row('N1')]), auth);
    const first = await summary('as-of-none');
    // The moment of applying is the moment the figures changed: updated_at, written by the same statement.
    expect(first.as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(first.as_of).toBe(first.updated_at);
    // A batch that changes nothing (the same row again) moves neither.
    await postBatch('as-of-none', csv([row('N1')]), auth);
    const again = await summary('as-of-none');
    expect({ as_of: again.as_of, updated_at: again.updated_at }).toEqual({
      as_of: first.as_of,
      updated_at: first.updated_at,
    });
  });

  it('refuses a Data-As-Of that is not RFC 3339, writing nothing', async () => {
    const auth = await createProcess('as-of-bad');
    const response = await post('as-of-bad', [row('B1')], auth, 'yesterday');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string; details: { field: string }[] } };
    expect(body.error.details[0]?.field).toBe('data-as-of');
    expect(body.error.message).toContain('RFC 3339');
    expect((await summary('as-of-bad')).total).toBe(0);
  });
});
