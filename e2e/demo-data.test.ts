// The demo data, loaded by `npm start`'s seed step through the public API, reproduces every published
// table that the public API can show, cell by cell, read over HTTP as a partner would.
import { describe, expect, it } from 'vitest';
import { PROCESS_SLUGS, publishedCountryEntity, publishedCounts } from '../db/seed/published.ts';
import { REPORT_CUTS, seedDemoData } from '../db/seed/seed.ts';
import { sharedServer } from './support/session.ts';

// The shared server, whose demo data `shared-server.ts` loaded with `seedDemoData` as `npm start` does.
const server = sharedServer();
const summaries = new Map<string, Record<string, Record<string, number> | number>>();

async function summary(slug: string, scope: string, entity: string | null, cut: string | null) {
  const key = `${slug}|${scope}|${entity}|${cut}`;
  const cached = summaries.get(key);
  if (cached) return cached;
  const query = new URLSearchParams({ scope, ...(entity ? { entity } : {}), ...(cut ? { cut } : {}) });
  const response = await fetch(`${server.url}/api/v1/registrations/${slug}/summary?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, Record<string, number> | number>;
  summaries.set(key, body);
  return body;
}

async function countriesCsv(
  slug: string,
  scope: string,
  cut: string | null,
): Promise<Map<string, Record<string, string>>> {
  const response = await fetch(
    `${server.url}/api/v1/registrations/${slug}/countries.csv?scope=${scope}${cut ? `&cut=${cut}` : ''}`,
  );
  expect(response.status).toBe(200);
  const [header = '', ...lines] = (await response.text()).trim().split('\r\n');
  const columns = header.split(',');
  return new Map(
    lines.map((line) => {
      // Country names may be quoted (they can contain commas); the codes and counts never are.
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
      const record = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
      return [record.country ?? '', record];
    }),
  );
}

/** Each demo process and its cuts as the API shows them. */
async function readAll(): Promise<Map<string, unknown[]>> {
  const read = async (slug: string) => [
    await (await fetch(`${server.url}/api/v1/processes/${slug}`)).json(),
    await (await fetch(`${server.url}/api/v1/registrations/${slug}/cuts`)).json(),
  ];
  return new Map(await Promise.all(PROCESS_SLUGS.map(async (slug) => [slug, await read(slug)] as const)));
}

let loadedAgain: Promise<{ before: Map<string, unknown[]>; after: Map<string, unknown[]> }> | undefined;

/** Loads the demo data a second time, once for the whole file (a load takes tens of seconds), reading before and after. */
function loadAgain() {
  loadedAgain ??= (async () => {
    const before = await readAll();
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    return { before, after: await readAll() };
  })();
  return loadedAgain;
}

// The published-tables check runs against the live figures and against the cut at each report's cut-off date.
const SOURCES = PROCESS_SLUGS.flatMap((slug) => [
  [slug, null],
  [slug, REPORT_CUTS[slug].at(-1) ?? null],
]) as [(typeof PROCESS_SLUGS)[number], string | null][];

describe.each(SOURCES)('demo data of %s (cut %s) over HTTP', (slug, cut) => {
  it('reproduces the country by state tables', async () => {
    const cells = publishedCountryEntity(slug);
    expect(cells.length).toBeGreaterThan(0);
    for (const scope of ['received', 'meets_requirements'] as const) {
      const expected = cells.filter((c) => c.scope === scope);
      if (expected.length === 0) continue;
      const table = await countriesCsv(slug, scope === 'received' ? 'received' : 'cumple', cut);
      for (const cell of expected) {
        const got = Number(table.get(cell.country)?.[cell.entity] ?? 0);
        expect.soft(got, `${scope} ${cell.countryName} (${cell.country}) × ${cell.entity}`).toBe(cell.count);
      }
    }
  });

  it('reproduces every breakdown the API can filter for', async () => {
    let checked = 0;
    for (const cell of publishedCounts(slug)) {
      if (cell.channel !== null) continue; // channel-crossed cells are checked by db/seed's unit test
      const scope = cell.scope === 'received' ? 'received' : 'cumple';
      const figures = await summary(slug, scope, cell.entity, cut);
      const got =
        cell.dimension === 'entity'
          ? figures.total
          : (figures[`by_${cell.dimension}`] as Record<string, number>)[cell.category];
      expect.soft(got, `${scope} ${cell.entity ?? 'all states'} ${cell.dimension}=${cell.category}`).toBe(cell.value);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("dates the figures by the report's cut-off, not by the day they were loaded", async () => {
    const query = cut ? `?cut=${cut}` : '';
    const figures = (await (await fetch(`${server.url}/api/v1/registrations/${slug}/summary${query}`)).json()) as {
      as_of: string;
    };
    expect(figures.as_of).toBe(slug === 'pel-2020-2021' ? '2020-11-30T18:00:00Z' : '2022-11-15T18:00:00Z');
  });

  it('loads again without changing anything, cuts included', async () => {
    const { before, after } = await loadAgain();
    // The generator models the day-by-day series: the process says so.
    const [process] = before.get(slug) ?? [];
    expect((process as { illustrative?: string[] } | undefined)?.illustrative).toEqual(['daily']);
    expect(after.get(slug)).toEqual(before.get(slug));
    // The first case waits for the one full second load of the demo data.
  }, 180_000);

  it("has the cuts of the reports, each with the applications received by then and dated at that day's end", async () => {
    const cuts = (await (await fetch(`${server.url}/api/v1/registrations/${slug}/cuts`)).json()) as {
      date: string;
      total: number;
      as_of: string;
    }[];
    expect(cuts.map((c) => c.date)).toEqual([...REPORT_CUTS[slug]].reverse());
    const totals = cuts.map((c) => c.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(cuts.at(-1)?.as_of).toMatch(/T0[45]:59:00Z$/);
  });
});

describe('small groups in the demo data', () => {
  it('withholds the breakdowns of the 3 applicants from Coahuila living in Argentina, but not their number', async () => {
    const response = await fetch(`${server.url}/api/v1/registrations/pel-2022-2023/summary?entity=05&country=AR`);
    const figures = (await response.json()) as Record<string, unknown>;
    expect(figures.total).toBe(3);
    expect(figures.by_country).toEqual({ AR: 3 });
    for (const field of ['by_channel', 'by_credential', 'by_sex', 'by_age_band', 'by_modality', 'by_status', 'daily'])
      expect(figures[field], field).toBeNull();
    expect(figures.suppressed).toMatchObject({ min_group: 10 });
    // The dashboard page with those filters says why, in the reader's language, and shows no breakdown.
    const page = await (await fetch(`${server.url}/en/dashboard/?process=pel-2022-2023&entity=05&country=AR`)).text();
    expect(page).toContain('To protect people this breakdown is not shown');
    expect(page).not.toContain('id="table-sex"');
  });
});
