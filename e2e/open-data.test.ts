// The open data as tools read it, against a real wrangler dev with the demo data: each cut's zip and the API carry
// a datapackage.json that validates against the published Data Package v2 JSON Schema (vendored, checked with
// ajv), whose table schemas match the CSVs' headers; and the Atom feeds of cuts parse with a real XML parser,
// announce every cut with its date, totals and links, and are discovered from the dashboard.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.ts';

const session = useSession();

const profile = JSON.parse(
  readFileSync(new URL('../tests/support/schemas/datapackage-2.0.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('textarea', true);
const validDataPackage = ajv.compile(profile);

interface Descriptor {
  name: string;
  licenses: { name: string }[];
  sources: { title: string; path?: string }[];
  temporalCoverage: string;
  resources: {
    name: string;
    path: string;
    hash?: string;
    schema: { fields: { name: string; type: string; unit?: string }[] };
  }[];
}

function expectValid(descriptor: unknown): asserts descriptor is Descriptor {
  const valid = validDataPackage(descriptor);
  expect(validDataPackage.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

// The first line that is not a comment (`dialect.commentChar`: a view CSV's code line).
const headerOf = (csv: string) =>
  (
    csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((line) => !line.startsWith('#')) ?? ''
  ).split(',');

describe('datapackage.json', () => {
  it("inside a cut's zip: valid, one resource per CSV with its columns, hash, licence, sources and period", async () => {
    const response = await fetch(`${session.server.url}/api/v1/registrations/pel-2022-2023/cuts/2022-11-15.zip`);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const descriptor = JSON.parse(strFromU8(files['datapackage.json'] ?? new Uint8Array()));
    expectValid(descriptor);
    const csvs = Object.keys(files).filter((name) => name.endsWith('.csv'));
    expect(descriptor.resources.map((r) => r.path).sort()).toEqual(csvs.sort());
    for (const resource of descriptor.resources) {
      const csv = strFromU8(files[resource.path] ?? new Uint8Array());
      expect(
        resource.schema.fields.map((f) => f.name),
        resource.path,
      ).toEqual(headerOf(csv));
      const digest = await crypto.subtle.digest('SHA-256', files[resource.path] ?? new Uint8Array());
      expect(resource.hash).toBe(`sha256:${Buffer.from(digest).toString('hex')}`);
    }
    const modality = descriptor.resources.find((r) => r.path === 'modality.csv');
    expect(modality?.schema.fields.find((f) => f.name === 'count')).toMatchObject({
      type: 'integer',
      unit: 'applications',
    });
    expect(descriptor.licenses[0]?.name).toBe('CC-BY-4.0');
    expect(descriptor.temporalCoverage).toBe('2022-09-01/2022-11-15');
    expect(descriptor.sources.map((s) => s.path)).toContain(
      `${session.server.url}/es/dashboard/cortes/pel-2022-2023/2022-11-15/`,
    );
  });

  it('on the API, live and for a cut: valid, and every resource URL answers a CSV with the described columns', async () => {
    for (const query of ['', '?cut=2020-11-30']) {
      const response = await fetch(`${session.server.url}/api/v1/registrations/pel-2020-2021/datapackage.json${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const descriptor = await response.json();
      expectValid(descriptor);
      expect(descriptor.temporalCoverage.startsWith('2020-09-01/')).toBe(true);
      for (const resource of descriptor.resources) {
        const csv = await fetch(resource.path);
        expect(csv.status, resource.path).toBe(200);
        expect(
          resource.schema.fields.map((f) => f.name),
          resource.path,
        ).toEqual(headerOf(await csv.text()));
        if (query) expect(resource.path.includes('cut=2020-11-30') || resource.name === 'entities').toBe(true);
      }
    }
    expect((await fetch(`${session.server.url}/api/v1/registrations/no-such/datapackage.json`)).status).toBe(404);
  });
});

interface AtomLink {
  '@_rel': string;
  '@_type': string;
  '@_href': string;
  '@_hreflang'?: string;
}
interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  summary: string;
  link: AtomLink[];
}

async function feed(path: string): Promise<{ title: string; updated: string; entry: AtomEntry[]; link: AtomLink[] }> {
  const response = await fetch(`${session.server.url}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/atom+xml');
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'entry' || name === 'link',
  }).parse(xml) as {
    feed: { '@_xmlns': string; title: string; updated: string; entry?: AtomEntry[]; link: AtomLink[] };
  };
  expect(parsed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  return { ...parsed.feed, entry: parsed.feed.entry ?? [] };
}

describe('Atom feeds of cuts', () => {
  it('announces each cut of a process, newest first, with its date, totals and links', async () => {
    const cuts = (await (await fetch(`${session.server.url}/api/v1/registrations/pel-2022-2023/cuts`)).json()) as {
      date: string;
      total: number;
      taken_at: string;
    }[];
    const atom = await feed('/api/v1/registrations/pel-2022-2023/cuts.atom?lang=en');
    expect(atom.entry.length).toBe(cuts.length);
    expect(atom.updated).toBe(
      cuts
        .map((c) => c.taken_at)
        .sort()
        .at(-1),
    );
    const latest = cuts.find((c) => c.date === '2022-11-15');
    const entry = atom.entry.find((e) => e.id.endsWith('/2022-11-15/'));
    expect(entry?.title).toContain('November 15, 2022');
    expect(entry?.summary).toContain(new Intl.NumberFormat('en').format(latest?.total ?? -1));
    const hrefs = (entry?.link ?? []).map((l) => `${l['@_rel']} ${l['@_type']} ${l['@_href']}`);
    const api = `${session.server.url}/api/v1/registrations/pel-2022-2023`;
    expect(hrefs).toContain(`alternate text/html ${session.server.url}/en/dashboard/cortes/pel-2022-2023/2022-11-15/`);
    expect(hrefs).toContain(`enclosure application/zip ${api}/cuts/2022-11-15.zip`);
    expect(hrefs).toContain(`related text/csv ${api}/countries.csv?cut=2022-11-15`);
    for (const link of entry?.link ?? []) expect((await fetch(link['@_href'])).status, link['@_href']).toBe(200);
  });

  it('has one feed for every process, and the dashboard names both feeds', async () => {
    const all = await feed('/api/v1/registrations/cuts.atom');
    const ids = all.entry.map((e) => e.id);
    expect(ids.some((id) => id.includes('/pel-2020-2021/'))).toBe(true);
    expect(ids.some((id) => id.includes('/pel-2022-2023/'))).toBe(true);
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/es/dashboard/?process=pel-2020-2021`);
    const hrefs = await page
      .locator('link[rel="alternate"][type="application/atom+xml"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(hrefs).toEqual([
      `${session.server.url}/api/v1/registrations/pel-2020-2021/cuts.atom`,
      `${session.server.url}/api/v1/registrations/cuts.atom`,
    ]);
    await page.close();
  });
});
