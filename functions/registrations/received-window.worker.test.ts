// `received_on` must lie in the process's registration window and not after tomorrow (UTC): anything else is a
// 422 naming the window, and nothing is written. A day stored before that rule cannot take a summary down.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import {
  createProcess,
  csv,
  fingerprint,
  PROCESS_BODY,
  postBatch,
  row,
  summary,
} from '../../tests/support/registration-helpers.ts';

describe('the registration window', () => {
  it('refuses days outside the window, naming it, and writes nothing', async () => {
    const auth = await createProcess('w-window');
    const before = await fingerprint();
    const response = await postBatch(
      'w-window',
      csv([
        row('W1'),
        row('W2', { received_on: '2023-08-31' }),
        row('W3', { received_on: '2024-02-26' }),
        row('W4', { received_on: '9999-12-31' }),
      ]),
      auth,
    );
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as {
      error: { details: { line: number; field: string; message: string }[] };
    };
    expect(error.details.map((d) => [d.line, d.field])).toEqual([
      [3, 'received_on'],
      [4, 'received_on'],
      [5, 'received_on'],
    ]);
    expect(error.details[0]?.message).toContain(
      `window (${PROCESS_BODY.registration_opens} to ${PROCESS_BODY.registration_closes})`,
    );
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a day after tomorrow in an open window, and takes tomorrow', async () => {
    // The clock is set, a few seconds before midnight UTC: "tomorrow" is the Worker's, whatever the test's date.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-10T23:59:50Z'));
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const auth = await createProcess('w-open', {
      ...PROCESS_BODY,
      registration_opens: '2031-06-30',
      registration_closes: '2031-08-09',
      election_day: '2031-09-08',
    });
    const future = await postBatch('w-open', csv([row('F1', { received_on: '2031-07-12' })]), auth);
    expect(future.status).toBe(422);
    const refusal = JSON.stringify(await future.json());
    expect(refusal).toContain('received_on 2031-07-12 is in the future');
    expect(refusal).toContain('2031-07-11 at the latest');
    const tomorrow = await postBatch('w-open', csv([row('F2', { received_on: '2031-07-11' })]), auth);
    expect(tomorrow.status).toBe(200);
  });

  it('keeps a summary bounded when a day outside the window was stored before the rule', async () => {
    const auth = await createProcess('w-legacy');
    await postBatch('w-legacy', csv(Array.from({ length: 12 }, (_, i) => row(`L${i}`))), auth);
    // What an older deploy could have stored: one application dated 9999-12-31.
    await testEnv.DB.batch([
      testEnv.DB.prepare(
        "INSERT INTO registration_rollups (process, scope, entity, country, dimension, bucket, count) VALUES ('w-legacy', 'received', '*', '*', 'day', '9999-12-31', 1)",
      ),
      testEnv.DB.prepare(
        "UPDATE registration_rollups SET count = count + 1 WHERE process = 'w-legacy' AND scope = 'received' AND entity = '*' AND country = '*' AND dimension = 'total'",
      ),
    ]);
    const figures = await summary('w-legacy');
    expect(figures.total).toBe(13);
    expect(figures.daily?.at(-1)?.date).toBe('2023-10-02');
    expect(JSON.stringify(figures).length).toBeLessThan(5_000);
    expect((await call('/embed/registrations?process=w-legacy&view=timeline')).status).toBe(200);
  });
});

describe('process windows', () => {
  it('are at most two years long', async () => {
    const auth = await bearer('admin');
    const response = await call('/api/v1/processes/w-long', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...PROCESS_BODY,
        registration_opens: '2020-01-01',
        registration_closes: '2025-01-01',
        election_day: null,
      }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('must be at most 731 days after registration_opens');
  });
});
