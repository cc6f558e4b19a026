// Over 250 lines on purpose: every contract answer of POST …/batches (applied, replayed, refused) over the same process and fingerprint helpers, so each refusal is shown to write nothing.
import { describe, expect, it } from 'vitest';
import { bearer, call } from '../../tests/support/helpers.ts';
import {
  createProcess,
  csv,
  expectRollupsExact,
  fingerprint,
  ndjson,
  postBatch,
  rollupCount,
  row,
  summary,
} from '../../tests/support/registration-helpers.ts';
import { APPLICATION_FIELDS } from '../domain/registration.ts';

type Problem = { line: number; field: string; message: string };
const problems = async (response: Response) => {
  const body = await response.json<{ error: { code: string; details: Problem[] } }>();
  return body.error.details;
};

describe('POST …/batches: success, replacement and idempotency', () => {
  it('inserts, updates and leaves unchanged, with rollups exact', async () => {
    const auth = await createProcess('b-basic');
    const first = await postBatch(
      'b-basic',
      csv([row('F1'), row('F2', { entity: '05' }), row('F3', { status: 'cumple' })]),
      auth,
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      batch: expect.any(String),
    });
    const second = await postBatch(
      'b-basic',
      ndjson([row('F1'), row('F2', { entity: '15', country: 'CA' }), row('F4', { age: 70 })]),
      auth,
      { type: 'application/x-ndjson' },
    );
    expect(await second.json()).toMatchObject({ rows: 3, inserted: 1, updated: 1, unchanged: 1 });
    const figures = await summary('b-basic');
    expect(figures.total).toBe(4);
    expect(figures.by_entity).toEqual({ '15': 4 });
    expect(figures.by_country).toEqual({ US: 3, CA: 1 });
    // Four applications are a small group: the summary withholds the breakdowns, the rollups still hold them.
    expect(figures.by_age_band).toBeNull();
    expect(figures.suppressed?.fields).toContain('by_age_band');
    expect(await rollupCount('b-basic', 'age_band', '65+')).toBe(1);
    await expectRollupsExact('b-basic');
  });

  it('moves one count between scopes when a folio goes from revision to cumple', async () => {
    const auth = await createProcess('b-status');
    await postBatch('b-status', csv([row('S1'), row('S2', { status: 'cumple' })]), auth);
    const before = { received: await summary('b-status'), cumple: await summary('b-status', '?scope=cumple') };
    expect(before.received.total).toBe(2);
    expect(before.cumple.total).toBe(1);
    const changed = await postBatch('b-status', csv([row('S1', { status: 'cumple' })]), auth);
    expect(await changed.json()).toMatchObject({ updated: 1 });
    const after = { received: await summary('b-status'), cumple: await summary('b-status', '?scope=cumple') };
    expect(after.received.total).toBe(2);
    expect(await rollupCount('b-status', 'status', 'revision')).toBe(0);
    expect(await rollupCount('b-status', 'status', 'cumple')).toBe(2);
    expect(after.cumple.total).toBe(2);
    await expectRollupsExact('b-status');
  });

  it('keeps rollups exact when overlapping batches arrive at once', async () => {
    const auth = await createProcess('b-concurrent');
    const statuses = ['revision', 'cumple', 'subsane'] as const;
    const batches = Array.from({ length: 12 }, (_, b) =>
      csv(
        Array.from({ length: 30 }, (_, i) =>
          row(`K${(i * 7 + b) % 45}`, { status: statuses[(i + b) % 3] ?? 'revision', age: 18 + b + i }),
        ),
      ),
    );
    const responses = await Promise.all(batches.map((body) => postBatch('b-concurrent', body, auth)));
    // Under contention a batch may be asked to retry (429); none may fail or half-apply.
    expect(responses.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    await expectRollupsExact('b-concurrent');
  });

  it('replays the first answer for the same key and body, 409 for another body', async () => {
    const auth = await createProcess('b-idem');
    const body = csv([row('I1'), row('I2')]);
    const first = await postBatch('b-idem', body, auth, { key: 'batch-0001' });
    const firstBody = await first.json();
    const state = await fingerprint();
    const again = await postBatch('b-idem', body, auth, { key: 'batch-0001' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect(await fingerprint()).toBe(state);
    const conflict = await postBatch('b-idem', csv([row('I3')]), auth, { key: 'batch-0001' });
    expect(conflict.status).toBe(409);
    expect(await fingerprint()).toBe(state);
    const otherKey = await postBatch('b-idem', body, auth, { key: 'batch-0002' });
    expect(await otherKey.json()).toMatchObject({ rows: 2, inserted: 0, unchanged: 2 });
  });

  it('accepts BOM, CRLF, quoted fields, empty lines, any column order and extra columns', async () => {
    const auth = await createProcess('b-format');
    const body =
      '\uFEFFstatus,folio,"received_on",country,entity,sex,age,modality,channel,credential,comment\r\n' +
      'revision,Q1,2023-10-02,US,15,H,40,postal,inetel,cpve,"said ""hola"", then\r\nhung up"\r\n' +
      '\r\n' +
      'cumple,Q2,2023-10-03,ES,05,X,18,internet,srve,cpv,\r\n';
    const response = await postBatch('b-format', body, auth, { type: 'text/csv; charset=utf-8' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ rows: 2, inserted: 2 });
    const figures = await summary('b-format');
    expect(figures.total).toBe(2);
    expect([await rollupCount('b-format', 'sex', 'H'), await rollupCount('b-format', 'sex', 'X')]).toEqual([1, 1]);
    expect(await rollupCount('b-format', 'age_band', '18')).toBe(1);
  });
});

describe('POST …/batches: bad input writes nothing', () => {
  it('reports every bad field with its line, and writes nothing', async () => {
    const auth = await createProcess('b-bad');
    const state = await fingerprint();
    const body = [
      'folio,received_on,country,entity,sex,age,modality,channel,credential,status',
      'OK1,2023-10-02,US,15,M,34,internet,srve,cpve,revision',
      'bad folio!,2023-02-30,us,33,W,17,fax,mail,ine,approved',
      'OK2,2023-10-02,XX,09,M,131,presencial,srve,cpve,cumple',
      '"multi',
      'line",2023-10-02,US,15,M,abc,internet,srve,cpve,revision',
      'OK1,2023-10-02,US,15,M,34,internet,srve,cpve,revision',
      'short,row',
    ].join('\n');
    const response = await postBatch('b-bad', body, auth);
    expect(response.status).toBe(422);
    const details = await problems(response);
    const at = (line: number) =>
      details
        .filter((d) => d.line === line)
        .map((d) => d.field)
        .sort();
    expect(at(3)).toEqual([
      'age',
      'channel',
      'country',
      'credential',
      'entity',
      'folio',
      'modality',
      'received_on',
      'sex',
      'status',
    ]);
    expect(at(4)).toEqual(['age', 'country', 'entity']);
    expect(at(5)).toEqual(['age', 'folio']);
    expect(at(7)).toEqual(['folio']);
    expect(at(8)).toEqual(['']);
    expect(details.find((d) => d.line === 7)?.message).toContain('line 2');
    expect(await fingerprint()).toBe(state);
  });

  it('rejects modalities and states outside the process', async () => {
    const auth = await createProcess('b-rules', {
      name: { es: 'x', en: 'x' },
      registration_opens: '2020-09-01',
      registration_closes: '2021-03-10',
      election_day: null,
      entities: ['09'],
      modalities: ['postal'],
    });
    const response = await postBatch(
      'b-rules',
      csv([
        row('R1', { entity: '09', modality: 'internet', received_on: '2020-10-01' }),
        row('R2', { entity: '15', modality: 'postal', received_on: '2020-10-01' }),
      ]),
      auth,
    );
    expect(response.status).toBe(422);
    expect((await problems(response)).map((d) => [d.line, d.field])).toEqual([
      [2, 'modality'],
      [3, 'entity'],
    ]);
  });

  it('names missing and repeated header columns', async () => {
    const auth = await createProcess('b-header');
    const missing = await postBatch('b-header', 'folio,received_on,country\nA,2023-10-02,US', auth);
    expect(missing.status).toBe(422);
    expect((await problems(missing)).map((d) => d.field)).toEqual([
      'entity',
      'sex',
      'age',
      'modality',
      'channel',
      'credential',
      'status',
    ]);
    const twice = await postBatch('b-header', csv([row('A')], ['folio', ...APPLICATION_FIELDS]), auth);
    expect(twice.status).toBe(422);
  });

  it('points at the line with malformed UTF-8', async () => {
    const auth = await createProcess('b-utf8');
    const text = csv([row('U1'), row('U2'), row('U3')]);
    const bytes = new TextEncoder().encode(text);
    const third = text.indexOf('U2');
    bytes[third] = 0xff;
    const response = await postBatch('b-utf8', bytes, auth);
    expect(response.status).toBe(422);
    expect((await problems(response))[0]?.line).toBe(3);
  });

  it('handles NDJSON lines that are not objects', async () => {
    const auth = await createProcess('b-ndjson');
    const body = `${JSON.stringify(row('N1'))}\n[1,2]\n{"folio":\nnull\n\n${JSON.stringify(row('N2', { age: '40' }))}`;
    const response = await postBatch('b-ndjson', body, auth, { type: 'application/x-ndjson' });
    expect(response.status).toBe(422);
    expect((await problems(response)).map((d) => d.line)).toEqual([2, 3, 4]);
  });

  it('answers 400, 401, 403, 404, 413, 415 as the contract says', async () => {
    const auth = await createProcess('b-status-codes');
    const body = csv([row('C1')]);
    expect((await postBatch('b-status-codes', body, auth, { key: null })).status).toBe(400);
    expect((await postBatch('b-status-codes', body, auth, { key: 'x'.repeat(129) })).status).toBe(400);
    expect((await postBatch('b-status-codes', body, { authorization: '' })).status).toBe(401);
    expect((await postBatch('b-status-codes', body, await bearer('staff'))).status).toBe(403);
    expect((await postBatch('no-such-process', body, auth)).status).toBe(404);
    expect((await postBatch('b-status-codes', body, auth, { type: 'application/json' })).status).toBe(415);
    expect((await postBatch('b-status-codes', body, auth, { type: 'text/csv; charset=latin1' })).status).toBe(415);
    const huge = `${'folio,received_on,country,entity,sex,age,modality,channel,credential,status\n'}${'x'.repeat(10 * 1024 * 1024)}`;
    expect((await postBatch('b-status-codes', huge, auth)).status).toBe(413);
    const many = csv(Array.from({ length: 50_001 }, (_, i) => row(`M${i}`)));
    const tooMany = await postBatch('b-status-codes', many, auth);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const empty = await postBatch('b-status-codes', '', auth);
    expect(empty.status).toBe(422);
  });

  it('caps the details at 1,000 problems', async () => {
    const auth = await createProcess('b-cap');
    const response = await postBatch(
      'b-cap',
      csv(Array.from({ length: 1_500 }, (_, i) => row(`Z${i}`, { sex: 'Q' }))),
      auth,
    );
    expect(response.status).toBe(422);
    expect(await problems(response)).toHaveLength(1_000);
  });
});

describe('figures endpoints', () => {
  it('serve ETag, 304, Cache-Control, CORS and a new version after an ingest', async () => {
    const auth = await createProcess('f-cache');
    await postBatch('f-cache', csv([row('C1'), row('C2', { country: 'CA', status: 'cumple' })]), auth);
    const first = await call('/api/v1/registrations/f-cache/summary');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('max-age=');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('server-timing')).toMatch(/rows_read=\d+/);
    const revalidated = await call('/api/v1/registrations/f-cache/summary', {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(revalidated.status).toBe(304);
    const cached = await call('/api/v1/registrations/f-cache/summary');
    expect(cached.headers.get('server-timing')).toContain('hit');
    expect(await cached.json()).toMatchObject({ total: 2 });
    await postBatch('f-cache', csv([row('C3')]), auth);
    const fresh = await call('/api/v1/registrations/f-cache/summary', { headers: { 'if-none-match': etag ?? '' } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(await fresh.json()).toMatchObject({ total: 3 });
  });

  it('filter by state and country, list every category and fill the days', async () => {
    const auth = await createProcess('f-filters');
    await postBatch(
      'f-filters',
      csv([
        row('D1', { received_on: '2023-10-01' }),
        row('D2', { received_on: '2023-10-04', entity: '05', country: 'CA' }),
        row('D3', { received_on: '2023-10-04', status: 'cumple', country: 'CA' }),
        // Ten more on the first day, so the unfiltered population is large enough to be described.
        ...Array.from({ length: 10 }, (_, i) => row(`P${i}`, { received_on: '2023-10-01' })),
      ]),
      auth,
    );
    const all = await summary('f-filters');
    expect(all.daily).toEqual([
      { date: '2023-10-01', count: 11 },
      { date: '2023-10-02', count: 0 },
      { date: '2023-10-03', count: 0 },
      { date: '2023-10-04', count: 2 },
    ]);
    expect(Object.keys(all.by_status ?? {})).toEqual(['revision', 'cumple', 'subsane', 'improcedente']);
    expect(all.by_modality).toEqual({ postal: 0, internet: 13, presencial: 0 });
    const canada15 = await summary('f-filters', '?entity=15&country=CA');
    expect(canada15).toMatchObject({
      total: 1,
      filters: { entity: '15', country: 'CA' },
      by_entity: { '15': 1 },
      by_country: { CA: 1 },
      by_status: null,
      daily: null,
      suppressed: { min_group: 10 },
    });
    const cumple = await summary('f-filters', '?scope=cumple&country=CA');
    expect(cumple.total).toBe(1);
    const none = await summary('f-filters', '?country=JP');
    expect(none).toMatchObject({ total: 0, by_country: {}, by_entity: {}, daily: [] });
    expect((await call('/api/v1/registrations/f-filters/summary?entity=09')).status).toBe(422);
    expect((await call('/api/v1/registrations/f-filters/summary?country=ZZ')).status).toBe(422);
    expect((await call('/api/v1/registrations/f-filters/summary?scope=all')).status).toBe(422);
    expect((await call('/api/v1/registrations/nope/summary')).status).toBe(404);
  });

  it('serve the country by state table as CSV', async () => {
    const auth = await createProcess('f-csv');
    await postBatch(
      'f-csv',
      csv([
        row('T1', { country: 'CA' }),
        row('T2', { country: 'CA', entity: '05' }),
        row('T3', { country: 'DE' }),
        row('T4', { country: 'AT', status: 'cumple' }),
      ]),
      auth,
    );
    const response = await call('/api/v1/registrations/f-csv/countries.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('country,country_name_es,country_name_en,total,05,15');
    expect(lines.slice(1)).toEqual(['CA,Canadá,Canada,2,1,1', 'AT,Austria,Austria,1,0,1', 'DE,Alemania,Germany,1,0,1']);
    const cumple = await (await call('/api/v1/registrations/f-csv/countries.csv?scope=cumple')).text();
    expect(cumple.trim().split('\r\n')).toHaveLength(2);
  });
});

describe('CORS on public figures', () => {
  it('answers the preflight a partner page sends for a conditional request', async () => {
    const response = await call('/api/v1/registrations/any/summary', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://partner.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('authorization');
  });
});
