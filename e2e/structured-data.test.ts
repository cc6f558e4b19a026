// The schema.org JSON-LD of a sample of built pages, read by a JSON-LD processor (jsonld.js) with the schema.org
// context served offline (no network), then checked for the types and properties search engines require.
import { readdir, readFile } from 'node:fs/promises';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const DIST = new URL('../dist/', import.meta.url);
const CONTENT = new URL('../content/', import.meta.url);
const S = 'https://schema.org/';

/** The schema.org context, reduced to what expansion needs: every term is a schema.org IRI. */
const SCHEMA_CONTEXT = { '@context': { '@vocab': S } };

const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: SCHEMA_CONTEXT };
};

type Node = Record<string, { '@value'?: unknown; '@id'?: string; '@type'?: string[] }[] | string[] | string>;

/** Every node of every JSON-LD block of a built page, expanded (full IRIs, arrays of values). */
async function nodesOf(path: string): Promise<Node[]> {
  const html = await readFile(new URL(path, DIST), 'utf8');
  const blocks = [...html.matchAll(/<script[^>]*type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)];
  const nodes: Node[] = [];
  for (const [, text = ''] of blocks) {
    expect(text).not.toMatch(/<\/script|<!--/i);
    const expanded = (await jsonld.expand(JSON.parse(text), { documentLoader })) as Node[];
    // A graph expands to its nodes; embedded nodes are reached through their properties.
    nodes.push(...expanded.flatMap((node) => (node['@graph'] as unknown as Node[]) ?? [node]));
  }
  return nodes;
}

const ofType = (nodes: Node[], type: string) =>
  nodes.filter((node) => (node['@type'] as string[] | undefined)?.includes(`${S}${type}`));
const value = (node: Node | undefined, property: string) =>
  (node?.[`${S}${property}`] as { '@value'?: unknown }[] | undefined)?.[0]?.['@value'];
const values = (node: Node | undefined, property: string) =>
  ((node?.[`${S}${property}`] as { '@value'?: unknown }[] | undefined) ?? []).map((v) => v['@value']);
const child = (node: Node | undefined, property: string) =>
  (node?.[`${S}${property}`] as unknown as Node[] | undefined) ?? [];

/** The breadcrumb of a page: its items' positions, names and addresses, from the home page to the page. */
function trail(nodes: Node[]) {
  const [list] = ofType(nodes, 'BreadcrumbList');
  return child(list, 'itemListElement').map((item) => ({
    position: value(item, 'position'),
    name: value(item, 'name'),
    item: value(item, 'item'),
  }));
}

const site = 'http://localhost:8787';

describe('structured data of the built pages', () => {
  it.each(['es', 'en'])('the %s home page names the site Organization and WebSite', async (lang) => {
    const nodes = await nodesOf(`${lang}/index.html`);
    const [organization] = ofType(nodes, 'Organization');
    expect(value(organization, 'name')).toBe('Voto Extranjero');
    expect(value(organization, 'url')).toBe(`${site}/${lang}/`);
    const [website] = ofType(nodes, 'WebSite');
    expect(value(website, 'name')).toBe('Voto Extranjero');
    expect(value(website, 'inLanguage')).toBe(lang);
    expect(ofType(nodes, 'BreadcrumbList')).toEqual([]);
  });

  it('marks every guide as a GovernmentService run by INE, with its breadcrumb', async () => {
    for (const lang of ['es', 'en']) {
      const slugs = await readdir(new URL(`${lang}/guias/`, DIST), { withFileTypes: true });
      const guides = slugs.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
      expect(guides.length).toBeGreaterThanOrEqual(8);
      for (const slug of guides) {
        const nodes = await nodesOf(`${lang}/guias/${slug}/index.html`);
        const [service] = ofType(nodes, 'GovernmentService');
        expect(value(service, 'name'), slug).toBeTruthy();
        expect(value(service, 'url')).toBe(`${site}/${lang}/guias/${slug}/`);
        const [operator] = child(service, 'serviceOperator');
        expect(value(operator, 'url')).toBe('https://ine.mx');
        expect(value(operator, 'name')).toBe('Instituto Nacional Electoral (INE)');
        expect(value(child(service, 'areaServed')[0], 'name')).toBeTruthy();
        const steps = trail(nodes);
        expect(steps.map((step) => [step.position, step.item])).toEqual([
          [1, `${site}/${lang}/`],
          [2, `${site}/${lang}/guias/`],
          [3, `${site}/${lang}/guias/${slug}/`],
        ]);
      }
    }
  });

  it('describes every Spanish event with its dates, organiser and attendance mode from its front matter', async () => {
    const modes: Record<string, string | undefined> = {
      virtual: `${S}OnlineEventAttendanceMode`,
      presencial: `${S}OfflineEventAttendanceMode`,
      hibrido: `${S}MixedEventAttendanceMode`,
      'sin-dato': undefined,
    };
    const files = (await readdir(new URL('events/es/', CONTENT))).filter((file) => file.endsWith('.mdx'));
    let checked = 0;
    for (const file of files) {
      const front = parseYaml((await readFile(new URL(`events/es/${file}`, CONTENT), 'utf8')).split('---')[1] ?? '');
      if (front.draft) continue;
      const slug = file.replace(/\.mdx$/, '');
      const nodes = await nodesOf(`es/eventos/${slug}/index.html`);
      const [event] = ofType(nodes, 'Event');
      const day = (date: unknown) => (date instanceof Date ? date.toISOString().slice(0, 10) : String(date));
      expect(value(event, 'name'), slug).toBe(front.title);
      expect(String(value(event, 'startDate'))).toMatch(new RegExp(`^${day(front.start)}`));
      expect(value(event, 'endDate')).toBe(day(front.end ?? front.start));
      expect(value(child(event, 'organizer')[0], 'name')).toBe(front.organizer);
      expect(value(event, 'eventAttendanceMode')).toBe(modes[front.format]);
      if (front.format === 'virtual') expect(ofType(child(event, 'location'), 'VirtualLocation')).toHaveLength(1);
      if (front.format === 'presencial' && front.place)
        expect(value(ofType(child(event, 'location'), 'Place')[0], 'name')).toBe(front.place);
      expect(trail(nodes).map((step) => step.item)).toEqual([
        `${site}/es/`,
        `${site}/es/eventos/`,
        `${site}/es/eventos/${slug}/`,
      ]);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it.each(['es', 'en'])(
    'gives the %s FAQ as an FAQPage, one Question with its answer per question shown',
    async (lang) => {
      const html = await readFile(new URL(`${lang}/preguntas/index.html`, DIST), 'utf8');
      const shown = html.match(/<article id="[^"]+" class="faq-item"/g)?.length ?? 0;
      const nodes = await nodesOf(`${lang}/preguntas/index.html`);
      const questions = child(ofType(nodes, 'FAQPage')[0], 'mainEntity');
      expect(shown).toBeGreaterThan(10);
      expect(questions).toHaveLength(shown);
      for (const question of questions) {
        expect(value(question, 'name')).toBeTruthy();
        const answer = String(value(child(question, 'acceptedAnswer')[0], 'text'));
        expect(answer.length).toBeGreaterThan(40);
        expect(answer).not.toMatch(/<[a-z]|\]\(/);
      }
      expect(trail(nodes).map((step) => step.position)).toEqual([1, 2]);
    },
  );

  it.each(['es', 'en'])(
    'publishes the %s dashboard figures as Datasets with CSV downloads, licence and INE as creator',
    async (lang) => {
      const withData = [];
      for (const file of await readdir(new URL('processes/', CONTENT))) {
        const process = JSON.parse(await readFile(new URL(`processes/${file}`, CONTENT), 'utf8'));
        if (process.has_registration_data) withData.push({ slug: file.replace(/\.json$/, ''), ...process });
      }
      const datasets = ofType(await nodesOf(`${lang}/dashboard/index.html`), 'Dataset');
      expect(datasets).toHaveLength(withData.length);
      for (const process of withData) {
        const dataset = datasets.find((node) => String(value(node, 'url')).endsWith(`process=${process.slug}`));
        expect(String(value(dataset, 'description')).length).toBeGreaterThanOrEqual(50);
        expect(value(dataset, 'temporalCoverage')).toBe(`${process.registration_opens}/${process.registration_closes}`);
        expect(value(dataset, 'license')).toBe('https://creativecommons.org/licenses/by/4.0/');
        expect(value(child(dataset, 'creator')[0], 'url')).toBe('https://ine.mx');
        const downloads = ofType(child(dataset, 'distribution'), 'DataDownload');
        const csv = downloads.filter((download) => value(download, 'encodingFormat') === 'text/csv');
        expect(csv.map((download) => value(download, 'contentUrl'))).toContain(
          `${site}/api/v1/registrations/${process.slug}/countries.csv?scope=cumple`,
        );
        expect(csv.length).toBeGreaterThanOrEqual(5);
      }
    },
  );

  it('lists the glossary terms as a DefinedTermSet under a breadcrumb', async () => {
    const nodes = await nodesOf('en/glosario/index.html');
    const terms = child(ofType(nodes, 'DefinedTermSet')[0], 'hasDefinedTerm');
    expect(terms.map((term) => value(term, 'termCode'))).toEqual(expect.arrayContaining(['CPVE', 'SRVE']));
    expect(values(terms[0], 'description')[0]).toBeTruthy();
    expect(trail(nodes).map((step) => step.item)).toEqual([`${site}/en/`, `${site}/en/glosario/`]);
  });
});
