// The crosswalk of the 32 states, and `entity=` under its three names: INEGI code, ISO 3166-2 and OCD id give
// byte-identical answers from one cache entry (the name is made INEGI before validation and cache keys).
import { describe, expect, it } from 'vitest';
import { call } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../../tests/support/registration-helpers.ts';

const SLUG = 'entities-crosswalk';
// Written by hand from ISO 3166-2:MX and OCD's states.csv: Mexico City is `df` to OCD and `CMX` to ISO.
const STATE_OF_MEXICO = ['15', 'MX-MEX', 'ocd-division/country:mx/state:em'];

describe('GET /api/v1/entities', () => {
  it('lists the 32 states with INEGI code, names, ISO 3166-2 and the OCD id from the file', async () => {
    const response = await call('/api/v1/entities');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const list = (await response.json()) as Record<string, string>[];
    expect(list).toHaveLength(32);
    expect(new Set(list.map((e) => e.ocd_id)).size).toBe(32);
    expect(list.find((e) => e.code === '14')).toEqual({
      code: '14',
      name_es: 'Jalisco',
      name_en: 'Jalisco',
      iso_3166_2: 'MX-JAL',
      ocd_id: 'ocd-division/country:mx/state:ja',
    });
    expect(list.find((e) => e.code === '09')).toMatchObject({
      iso_3166_2: 'MX-CMX',
      ocd_id: 'ocd-division/country:mx/state:df',
    });
    expect(list.find((e) => e.code === '15')).toMatchObject({
      name_es: 'Estado de México',
      ocd_id: STATE_OF_MEXICO[2],
    });
    expect(list.find((e) => e.code === '05')).toMatchObject({
      iso_3166_2: 'MX-COA',
      ocd_id: 'ocd-division/country:mx/state:co',
    });
  });

  it('gives the same crosswalk as CSV', async () => {
    const response = await call('/api/v1/entities.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('code,name_es,name_en,iso_3166_2,ocd_id');
    expect(lines).toHaveLength(33);
    expect(lines).toContain('09,Ciudad de México,Mexico City,MX-CMX,ocd-division/country:mx/state:df');
  });
});

describe('entity= as INEGI code, ISO 3166-2 or OCD id', () => {
  const paths = [
    (entity: string) => `/api/v1/registrations/${SLUG}/summary?entity=${encodeURIComponent(entity)}`,
    (entity: string) => `/api/v1/registrations/${SLUG}/views/countries.csv?entity=${encodeURIComponent(entity)}`,
    (entity: string) => `/embed/registrations?process=${SLUG}&entity=${encodeURIComponent(entity)}`,
    (entity: string) => `/es/dashboard/?process=${SLUG}&entity=${encodeURIComponent(entity)}`,
    (entity: string) => `/api/v1/infographics/modality.svg?process=${SLUG}&entity=${encodeURIComponent(entity)}`,
  ];

  it('answers byte for byte the same, from one cache entry', async () => {
    const ingest = await createProcess(SLUG, PROCESS_BODY);
    const rows = Array.from({ length: 12 }, (_, i) => row(`E${i}`, { entity: i < 8 ? '15' : '05' }));
    expect((await postBatch(SLUG, csv(rows), ingest)).status).toBe(200);
    for (const path of paths) {
      const answers = [];
      for (const name of STATE_OF_MEXICO) {
        const response = await call(path(name));
        expect(response.status, path(name)).toBe(200);
        answers.push({
          etag: response.headers.get('etag'),
          cache: response.headers.get('server-timing'),
          body: await response.text(),
        });
      }
      const [inegi, iso, ocd] = answers;
      expect(iso?.body).toBe(inegi?.body);
      expect(ocd?.body).toBe(inegi?.body);
      expect(iso?.etag).toBe(inegi?.etag);
      expect(ocd?.etag).toBe(inegi?.etag);
      expect(inegi?.cache, path('15')).toContain('cache;desc="miss"');
      expect(iso?.cache, path('MX-MEX')).toContain('cache;desc="hit"');
      expect(ocd?.cache, path('ocd')).toContain('cache;desc="hit"');
    }
    const summary = JSON.parse((await (await call(paths[0]?.('mx-mex') ?? '')).text()) as string);
    expect(summary.filters.entity).toBe('15');
    expect(summary.total).toBe(8);
  });

  it('refuses a name of no state in the contract error shape', async () => {
    for (const name of ['MX-XXX', 'ocd-division/country:mx/state:zz', '33']) {
      const response = await call(`/api/v1/registrations/${SLUG}/summary?entity=${encodeURIComponent(name)}`);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { details: { field: string }[] } };
      expect(body.error.details[0]?.field).toBe('entity');
    }
  });
});
