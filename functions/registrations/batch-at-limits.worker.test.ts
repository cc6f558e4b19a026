// A batch at the contract's limits: 50,000 rows in exactly 10 MB (10 × 1024 × 1024 bytes: "over 10 MB" is 413),
// mixed days, states, countries and every category, is applied whole, and the public summary equals a count
// made here from the generated rows. One row more, or one byte more, is 413 and writes nothing.
import { describe, expect, it } from 'vitest';
import { createProcess, postBatch, summary } from '../../tests/support/registration-helpers.ts';
import { APPLICATION_FIELDS } from '../domain/registration.ts';

const SLUG = 'batch-at-limits';
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 50_000;
const ENTITIES = ['01', '05', '09', '14', '15', '16', '19', '21', '30', '32'];
const COUNTRIES = ['US', 'CA', 'ES', 'DE', 'FR', 'GB', 'AU', 'IT', 'NL', 'CH', 'AR', 'CL', 'CO', 'JP', 'HK', 'PR'];
const PROCESS = {
  name: { es: 'Lote al límite', en: 'Batch at the limits' },
  registration_opens: '2023-09-01',
  registration_closes: '2024-02-25',
  election_day: '2024-06-02',
  entities: ENTITIES,
  modalities: ['postal', 'internet', 'presencial'],
  published: true,
};
const CHOICES = {
  sex: ['H', 'M', 'X'],
  modality: ['postal', 'internet', 'presencial'],
  channel: ['srve', 'inetel'],
  credential: ['cpve', 'cpv'],
  status: ['revision', 'cumple', 'subsane', 'improcedente'],
};
const WINDOW_DAYS = 178; // 2023-09-01 to 2024-02-25, both included

type Row = Record<(typeof APPLICATION_FIELDS)[number], string>;

/** Deterministic rows (mulberry32), folios `{prefix}{n}-ppp…` of the longest length allowed, 64. */
function generate(count: number, prefix: string, seed = 7): Row[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    folio: `${prefix}${i}-${'p'.repeat(64)}`.slice(0, 64),
    received_on: new Date(Date.UTC(2023, 8, 1 + Math.floor(next() * WINDOW_DAYS))).toISOString().slice(0, 10),
    country: pick(COUNTRIES),
    entity: pick(ENTITIES),
    sex: pick(CHOICES.sex),
    age: String(18 + Math.floor(next() * 80)),
    modality: pick(CHOICES.modality),
    channel: pick(CHOICES.channel),
    credential: pick(CHOICES.credential),
    status: pick(CHOICES.status),
  }));
}

/** The rows as CSV of exactly `bytes` bytes: spaces after each folio, which the CSV reader trims. */
function csvOfSize(rows: Row[], bytes: number): string {
  const lines = rows.map((r) => APPLICATION_FIELDS.map((f) => r[f]).join(','));
  const header = APPLICATION_FIELDS.join(',');
  const base = header.length + lines.reduce((sum, line) => sum + line.length + 1, 0);
  const spare = bytes - base;
  expect(spare).toBeGreaterThanOrEqual(0);
  const each = Math.floor(spare / rows.length);
  const padded = lines.map((line, i) => {
    const comma = line.indexOf(',');
    const pad = ' '.repeat(each + (i < spare - each * rows.length ? 1 : 0));
    return `${line.slice(0, comma)}${pad}${line.slice(comma)}`;
  });
  const body = [header, ...padded].join('\n');
  expect(new TextEncoder().encode(body).length).toBe(bytes);
  return body;
}

/** Age bands as the reports print them, written here without the Worker's helper. */
function band(age: number): string {
  if (age === 18 || age === 19) return String(age);
  if (age >= 65) return '65+';
  const low = age - (age % 5);
  return `${low}-${low + 4}`;
}

function tally(rows: Row[], key: (r: Row) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
}

describe('a batch at the limits', () => {
  it('applies 50,000 rows in exactly 10 MB and publishes figures equal to an independent count', async () => {
    const auth = await createProcess(SLUG, PROCESS);
    const rows = generate(MAX_ROWS, 'L');
    const answer = await postBatch(SLUG, csvOfSize(rows, MAX_BYTES), auth);
    expect(answer.status, (await answer.clone().text()).slice(0, 300)).toBe(200);
    expect(await answer.json()).toMatchObject({ rows: MAX_ROWS, inserted: MAX_ROWS, updated: 0, unchanged: 0 });

    const published = await summary(SLUG);
    expect(published.total).toBe(MAX_ROWS);
    for (const [field, list] of Object.entries(CHOICES)) {
      const counted = tally(rows, (r) => r[field as keyof Row]);
      expect(Object.keys(counted).sort(), field).toEqual([...list].sort());
      expect(published[`by_${field}` as 'by_sex'], field).toEqual(counted);
    }
    expect(published.by_age_band).toEqual(tally(rows, (r) => band(Number(r.age))));
    expect(published.by_entity).toEqual(tally(rows, (r) => r.entity));
    expect(published.by_country).toEqual(tally(rows, (r) => r.country));
    const days = tally(rows, (r) => r.received_on);
    expect(Object.keys(days)).toHaveLength(WINDOW_DAYS);
    expect(Object.fromEntries((published.daily ?? []).map((d) => [d.date, d.count]))).toEqual(days);
    const cumple = await summary(SLUG, '?scope=cumple');
    expect(cumple.total).toBe(rows.filter((r) => r.status === 'cumple').length);
    expect(cumple.by_country).toEqual(
      tally(
        rows.filter((r) => r.status === 'cumple'),
        (r) => r.country,
      ),
    );
  }, 120_000);

  it('refuses one row more, or one byte more, with 413 and writes nothing', async () => {
    const auth = await createProcess(`${SLUG}-over`, PROCESS);
    const oneRowMore = generate(MAX_ROWS + 1, 'M').map((r, i) => ({ ...r, folio: `M${i}` }));
    const rowsAnswer = await postBatch(`${SLUG}-over`, csvOfSize(oneRowMore, 4_000_000), auth);
    expect(rowsAnswer.status).toBe(413);
    expect(await rowsAnswer.json()).toMatchObject({
      error: { code: 'payload_too_large', message: expect.any(String) },
    });
    const oneByteMore = await postBatch(`${SLUG}-over`, csvOfSize(generate(MAX_ROWS, 'Z'), MAX_BYTES + 1), auth);
    expect(oneByteMore.status).toBe(413);
    expect(await oneByteMore.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await summary(`${SLUG}-over`)).total).toBe(0);
  }, 120_000);
});
