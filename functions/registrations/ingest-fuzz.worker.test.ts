import { describe, expect, it } from 'vitest';
import { intBetween, mulberry32, type Random } from '../../db/seed/prng.ts';
import {
  createProcess,
  csv,
  expectRollupsExact,
  fingerprint,
  ndjson,
  postBatch,
  row,
} from '../../tests/support/registration-helpers.ts';
import { APPLICATION_FIELDS } from '../domain/registration.ts';

const ITERATIONS = 2_000;
const FIELDS: string[] = [...APPLICATION_FIELDS];
const JUNK = [
  '',
  ' ',
  'null',
  '-1',
  '17',
  '131',
  '1e3',
  '34.5',
  'ÿ',
  '"',
  ',',
  '\n',
  '\r\n',
  '<script>alert(1)</script>',
  'x'.repeat(70),
  '🇲🇽',
  'US ',
  'us',
  '2023-13-01',
  '2023-02-29',
  '09',
  '33',
  'presencial',
  'cumple',
  "'; DROP TABLE applications; --",
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A batch that is valid, then broken in 0 to 3 random ways. */
function mutatedBatch(random: Random): { body: string | Uint8Array<ArrayBuffer>; type: string } {
  const rows = Array.from({ length: intBetween(random, 1, 8) }, () =>
    row(`P${intBetween(random, 1, 40)}`, {
      entity: pick(random, ['05', '15']),
      status: pick(random, ['revision', 'cumple', 'subsane', 'improcedente']),
      country: pick(random, ['US', 'CA', 'ES', 'DE']),
      age: intBetween(random, 18, 90),
      received_on: `2023-10-${String(intBetween(random, 1, 28)).padStart(2, '0')}`,
    }),
  );
  // Unique folios first, so that the unmutated batch is valid.
  const unique = [...new Map(rows.map((r) => [r.folio, r])).values()];
  let fields = [...FIELDS];
  let type = random() < 0.5 ? 'text/csv' : 'application/x-ndjson';
  const mutations = intBetween(random, 0, 3);
  for (let i = 0; i < mutations; i++) {
    const kind = intBetween(random, 0, 7);
    const target = pick(random, unique);
    if (kind === 0) target[pick(random, FIELDS)] = pick(random, JUNK);
    else if (kind === 1) fields = fields.filter((f) => f !== pick(random, FIELDS));
    else if (kind === 2) unique.push({ ...target });
    else if (kind === 3) fields = [...fields, 'extra'];
    else if (kind === 4) type = type === 'text/csv' ? 'application/x-ndjson' : 'text/csv';
    else if (kind === 5) target.age = pick(random, ['abc', '', '18', '130', '0']);
    // Days outside the test process's window (2023-09-01 to 2024-02-25) or in the future.
    else if (kind === 6) target.received_on = pick(random, ['2023-08-31', '2024-02-26', '2025-09-02', '9999-12-31']);
    else target.folio = pick(random, ['x'.repeat(65), 'a b', '', 'ñ', 'A'.repeat(64)]);
  }
  let text =
    type === 'text/csv'
      ? csv(unique, fields)
      : ndjson(unique.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]]))));
  const damage = intBetween(random, 0, 9);
  if (damage === 0) text = text.slice(0, intBetween(random, 0, text.length));
  if (damage === 1) text = `\uFEFF${text.replaceAll('\n', '\r\n')}`;
  if (damage === 2) text = text.replace(',', ',"');
  if (damage === 3) text = text.replaceAll('\n', '\n\n');
  if (damage === 4) {
    const bytes = new TextEncoder().encode(text);
    bytes[intBetween(random, 0, bytes.length - 1)] = intBetween(random, 0x80, 0xff);
    return { body: bytes, type };
  }
  return { body: text, type };
}

describe('thousands of malformed batches', () => {
  it('never answer 5xx and never write part of a batch', async () => {
    const auth = await createProcess('fuzz');
    const random = mulberry32(20261123);
    const statuses = new Map<number, number>();
    type Sent = { body: string | Uint8Array<ArrayBuffer>; type: string; key: string; status: number };
    let last: Sent | null = null;
    let replays = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const before = await fingerprint();
      // One batch in ten resends the previous one with its key: a replay, which must change nothing.
      const previous: Sent | null = last;
      const replay: boolean = previous !== null && random() < 0.1;
      const sent: Omit<Sent, 'status'> =
        replay && previous ? previous : { ...mutatedBatch(random), key: crypto.randomUUID() };
      const { body, type, key } = sent;
      const response = await postBatch('fuzz', body, auth, { type, key });
      if (replay && previous?.status === 200) {
        replays += 1;
        expect(response.headers.get('idempotent-replayed'), `iteration ${i}`).toBe('true');
        expect(await fingerprint(), `iteration ${i}: a replay changed the database`).toBe(before);
      }
      last = { body, type, key, status: response.status };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `iteration ${i}`).toBeLessThan(500);
      const answer = await response.json<{
        rows: number;
        inserted: number;
        updated: number;
        unchanged: number;
        error?: unknown;
      }>();
      if (response.status === 200) {
        expect(answer.rows, `iteration ${i}`).toBe(answer.inserted + answer.updated + answer.unchanged);
      } else {
        expect(answer.error, `iteration ${i}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        expect(await fingerprint(), `iteration ${i}: a rejected batch changed the database`).toBe(before);
      }
      if (i % 250 === 0) await expectRollupsExact('fuzz');
    }
    await expectRollupsExact('fuzz');
    // Both outcomes must really occur, or the test proves nothing.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(422)).toBeGreaterThan(100);
    expect(replays).toBeGreaterThan(50);
  }, 240_000);
});
