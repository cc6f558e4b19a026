// Over 250 lines on purpose: unpublished → published → deleted is one lifecycle, checked over the same list of public paths and tables.
// The publication lifecycle (contract, "Electoral processes"): a process starts unpublished, visible to admin and
// staff only; every public path that names it answers the same 404 as an unknown slug, no list or default shows
// it; publishing opens every path and cannot be undone; DELETE removes a rehearsal with all its data.
import { describe, expect, it } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../../tests/support/registration-helpers.ts';
import { VIEWS } from '../domain/views.ts';

// A rehearsal whose registration window is newer than the published process's: it would be the default if the
// default were simply the newest.
const REHEARSAL = {
  ...PROCESS_BODY,
  registration_opens: '2025-09-01',
  registration_closes: '2026-02-25',
  election_day: '2026-06-07',
};
const CUT = '2025-10-15';

const put = async (slug: string, body: object) =>
  call(`/api/v1/processes/${slug}`, {
    method: 'PUT',
    headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Creates an unpublished process with applications and a cut, and a published older one beside it. */
async function rehearsal(slug: string, published: string): Promise<void> {
  await createProcess(published, { ...PROCESS_BODY, name: { es: 'Proceso publicado', en: 'Published process' } });
  expect((await put(slug, { ...REHEARSAL, name: { es: 'Ensayo secreto', en: 'Secret rehearsal' } })).status).toBe(201);
  const ingest = await bearer('ingest');
  const rows = ['A1', 'A2', 'A3'].map((folio) => row(folio, { received_on: '2025-10-02' }));
  expect((await postBatch(slug, csv(rows), ingest)).status).toBe(200);
  const cut = await call(`/api/v1/registrations/${slug}/cuts`, {
    method: 'POST',
    headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
    body: JSON.stringify({ date: CUT }),
  });
  expect(cut.status, await cut.clone().text()).toBe(201);
}

/** Every public path that names process `slug` (with its cut of CUT). */
function publicPaths(slug: string): string[] {
  const figures = `/api/v1/registrations/${slug}`;
  const image = (template: string, format: string, query = '') =>
    `/api/v1/infographics/${template}.${format}?process=${slug}${query}`;
  return [
    `/api/v1/processes/${slug}`,
    `${figures}/summary`,
    `${figures}/summary?cut=${CUT}`,
    `${figures}/countries.csv`,
    `${figures}/countries.csv?cut=${CUT}`,
    ...VIEWS.map((view) => `${figures}/views/${view}.csv`),
    `${figures}/views/summary.csv?cut=${CUT}`,
    `${figures}/cuts`,
    `${figures}/cuts/${CUT}/changes`,
    `${figures}/cuts/${CUT}.zip`,
    `/es/dashboard/?process=${slug}`,
    `/en/dashboard/?process=${slug}`,
    `/es/dashboard/?process=${slug}&cut=${CUT}`,
    `/es/dashboard/cortes/${slug}/${CUT}/`,
    `/en/dashboard/cortes/${slug}/${CUT}/`,
    `/embed/registrations?process=${slug}`,
    `/embed/registrations?process=${slug}&cut=${CUT}&view=changes`,
    ...['png', 'svg', 'json'].map((format) => image('registrations-total', format)),
    ...['png', 'svg', 'json'].map((format) => image('cut-changes', format, `&cut=${CUT}`)),
    ...['top-countries', 'by-entity', 'modality', 'deadline'].map((template) => image(template, 'json')),
    image('registrations-total', 'json', `&cut=${CUT}`),
    `/es/infografias/?process=${slug}`,
  ];
}

// The number of public paths each unpublished process is checked on (reported by the task).
const PATH_COUNT = publicPaths('x').length;

/** The body of a 404 with the slug replaced, to compare with an unknown slug's answer word for word. */
async function notFoundText(response: Response, slug: string): Promise<string> {
  return (await response.text()).replaceAll(slug, '<slug>');
}

describe('an unpublished process', () => {
  it(`answers every public path (${PATH_COUNT}) exactly like an unknown process, and 200 to admin and staff, privately`, async () => {
    await rehearsal('ensayo', 'publicado');
    const [admin, staff, ingest, partner] = await Promise.all([
      bearer('admin'),
      bearer('staff'),
      bearer('ingest'),
      bearer('partner', 'ALIADO'),
    ]);
    expect(PATH_COUNT).toBeGreaterThanOrEqual(30);
    for (const path of publicPaths('ensayo')) {
      const unknown = await call(path.replaceAll('ensayo', 'no-existe'));
      expect(unknown.status, `${path} (unknown)`).toBe(404);
      const expected = await notFoundText(unknown, 'no-existe');
      for (const headers of [{}, ingest, partner, { authorization: 'Bearer vx_nope_nope' }]) {
        const response = await call(path, { headers });
        expect(response.status, path).toBe(404);
        expect(await notFoundText(response, 'ensayo'), path).toBe(expected);
      }
      for (const who of [admin, staff]) {
        const response = await call(path, { headers: who });
        expect(response.status, `${path} (privileged)`).toBe(200);
        expect(response.headers.get('cache-control'), path).toBe('private, no-store');
        await response.arrayBuffer();
      }
      // What the privileged viewers read did not enter the shared cache.
      expect((await call(path)).status, `${path} after privileged reads`).toBe(404);
    }
    // Nor the public record of publications: it is append-only, so it would outlive the process's privacy.
    const recorded = await testEnv.DB.prepare(
      "SELECT count(*) AS n FROM publications WHERE process = 'ensayo'",
    ).first();
    expect(recorded?.n).toBe(0);
  });

  it('appears in no public list, page, image or default, even as the newest process', async () => {
    await rehearsal('ensayo-lista', 'publicado-lista');
    // The newest published process (the processes of the other tests here opened in 2023), still older than the rehearsal.
    const newer = { registration_opens: '2024-09-01', registration_closes: '2025-02-25', election_day: '2025-06-01' };
    expect(
      (
        await put('publicado-lista', {
          ...PROCESS_BODY,
          ...newer,
          name: { es: 'Proceso publicado', en: 'Published process' },
        })
      ).status,
    ).toBe(200);
    const list = await (await call('/api/v1/processes')).json<{ processes: { slug: string }[] }>();
    expect(list.processes.map((p) => p.slug)).toContain('publicado-lista');
    expect(list.processes.map((p) => p.slug)).not.toContain('ensayo-lista');
    const defaults = [
      '/es/',
      '/en/',
      '/es/dashboard/',
      '/en/dashboard/',
      '/embed/registrations',
      '/es/infografias/',
      '/api/v1/infographics/registrations-total.json',
      '/api/v1/infographics/deadline.json',
    ];
    for (const path of defaults) {
      const response = await call(path);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(text, path).not.toContain('ensayo-lista');
      expect(text, path).not.toMatch(/Ensayo secreto|Secret rehearsal/);
    }
    // The default is the published process, not the newest one.
    const home = await (await call('/es/')).text();
    expect(home).toContain('Proceso publicado');
    const image = await (await call('/api/v1/infographics/registrations-total.json')).json<{ data_version: string }>();
    expect(image.data_version).toMatch(/^publicado-lista\.v\d+\./);
    // Admin and staff see it in the list, flagged, and the dashboard says it is not public.
    for (const who of [await bearer('admin'), await bearer('staff')]) {
      const privileged = await call('/api/v1/processes', { headers: who });
      expect(privileged.headers.get('cache-control')).toBe('private, no-store');
      const processes = (await privileged.json<{ processes: { slug: string; published: boolean }[] }>()).processes;
      expect(processes.find((p) => p.slug === 'ensayo-lista')).toMatchObject({ published: false });
      expect(processes.find((p) => p.slug === 'publicado-lista')).toMatchObject({ published: true });
    }
    const staffDashboard = await call('/es/dashboard/?process=ensayo-lista', { headers: await bearer('staff') });
    expect(await staffDashboard.text()).toContain('No publicado: solo el personal lo ve');
    const staffDashboardEn = await call('/en/dashboard/?process=ensayo-lista', { headers: await bearer('staff') });
    expect(await staffDashboardEn.text()).toContain('Not published: only staff can see it');
    const published = await call('/es/dashboard/?process=publicado-lista');
    expect(await published.text()).not.toContain('No publicado');
  });

  it('accepts batches (a rehearsal loads data) and cuts', async () => {
    const ingest = await createProcess('ensayo-lotes', { ...REHEARSAL, published: false });
    const batch = await postBatch('ensayo-lotes', csv([row('L1', { received_on: '2025-10-02' })]), ingest);
    expect(batch.status).toBe(200);
    expect(await batch.json()).toMatchObject({ rows: 1, inserted: 1 });
    const summary = await call('/api/v1/registrations/ensayo-lotes/summary', { headers: await bearer('staff') });
    expect((await summary.json<{ total: number }>()).total).toBe(1);
  });
});

describe('publishing', () => {
  it('opens every public path, records published_at once, and cannot be undone', async () => {
    await rehearsal('ensayo-pub', 'publicado-pub');
    const before = await (await call('/api/v1/processes/ensayo-pub', { headers: await bearer('admin') })).json();
    expect(before).toMatchObject({ published: false, published_at: null });
    const publish = await put('ensayo-pub', { ...REHEARSAL, published: true });
    expect(publish.status).toBe(200);
    const published = await publish.json<{ published: boolean; published_at: string }>();
    expect(published.published).toBe(true);
    expect(published.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    for (const path of publicPaths('ensayo-pub')) {
      const response = await call(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).not.toContain('private');
      await response.arrayBuffer();
    }
    // Publishing again, or a PUT without `published`, keeps it published as of the first time.
    expect((await put('ensayo-pub', { ...REHEARSAL, published: true })).status).toBe(200);
    expect((await put('ensayo-pub', REHEARSAL)).status).toBe(200);
    const after = await (await call('/api/v1/processes/ensayo-pub')).json();
    expect(after).toMatchObject({ published: true, published_at: published.published_at });
    const undo = await put('ensayo-pub', { ...REHEARSAL, published: false });
    expect(undo.status).toBe(409);
    expect(await undo.text()).toContain('publishing cannot be undone');
    expect((await call('/api/v1/processes/ensayo-pub')).status).toBe(200);
  });

  it('is refused for a value other than true or false', async () => {
    expect((await put('ensayo-malo', { ...REHEARSAL, published: 'yes' })).status).toBe(422);
  });
});

// Every table that holds a process's rows, and the column that names it.
const TABLES: [string, string][] = [
  ['processes', 'slug'],
  ['applications', 'process'],
  ['registration_rollups', 'process'],
  ['registration_cuts', 'process'],
  ['registration_cut_rollups', 'process'],
  ['ingest_batches', 'process'],
  ['outreach_inetel_calls', 'process'],
  ['outreach_inetel_contacts', 'process'],
];

async function rowsOf(slug: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, column] of TABLES) {
    const found = await testEnv.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`)
      .bind(slug)
      .first<{ n: number }>();
    counts[table] = found?.n ?? 0;
  }
  return counts;
}

const del = async (slug: string, headers: Record<string, string>) =>
  call(`/api/v1/processes/${slug}`, { method: 'DELETE', headers });

describe('DELETE /api/v1/processes/{slug}', () => {
  it('needs an admin token, and refuses unknown (404) and published (409) processes', async () => {
    await rehearsal('ensayo-permisos', 'publicado-permisos');
    expect((await del('ensayo-permisos', {})).status).toBe(401);
    expect((await del('ensayo-permisos', await bearer('ingest'))).status).toBe(403);
    expect((await del('ensayo-permisos', await bearer('staff'))).status).toBe(403);
    const admin = await bearer('admin');
    expect((await del('no-existe', admin)).status).toBe(404);
    const published = await del('publicado-permisos', admin);
    expect(published.status).toBe(409);
    expect(await published.text()).toContain('is published and cannot be deleted');
    expect((await call('/api/v1/processes/publicado-permisos')).status).toBe(200);
    expect((await rowsOf('ensayo-permisos')).applications).toBe(3);
  });

  it('removes an unpublished process with all its data, and the slug can be used again', async () => {
    await rehearsal('ensayo-borrar', 'publicado-borrar');
    // Outreach figures of INETEL name a process too (staff import them for the report).
    await testEnv.DB.batch([
      testEnv.DB.prepare(
        `INSERT INTO outreach_inetel_calls (process, period_start, period_end, call_type, entity, outcome, outcome_label_es, count, is_reported_total, source, note)
         VALUES ('ensayo-borrar', '2025-09-01', '2025-10-31', 'salida', '15', 'contacto', 'Contacto', 4, 0, 'test', '')`,
      ),
      testEnv.DB.prepare(
        `INSERT INTO outreach_inetel_contacts (process, period_start, period_end, subject, dimension, category, category_label_es, count, unit, is_reported_total, source, note)
         VALUES ('ensayo-borrar', '2025-09-01', '2025-10-31', 'registro', 'tema', 'folio', 'Folio', 2, 'contactos', 0, 'test', '')`,
      ),
    ]);
    const before = await rowsOf('ensayo-borrar');
    for (const [table] of TABLES) expect(before[table], table).toBeGreaterThan(0);
    const admin = await bearer('admin');
    const oldVersion = (
      await (await call('/api/v1/processes/ensayo-borrar', { headers: admin })).json<{ data_version: number }>()
    ).data_version;
    // A privileged read of the figures before the delete, so an isolate memo or cache would have them.
    expect((await call('/api/v1/registrations/ensayo-borrar/summary', { headers: admin })).status).toBe(200);
    expect((await call(`/api/v1/registrations/ensayo-borrar/cuts/${CUT}/changes`, { headers: admin })).status).toBe(
      200,
    );

    const deleted = await del('ensayo-borrar', admin);
    expect(deleted.status).toBe(204);
    expect(Object.values(await rowsOf('ensayo-borrar'))).toEqual(TABLES.map(() => 0));
    expect((await call('/api/v1/processes/ensayo-borrar', { headers: admin })).status).toBe(404);
    expect((await del('ensayo-borrar', admin)).status).toBe(404);

    // The slug is free: a new process under it starts with no figures, no cuts and a data version never used.
    expect((await put('ensayo-borrar', { ...REHEARSAL, published: true })).status).toBe(201);
    const again = await (await call('/api/v1/processes/ensayo-borrar')).json<{ data_version: number }>();
    expect(again.data_version).toBeGreaterThan(oldVersion);
    const summary = await (await call('/api/v1/registrations/ensayo-borrar/summary')).json<{ total: number }>();
    expect(summary.total).toBe(0);
    expect(await (await call('/api/v1/registrations/ensayo-borrar/cuts')).json()).toEqual([]);
    expect((await call(`/api/v1/registrations/ensayo-borrar/cuts/${CUT}/changes`)).status).toBe(404);
    expect((await call(`/api/v1/registrations/ensayo-borrar/summary?cut=${CUT}`)).status).toBe(404);
  });
});
