// Over 250 lines on purpose: a cut followed through every way it is taken and read (cron, admin, list, figures, changes, package, pages), with one set of helpers.
// The contract's "Cuts": dated, frozen copies of a process's figures. Each line over HTTP: the scheduled cut at
// 23:59 Mexico City (with the 2022 daylight saving and without it from 2023), taking one as an admin, the list,
// `cut=` on every figures endpoint with immutable answers, what changed, and the data package.
import { createScheduledController } from 'cloudflare:test';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row, summary } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';
import { CUTS_CRON } from '../scheduled.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

const admin = async () => ({ ...(await bearer('admin')), 'content-type': 'application/json' });
const postCut = async (slug: string, body: unknown, headers?: Record<string, string>) =>
  call(`/api/v1/registrations/${slug}/cuts`, {
    method: 'POST',
    headers: headers ?? (await admin()),
    body: JSON.stringify(body),
  });
const cron = (at: string) =>
  worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: CUTS_CRON }), testEnv as never);
const cutDates = async (slug: string) =>
  ((await (await call(`/api/v1/registrations/${slug}/cuts`)).json()) as { date: string }[]).map((c) => c.date);

/**
 * A process of its own for each test (no test reads what another left): 30 applications (20 meet requirements)
 * in October 2023, the cut of 15 October, then 15 more in November from Spain. With `cuts`, the cuts of those
 * dates too: '2023-11-15' after the 15, and '2023-11-20' after 3 more from France.
 */
async function seeded(slug: string, cuts: ('2023-11-15' | '2023-11-20')[] = []) {
  const auth = await createProcess(slug);
  const first = [
    ...Array.from({ length: 20 }, (_, i) => row(`A${i}`, { status: 'cumple' })),
    ...Array.from({ length: 10 }, (_, i) => row(`B${i}`, { entity: '05', country: 'CA', modality: 'postal' })),
  ];
  expect((await postBatch(slug, csv(first), auth)).status).toBe(200);
  expect((await postCut(slug, { date: '2023-10-15' })).status).toBe(201);
  const second = Array.from({ length: 15 }, (_, i) =>
    row(`C${i}`, { received_on: '2023-11-02', country: 'ES', sex: 'H', status: 'cumple' }),
  );
  expect((await postBatch(slug, csv(second), auth, { key: 'second' })).status).toBe(200);
  if (cuts.includes('2023-11-15')) expect((await postCut(slug, { date: '2023-11-15' })).status).toBe(201);
  if (cuts.includes('2023-11-20')) {
    const few = Array.from({ length: 3 }, (_, i) => row(`D${i}`, { country: 'FR', received_on: '2023-11-03' }));
    expect((await postBatch(slug, csv(few), auth)).status).toBe(200);
    expect((await postCut(slug, { date: '2023-11-20' })).status).toBe(201);
  }
  return slug;
}

/** A breakdown of changes as one line, "code before→after (change)", in the answer's order. */
function moves(rows: unknown): string {
  return (rows as { code: string; before: number; after: number; change: number }[])
    .map((r) => `${r.code} ${r.before}→${r.after} (${r.change > 0 ? '+' : ''}${r.change})`)
    .join(', ');
}

describe('taking a cut', () => {
  it('is for admins only: 401 without a token, 403 for another scope, 422 for a bad date', async () => {
    const SLUG = await seeded('cuts-admins');
    expect((await postCut(SLUG, { date: '2023-10-31' }, { 'content-type': 'application/json' })).status).toBe(401);
    for (const scope of ['ingest', 'staff', 'partner'] as const) {
      const headers = { ...(await bearer(scope)), 'content-type': 'application/json' };
      expect((await postCut(SLUG, { date: '2023-10-31' }, headers)).status, scope).toBe(403);
    }
    for (const date of ['2023-02-30', '15/11/2023', '', '2999-01-01', '2023-08-31']) {
      const response = await postCut(SLUG, { date });
      expect(response.status, date).toBe(422);
      const body = (await response.json()) as { error: { code: string; details: { field: string }[] } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details[0]?.field).toBe('date');
    }
    expect((await postCut('no-such-process', { date: '2023-10-31' })).status).toBe(404);
    expect(await cutDates(SLUG)).toEqual(['2023-10-15']);
  });

  it('answers 409 for a cut that exists and leaves it as it was', async () => {
    const SLUG = await seeded('cuts-409');
    const before = await (await call(`/api/v1/registrations/${SLUG}/cuts`)).json();
    const response = await postCut(SLUG, { date: '2023-10-15' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect(await (await call(`/api/v1/registrations/${SLUG}/cuts`)).json()).toEqual(before);
    // Nor can a cut be slipped in before the latest: the later cut's changes would no longer be what they said.
    const earlier = await postCut(SLUG, { date: '2023-10-01' });
    expect(earlier.status).toBe(409);
    expect(((await earlier.json()) as { error: { message: string } }).error.message).toContain('2023-10-15');
    expect(await (await call(`/api/v1/registrations/${SLUG}/cuts`)).json()).toEqual(before);
  });
});

describe('the scheduled cuts', () => {
  it('are taken at 23:59 Mexico City on the 15th and the last day, with 2022 daylight saving (UTC-5)', async () => {
    await createProcess('cuts-2022', {
      ...PROCESS_BODY,
      registration_opens: '2022-09-01',
      registration_closes: '2022-11-15',
      election_day: '2023-06-04',
    });
    // 15 September 2022 ends at 04:59 UTC on the 16th (CDT); 05:59 UTC is already 00:59 on the 16th.
    await cron('2022-09-16T04:59:00Z');
    await cron('2022-09-16T05:59:00Z');
    // 14 September (04:59 UTC on the 15th is 23:59 on the 14th) is not a cut day.
    await cron('2022-09-15T04:59:00Z');
    // 31 October 2022: DST ended on 30 October, so 23:59 is 05:59 UTC on 1 November, not 04:59.
    await cron('2022-11-01T04:59:00Z');
    expect(await cutDates('cuts-2022')).toEqual(['2022-09-15']);
    await cron('2022-11-01T05:59:00Z');
    expect(await cutDates('cuts-2022')).toEqual(['2022-10-31', '2022-09-15']);
  });

  it('use UTC-6 all year from 2023, end on election day, and are idempotent when the cron fires twice', async () => {
    const SLUG = await seeded('cuts-utc6');
    // PROCESS_BODY: 2023-09-01 to 2024-02-25, election 2024-06-02. 15 September 2023 ends at 05:59 UTC (no DST).
    await cron('2023-09-16T04:59:00Z');
    expect(await cutDates(SLUG)).toEqual(['2023-10-15']);
    await cron('2023-09-16T05:59:00Z');
    const once = await (await call(`/api/v1/registrations/${SLUG}/cuts`)).json();
    await cron('2023-09-16T05:59:00Z');
    expect(await (await call(`/api/v1/registrations/${SLUG}/cuts`)).json()).toEqual(once);
    expect(await cutDates(SLUG)).toEqual(['2023-10-15', '2023-09-15']);
    // 31 August (before the window) and 15 June 2024 (after election day) take none.
    await cron('2023-09-01T05:59:00Z');
    await cron('2024-06-16T05:59:00Z');
    expect(await cutDates(SLUG)).toEqual(['2023-10-15', '2023-09-15']);
    // A leap year's February ends on the 29th.
    await cron('2024-03-01T05:59:00Z');
    expect(await cutDates(SLUG)).toEqual(['2024-02-29', '2023-10-15', '2023-09-15']);
  });
});

describe('a cut', () => {
  it('is listed newest first with date, taken_at, as_of, total, cumple and links', async () => {
    const SLUG = await seeded('cuts-list');
    expect((await postCut(SLUG, { date: '2023-11-15' })).status).toBe(201);
    const response = await call(`/api/v1/registrations/${SLUG}/cuts`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const list = (await response.json()) as Record<string, unknown>[];
    expect(list.map((c) => c.date)).toEqual(['2023-11-15', '2023-10-15']);
    expect(list[1]).toMatchObject({ date: '2023-10-15', total: 30, cumple: 20 });
    expect(list[0]).toMatchObject({ date: '2023-11-15', total: 45, cumple: 35 });
    for (const cut of list) {
      expect(Object.keys(cut)).toEqual(['date', 'taken_at', 'as_of', 'total', 'cumple', 'links']);
      expect(cut.taken_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(Object.keys(cut.links as object)).toEqual(
        expect.arrayContaining(['summary', 'countries_csv', 'changes', 'package', 'report_es', 'report_en']),
      );
    }
  });

  it('keeps its figures while the live ones move, with immutable answers', async () => {
    const SLUG = await seeded('cuts-frozen');
    const live = await summary(SLUG);
    expect(live.total).toBe(45);
    const response = await call(`/api/v1/registrations/${SLUG}/summary?cut=2023-10-15`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    const frozen = (await response.json()) as typeof live;
    expect(frozen.total).toBe(30);
    expect(frozen.by_country).toEqual({ US: 20, CA: 10 });
    expect(frozen.by_status).toMatchObject({ cumple: 20, revision: 10 });
    expect(frozen.daily).toEqual([{ date: '2023-10-02', count: 30 }]);
    // Filters read the cut too: its 20 that meet requirements are all in the United States, and Canada's 10
    // (all from state 05, all postal) are 10, not a small group, so their breakdowns are shown (a small group on a
    // cut is withheld: see "withholds the moves of a small group").
    const cumple = await (await call(`/api/v1/registrations/${SLUG}/summary?cut=2023-10-15&scope=cumple`)).json();
    expect(cumple).toMatchObject({ total: 20, by_country: { US: 20 } });
    const canada = (await (
      await call(`/api/v1/registrations/${SLUG}/summary?cut=2023-10-15&country=CA`)
    ).json()) as Record<string, unknown>;
    expect(canada).toMatchObject({ total: 10, by_entity: { '05': 10 }, by_modality: { postal: 10 } });
    expect(canada.suppressed).toBeUndefined();
    // A live answer is not immutable.
    expect((await call(`/api/v1/registrations/${SLUG}/summary`)).headers.get('cache-control')).not.toContain(
      'immutable',
    );
  });

  it('answers 404 for an unknown cut on every figures endpoint, and 422 for a malformed one', async () => {
    const SLUG = await seeded('cuts-404');
    const paths = [
      `/api/v1/registrations/${SLUG}/summary?cut=2023-10-16`,
      `/api/v1/registrations/${SLUG}/countries.csv?cut=2023-10-16`,
      `/api/v1/registrations/${SLUG}/views/countries.csv?cut=2023-10-16`,
      `/api/v1/registrations/${SLUG}/cuts/2023-10-16/changes`,
      `/api/v1/registrations/${SLUG}/cuts/2023-10-16.zip`,
      `/api/v1/infographics/registrations-total.json?process=${SLUG}&cut=2023-10-16`,
      `/embed/registrations?process=${SLUG}&cut=2023-10-16`,
      `/es/dashboard/?process=${SLUG}&cut=2023-10-16`,
      `/en/dashboard/cortes/${SLUG}/2023-10-16/`,
    ];
    for (const path of paths) expect((await call(path)).status, path).toBe(404);
    expect((await call(`/api/v1/registrations/${SLUG}/summary?cut=yesterday`)).status).toBe(422);
  });

  it('is served by countries.csv, the view CSVs, the embed, the dashboard and the images, immutably', async () => {
    const SLUG = await seeded('cuts-served');
    const countries = await call(`/api/v1/registrations/${SLUG}/countries.csv?cut=2023-10-15`);
    expect(countries.status).toBe(200);
    expect(countries.headers.get('cache-control')).toBe(IMMUTABLE);
    const text = await countries.text();
    expect(text).toContain('US,');
    expect(text).not.toContain('ES,');
    const view = await call(`/api/v1/registrations/${SLUG}/views/countries.csv?cut=2023-10-15&lang=en`);
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(await view.text()).toMatch(/^total,,registration applications received,30,1$/m);
    const embed = await call(`/embed/registrations?process=${SLUG}&cut=2023-10-15&lang=es`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('cache-control')).toBe(IMMUTABLE);
    const html = await embed.text();
    expect(html).toContain('Cifras al corte del 15 de octubre de 2023');
    expect(html).toContain('Ver las cifras más recientes');
    const page = await call(`/en/dashboard/?process=${SLUG}&cut=2023-10-15`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe(IMMUTABLE);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Figures as of the cut of October 15, 2023');
    expect(pageHtml).toContain(`href="/en/dashboard/?process=${SLUG}"`);
    expect(pageHtml).toContain(`cut=2023-10-15`);
    const image = await call(`/api/v1/infographics/registrations-total.json?process=${SLUG}&cut=2023-10-15`);
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toBe(IMMUTABLE);
    const alt = ((await image.json()) as { alt: { es: string } }).alt.es;
    expect(alt).toContain('30');
  });

  it('says what changed since the previous cut, largest moves first', async () => {
    const SLUG = await seeded('cuts-changes', ['2023-11-15']);
    const response = await call(`/api/v1/registrations/${SLUG}/cuts/2023-11-15/changes`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    const changes = (await response.json()) as Record<string, unknown>;
    expect(changes).toMatchObject({ from: '2023-10-15', to: '2023-11-15' });
    expect(changes.total).toEqual({ before: 30, after: 45, change: 15 });
    expect((changes.by_country as unknown[])[0]).toEqual({ code: 'ES', before: 0, after: 15, change: 15 });
    expect(changes.by_status).toContainEqual({ code: 'cumple', before: 20, after: 35, change: 15 });
    const first = (await (await call(`/api/v1/registrations/${SLUG}/cuts/2023-10-15/changes`)).json()) as {
      from: null;
      total: object;
    };
    expect(first.from).toBeNull();
    expect(first.total).toEqual({ before: 0, after: 30, change: 30 });
  });

  it('withholds the moves of a small group on either side', async () => {
    const SLUG = await seeded('cuts-small', ['2023-11-15']);
    // Spain had no one at the first cut and 15 at the second; state 05 in Spain is 0 then 0; Spain alone at the
    // first cut is 0 (not a small group). Canada's 10, then 10: fine. The US from state 05: 0 and 0.
    const spain = (await (
      await call(`/api/v1/registrations/${SLUG}/cuts/2023-11-15/changes?country=ES`)
    ).json()) as Record<string, unknown>;
    expect(spain.total).toEqual({ before: 0, after: 15, change: 15 });
    // Every category is listed, zeros included, largest move first.
    expect(moves(spain.by_sex)).toBe('H 0→15 (+15), M 0→0 (0), X 0→0 (0)');
    const canada = (await (
      await call(`/api/v1/registrations/${SLUG}/cuts/2023-11-15/changes?country=CA`)
    ).json()) as Record<string, unknown>;
    expect(canada.total).toEqual({ before: 10, after: 10, change: 0 });
    expect(moves(canada.by_modality)).toBe('postal 10→10 (0), internet 0→0 (0), presencial 0→0 (0)');
    expect(canada.suppressed).toBeUndefined();
    const usFrom05 = (await (
      await call(`/api/v1/registrations/${SLUG}/cuts/2023-11-15/changes?country=US&entity=05`)
    ).json()) as Record<string, unknown>;
    // A state within a country keeps its counts and never has breakdowns (rule 2), on either side.
    expect(usFrom05.total).toEqual({ before: 0, after: 0, change: 0 });
    expect(usFrom05.by_sex).toBeNull();
    expect(usFrom05.by_status).toBeNull();
    expect(usFrom05.suppressed).toMatchObject({ min_group: 10, reason: 'cross' });
    const auth = await bearer('ingest');
    const few = Array.from({ length: 3 }, (_, i) => row(`D${i}`, { country: 'FR', received_on: '2023-11-03' }));
    expect((await postBatch(SLUG, csv(few), auth)).status).toBe(200);
    expect((await postCut(SLUG, { date: '2023-11-20' })).status).toBe(201);
    const france = (await (
      await call(`/api/v1/registrations/${SLUG}/cuts/2023-11-20/changes?country=FR`)
    ).json()) as Record<string, unknown>;
    expect(france.total).toEqual({ before: 0, after: 3, change: 3 });
    for (const field of ['by_sex', 'by_status', 'by_modality', 'by_channel', 'by_credential', 'by_age_band'])
      expect(france[field], field).toBeNull();
    expect(france.suppressed).toMatchObject({ min_group: 10 });
    // The summary on the cut withholds them too, its total and country exact.
    const onCut = (await (
      await call(`/api/v1/registrations/${SLUG}/summary?cut=2023-11-20&country=FR`)
    ).json()) as Record<string, unknown>;
    expect(onCut).toMatchObject({ total: 3, by_country: { FR: 3 }, by_sex: null, by_modality: null, daily: null });
  });

  it('comes as a data package: one CSV per table, metadata.json with checksums, a bilingual README', async () => {
    const SLUG = await seeded('cuts-package');
    const response = await call(`/api/v1/registrations/${SLUG}/cuts/2023-10-15.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files);
    for (const table of ['modality', 'credential', 'country', 'sex', 'channel', 'status', 'entity'])
      expect(names).toContain(`${table}.csv`);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const metadata = JSON.parse(text('metadata.json'));
    expect(metadata).toMatchObject({ process: { slug: SLUG }, cut: '2023-10-15', scope: 'received', total: 30 });
    expect(metadata.licence).toBe('CC-BY-4.0');
    // taken_at and as_of are the cut's, as the list of cuts gives them: as_of is the moment its figures were
    // applied, before the second batch moved the live as_of.
    const listed = ((await (await call(`/api/v1/registrations/${SLUG}/cuts`)).json()) as Record<string, string>[]).find(
      (c) => c.date === '2023-10-15',
    );
    expect(metadata.taken_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    expect(metadata.as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect({ taken_at: metadata.taken_at, as_of: metadata.as_of }).toEqual({
      taken_at: listed?.taken_at,
      as_of: listed?.as_of,
    });
    expect(metadata.as_of <= ((await summary(SLUG)).as_of ?? '')).toBe(true);
    expect(metadata.how_to_cite.es).toContain(
      'INE, registro para votar desde el extranjero, corte al 15 de octubre de 2023, consultado',
    );
    for (const file of metadata.files) {
      const digest = await crypto.subtle.digest('SHA-256', files[file.name] as Uint8Array<ArrayBuffer>);
      const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      expect(file.sha256, file.name).toBe(hex);
    }
    expect(metadata.files.map((f: { name: string }) => f.name).sort()).toEqual(
      names.filter((n) => n.endsWith('.csv')).sort(),
    );
    expect(text('country.csv')).toContain('US,Estados Unidos');
    const readme = text('README.md');
    expect(readme).toContain('corte al 15 de octubre de 2023');
    expect(readme).toContain('cut of October 15, 2023');
    // The same cut is the same bytes every time.
    const again = await call(`/api/v1/registrations/${SLUG}/cuts/2023-10-15.zip`);
    expect(again.headers.get('etag')).toBe(response.headers.get('etag'));
  });
});

describe('pages of cuts', () => {
  it('show what changed since the last cut: the dashboard panel and the embed view', async () => {
    const SLUG = await seeded('cuts-pages', ['2023-11-15', '2023-11-20']);
    const embed = await call(`/embed/registrations?process=${SLUG}&cut=2023-11-15&view=changes&lang=es`);
    expect(embed.status).toBe(200);
    const html = await embed.text();
    expect(html).toContain('Del corte del 15 de octubre de 2023 al del 15 de noviembre de 2023');
    expect(html).toContain('de 30 a 45 (+15)');
    expect(html).toContain('España: +15 (0 → 15)');
    const live = await (await call(`/en/dashboard/?process=${SLUG}`)).text();
    expect(live).toContain('Since the last cut');
    // No application since the last cut: a plain sentence, not "went from 48 to 48 (0)".
    expect(live).toContain('No change since the cut of November 20, 2023: 48 applications.');
    expect(live).not.toContain('went from 48 to 48');
    // The list of cuts links each one's figures, printable report and data package.
    expect(live).toContain(`/en/dashboard/cortes/${SLUG}/2023-11-15/`);
    expect(live).toContain(`/api/v1/registrations/${SLUG}/cuts/2023-11-15.zip`);
    const csv = await (await call(`/api/v1/registrations/${SLUG}/views/changes.csv?cut=2023-11-15&lang=en`)).text();
    // After the line that names the publication (its verification code).
    expect(csv.split('\r\n')[1]).toBe('table,code,label,before,after,change');
    expect(csv).toContain('country,ES,Spain,0,15,15');
  });

  it('print as a report with every table of the fortnightly reports and the changes, in both languages', async () => {
    const SLUG = await seeded('cuts-report', ['2023-11-15']);
    for (const [lang, words] of [
      ['es', ['Informe del corte del 15 de noviembre de 2023', 'Modalidad de voto', 'Cambios desde el corte del']],
      ['en', ['Report of the cut of November 15, 2023', 'Voting method', 'Changes since the cut of']],
    ] as const) {
      const response = await call(`/${lang}/dashboard/cortes/${SLUG}/2023-11-15/`);
      expect(response.status, lang).toBe(200);
      expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
      const page = await response.text();
      for (const word of words) expect(page, lang).toContain(word);
      for (const table of ['modality', 'credential', 'countries', 'sex', 'channel', 'status', 'entities', 'changes'])
        expect(page, table).toContain(`data-table="${table}"`);
      expect(page).toContain('@bottom-left');
    }
    expect((await call(`/es/dashboard/cortes/${SLUG}/2023-11-16/`)).status).toBe(404);
    expect((await call(`/es/dashboard/cortes/nobody/2023-11-15/`)).status).toBe(404);
  });

  it('label a modelled day-by-day series wherever it is shown', async () => {
    const SLUG = await seeded('cuts-published-series');
    await createProcess('cuts-illustrative', { ...PROCESS_BODY, illustrative: ['daily'] });
    const auth = await bearer('ingest');
    const rows = Array.from({ length: 12 }, (_, i) => row(`I${i}`));
    expect((await postBatch('cuts-illustrative', csv(rows), auth)).status).toBe(200);
    const process = (await (await call('/api/v1/processes/cuts-illustrative')).json()) as { illustrative: string[] };
    expect(process.illustrative).toEqual(['daily']);
    const es = await (await call('/embed/registrations?process=cuts-illustrative&view=timeline&lang=es')).text();
    expect(es).toContain('Distribución por día ilustrativa: los informes publican totales');
    const en = await (await call('/en/dashboard/?process=cuts-illustrative')).text();
    expect(en).toContain('Day-by-day distribution is illustrative: the reports publish totals');
    const timeline = await (await call('/api/v1/registrations/cuts-illustrative/views/timeline.csv?lang=en')).text();
    expect(timeline.split('\r\n')[1]).toBe('date,daily,cumulative,note');
    expect(timeline).toContain('Day-by-day distribution is illustrative');
    const image = (await (
      await call('/api/v1/infographics/registrations-total.json?process=cuts-illustrative')
    ).json()) as { alt: { es: string; en: string } };
    expect(image.alt.es).toContain('Distribución por día ilustrativa: los informes publican totales');
    expect(image.alt.en).toContain('Day-by-day distribution is illustrative: the reports publish totals');
    // A process whose series is published says nothing of the kind.
    expect(await (await call(`/embed/registrations?process=${SLUG}&view=timeline`)).text()).not.toContain(
      'ilustrativa',
    );
  });
});

describe('the cut-changes infographic', () => {
  it('draws what changed since the previous cut, immutable when the cut is named', async () => {
    const SLUG = await seeded('cuts-infographic', ['2023-11-15']);
    // A square: a link card (the default size) has no room for the country moves, so its text names none.
    const info = await call(`/api/v1/infographics/cut-changes.json?process=${SLUG}&cut=2023-11-15&lang=en&size=square`);
    expect(info.status, await info.clone().text()).toBe(200);
    expect(info.headers.get('cache-control')).toBe(IMMUTABLE);
    const { alt } = (await info.json()) as { alt: { es: string; en: string } };
    expect(alt.en).toContain('From the cut of October 15, 2023 to that of November 15, 2023');
    expect(alt.en).toContain('Spain: +15 (0 › 15)');
    expect(alt.es).toContain('España: +15 (0 › 15)');
    const png = await call(`/api/v1/infographics/cut-changes.png?process=${SLUG}&cut=2023-11-15&size=square`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await call(`/api/v1/infographics/cut-changes.png?process=${SLUG}&cut=2023-11-14`)).status).toBe(404);
    const listed = (await (await call('/api/v1/infographics')).json()) as { template: string }[];
    expect(listed.map((t) => t.template)).toContain('cut-changes');
  });
});
