import { describe, expect, it } from 'vitest';
import { bearer, call } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../../tests/support/registration-helpers.ts';

const put = (slug: string, body: unknown, headers: Record<string, string>) =>
  call(`/api/v1/processes/${slug}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('PUT /api/v1/processes/{slug}', () => {
  it('creates (201), then replaces (200), and once published anyone can GET it', async () => {
    const auth = await bearer('admin');
    const created = await put('pef-2023-2024', { ...PROCESS_BODY, published: true }, auth);
    expect(created.status).toBe(201);
    const replaced = await put(
      'pef-2023-2024',
      { ...PROCESS_BODY, name: { es: 'Otro nombre', en: 'Other name' } },
      auth,
    );
    expect(replaced.status).toBe(200);
    const one = await call('/api/v1/processes/pef-2023-2024');
    expect(one.status).toBe(200);
    expect(one.headers.get('access-control-allow-origin')).toBe('*');
    const body = await one.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      ...PROCESS_BODY,
      slug: 'pef-2023-2024',
      name: { es: 'Otro nombre', en: 'Other name' },
      // A PUT that leaves `published` out keeps the process published.
      published: true,
    });
    const list = await (await call('/api/v1/processes')).json<{ processes: { slug: string }[] }>();
    expect(list.processes.map((p) => p.slug)).toContain('pef-2023-2024');
  });

  it('keeps the data version on an identical PUT and moves it on a change', async () => {
    const auth = await bearer('admin');
    await put('pel-version', { ...PROCESS_BODY, published: true }, auth);
    const version = async () =>
      (await (await call('/api/v1/processes/pel-version')).json<{ data_version: number }>()).data_version;
    const first = await version();
    await put('pel-version', PROCESS_BODY, auth);
    expect(await version()).toBe(first);
    await put('pel-version', { ...PROCESS_BODY, election_day: null }, auth);
    expect(await version()).toBe(first + 1);
  });

  it('needs an admin token: the feed (ingest) cannot rename what every embed shows', async () => {
    expect((await put('pel-x1', PROCESS_BODY, {})).status).toBe(401);
    expect((await put('pel-x1', PROCESS_BODY, await bearer('staff'))).status).toBe(403);
    expect((await put('pel-x1', PROCESS_BODY, await bearer('ingest'))).status).toBe(403);
  });

  it('validates slug, content type and every field', async () => {
    const auth = await bearer('admin');
    expect((await put('Bad_Slug', PROCESS_BODY, auth)).status).toBe(422);
    expect((await put('a', PROCESS_BODY, auth)).status).toBe(422);
    expect((await put('ok-slug', '{"name":', auth)).status).toBe(400);
    const wrongType = await call('/api/v1/processes/ok-slug', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: JSON.stringify(PROCESS_BODY),
    });
    expect(wrongType.status).toBe(415);
    const bad = await put(
      'ok-slug',
      {
        ...PROCESS_BODY,
        registration_opens: '2024-02-30',
        registration_closes: '2023-01-01',
        entities: ['05', '05', '33'],
        modalities: ['fax'],
        extra: true,
      },
      auth,
    );
    expect(bad.status).toBe(422);
    const body = await bad.json<{ error: { code: string; details: { field: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    const fields = body.error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['registration_opens', 'entities.2', 'modalities.0']));
    expect((await put('ok-slug', { ...PROCESS_BODY, election_day: '2024-01-01' }, auth)).status).toBe(422);
  });

  it('refuses to drop a state that already has applications (409)', async () => {
    const auth = await createProcess('pel-drop');
    expect((await postBatch('pel-drop', csv([row('A1', { entity: '05' })]), auth)).status).toBe(200);
    const admin = await bearer('admin');
    const response = await put('pel-drop', { ...PROCESS_BODY, entities: ['15'] }, admin);
    expect(response.status).toBe(409);
    expect((await put('pel-drop', { ...PROCESS_BODY, entities: ['05', '15', '09'] }, admin)).status).toBe(200);
  });

  it('404 in the JSON shape for an unknown process', async () => {
    const response = await call('/api/v1/processes/no-such-process');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
