// A PUT of a process can never interleave with a batch validated against the old definition: the batch's
// transaction checks the definition it was validated against, and the PUT checks the applications in its write.
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../tests/support/helpers.ts';
import {
  createProcess,
  csv,
  fingerprint,
  PROCESS_BODY,
  postBatch,
  row,
} from '../../tests/support/registration-helpers.ts';
import { applicationSchema } from '../domain/registration.ts';
import { applyBatch } from '../registrations/ingest.ts';
import { getProcess, putProcess } from './store.ts';

describe('a PUT and a batch at the same time', () => {
  it('the batch validated before the PUT writes nothing and asks to be sent again', async () => {
    await createProcess('race-batch');
    const before = await getProcess(testEnv.DB, 'race-batch');
    if (!before) throw new Error('no process');
    // The batch was checked against this definition; then a PUT drops state 05 before it is applied.
    await putProcess(testEnv.DB, 'race-batch', { ...PROCESS_BODY, entities: ['15'] } as never);
    const state = await fingerprint();
    const result = await applyBatch(testEnv.DB, {
      id: crypto.randomUUID(),
      process: 'race-batch',
      idempotencyKey: 'race-1',
      bodySha256: 'x',
      rows: [applicationSchema.parse(row('R1', { entity: '05' }))],
      asOf: null,
      definition: before,
    });
    expect(result).toEqual({ stale: true });
    expect(await fingerprint()).toBe(state);
  });

  it('the PUT that would drop a state whose applications arrived in between leaves the process as it was', async () => {
    const auth = await createProcess('race-put');
    expect((await postBatch('race-put', csv([row('P1', { entity: '05' })]), auth)).status).toBe(200);
    await putProcess(testEnv.DB, 'race-put', { ...PROCESS_BODY, entities: ['15'] } as never);
    expect((await getProcess(testEnv.DB, 'race-put'))?.entities).toEqual(['05', '15']);
  });
});
