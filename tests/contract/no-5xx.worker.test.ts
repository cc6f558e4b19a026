// No input produces a 5xx (public contract, "Errors"): seeded fast-check requests for every route of the
// OpenAPI document the Worker serves, and for the public pages outside /api, against the real Worker. Every
// answer is below 500; an /api answer has a status the route documents (or a generic 4xx of the contract),
// errors have the one error shape, and 2xx JSON validates against the documented schema.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertToken } from '../../functions/auth/token-store.ts';
import { mintToken } from '../../functions/auth/tokens.ts';
import { EVENT_NAMES } from '../../functions/domain/metrics.ts';
import { call, testEnv } from '../support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from '../support/registration-helpers.ts';
import { answerChecker } from './openapi-answers.ts';
import { type Operation, requestsFor, type Seeded } from './request-arbitraries.ts';

const SEED = 20_261_206;
const SLUG = 'no-5xx';
const CUT = '2024-01-15';
const CODE = 'PROP1';

type Document = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };
const doc = (await (await call('/api/v1/openapi.json')).json()) as Document;
const templates = ((await (await call('/api/v1/infographics')).json()) as { template: string }[]).map(
  (t) => t.template,
);
// The Worker tests may run without a built site (`npm test` builds first): then the page index is missing, and
// what reads it (page cards, the outreach report) answers 503 whatever the request. Not an input's fault.
const builtSite = (await testEnv.ASSETS.fetch('https://voto.test/page-index.json')).ok;
const NO_BUILD = 'The list of pages is missing from this deploy';

const figureQuery = ['process', 'lang', 'scope', 'entity', 'country', 'cut', 'view', 'theme'].map((name) => ({
  name,
  in: 'query',
}));
const onPath = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true }));
/** The public paths outside the API that the Worker answers, described like operations. */
const PAGES: [string, Operation][] = [
  ['/embed/registrations', { parameters: figureQuery, responses: {} }],
  ['/{lang}/dashboard/', { parameters: [...onPath('lang'), ...figureQuery], responses: {} }],
  ['/{lang}/dashboard/cortes/{process}/{date}/', { parameters: onPath('lang', 'process', 'date'), responses: {} }],
  ['/{lang}/', { parameters: onPath('lang'), responses: {} }],
  ['/{lang}/infografias/', { parameters: onPath('lang'), responses: {} }],
  ['/{lang}/transparencia/', { parameters: onPath('lang'), responses: {} }],
  ['/', { parameters: [{ name: 'utm_source', in: 'query' }], responses: {} }],
  ['/t.js', { responses: {} }],
  // Paths under /api that no route serves: a 404 in the error shape.
  ['/api/v1/{rest}', { parameters: onPath('rest'), responses: {} }],
];

const seeded: Seeded = {
  valid: {
    process: [SLUG, 'no-such-process'],
    slug: [SLUG, 'no-5xx-new'],
    date: [CUT, '2023-02-30'],
    cut: [CUT, '2023-09-01'],
    code: [CODE, 'NOPE'],
    entity: ['15', '05', '01', '32'],
    country: ['US', 'CA', 'MX', 'XK'],
    from: ['2024-01-01', '2030-01-01'],
    to: ['2024-01-31', '2023-01-01'],
    page: ['/es/', '/en/guias/'],
    lang: ['es', 'en'],
    scope: ['received', 'cumple'],
    view: ['summary', 'countries', 'entities', 'modality', 'timeline', 'demographics', 'changes'],
    theme: ['auto', 'light', 'dark'],
    v: ['1'],
    rest: ['nope', 'v2', 'processes/x/y/z'],
    '/registrations/{process}/cuts/{file} file': [`${CUT}.zip`, '2023-02-30.zip', `${CUT}.tar`],
    '/infographics/{file} file': [...templates.flatMap((t) => ['png', 'svg', 'json'].map((f) => `${t}.${f}`)), 'x.png'],
  },
  tokens: {},
  bodies: {},
};

// The first rows of the demo data's outreach files (db/seed/outreach/).
const OUTREACH_FIGURES = `report,period_start,period_end,area,channel,platform,item,format,date,date_end,segment,link,metric,value,value_qualifier,is_reported_total,source_section,note
r1.txt,2020-09-01,2020-11-30,DECEyEC,radio,Radio,Credencialización en el Extranjero,spot,2020-09-19,2020-10-31,territorio nacional,,impacts,17262,,0,3.1.1 Acciones de Difusión,`;
const INETEL_CALLS = `process,period_start,period_end,call_type,entity,outcome,outcome_label_es,count,is_reported_total,source_file,source_section,note
pel-2020-2021,2020-09-01,2020-11-30,outbound_registration_invitation,all,registered,Registrado,4586,0,r1.txt,4.2.1 Llamadas de salida,`;
const INETEL_CONTACTS = `process,period_start,period_end,subject,dimension,category,category_label_es,count,unit,is_reported_total,source_file,source_section,note
pel-2020-2021,2020-09-01,2020-11-30,credentialing_abroad,total,total,total,5307,contacts,1,r1.txt,4.2 Atención a través de INETEL,`;

const odd = fc.constantFrom('2023-02-30', '', '\u0000', '😀', 'x'.repeat(300), '15', 'US');
// A field valid most of the time (a well-formed body that breaks one rule now and then).
const field = <T>(...valid: T[]) => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, odd);
const batchRow = (many: boolean) =>
  fc.record({
    folio: fc.oneof({ weight: 12, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) }, odd),
    received_on: field('2023-10-02', '2024-02-25', many ? '2023-08-31' : '2023-09-01'),
    country: field('US', 'CA', 'ES'),
    entity: field('05', '15', many ? '09' : '05'),
    sex: field('H', 'M', 'X'),
    age: field('18', '130', '34', many ? '17' : '65'),
    modality: field('postal', 'internet', 'presencial'),
    channel: field('srve', 'inetel'),
    credential: field('cpve', 'cpv'),
    status: field('revision', 'cumple', 'subsane', 'improcedente'),
  });
const validRow = fc.record({
  folio: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  received_on: fc.constantFrom('2023-09-01', '2023-10-02', '2024-02-25'),
  country: fc.constantFrom('US', 'CA', 'ES'),
  entity: fc.constantFrom('05', '15'),
  sex: fc.constantFrom('H', 'M', 'X'),
  age: fc.integer({ min: 18, max: 130 }),
  modality: fc.constantFrom('postal', 'internet', 'presencial'),
  channel: fc.constantFrom('srve', 'inetel'),
  credential: fc.constantFrom('cpve', 'cpv'),
  status: fc.constantFrom('revision', 'cumple', 'subsane', 'improcedente'),
});
seeded.bodies = {
  'put /processes/{slug}': fc
    .record({
      registration_opens: field('2023-09-01', '2024-02-29'),
      registration_closes: field('2024-02-25', '2023-02-30'),
      entities: fc.oneof(
        { weight: 8, arbitrary: fc.constant(PROCESS_BODY.entities) },
        fc.constantFrom<string[]>([], ['99'], ['05', '05']),
      ),
      // Mostly the body as given (a new process stays unpublished), sometimes published at once.
      published: fc.constantFrom(undefined, undefined, undefined, true),
    })
    .map((tweak) => JSON.stringify({ ...PROCESS_BODY, ...tweak })),
  'post /registrations/{process}/cuts': field(CUT, '2024-01-20').map((date) => JSON.stringify({ date })),
  'post /events': fc
    .record({
      name: field(...EVENT_NAMES, 'purchase'),
      url: field('https://voto.test/es/', 'https://voto.test/es/guias/?ref=PROP1', 'javascript:alert(1)'),
      props: fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.string({ maxLength: 30 }), fc.integer()), {
        maxKeys: 3,
      }),
    })
    .map((event) => JSON.stringify(event)),
  'post /registrations/{process}/batches': fc
    .tuple(fc.boolean(), fc.integer({ min: 1, max: 5 }))
    .chain(([many, n]) => fc.array(batchRow(many), { minLength: n, maxLength: n }))
    .chain((rows) => fc.constantFrom(csv(rows), rows.map((r) => JSON.stringify(r)).join('\n'))),
  'post /registrations/{process}/batches text/csv': fc.array(validRow, { minLength: 1, maxLength: 5 }).map(csv),
  'post /registrations/{process}/batches application/x-ndjson': fc
    .array(validRow, { minLength: 1, maxLength: 5 })
    .map((rows) => rows.map((r) => JSON.stringify(r)).join('\n')),
  'post /outreach/figures': fc.constant(OUTREACH_FIGURES),
  'post /outreach/inetel': fc.constantFrom(INETEL_CALLS, INETEL_CONTACTS),
};

const answerProblem = answerChecker(doc.components, (said) => !builtSite && said.includes(NO_BUILD));

const routes: [string, string, Operation, boolean][] = [
  ...Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, string, Operation, boolean] => [path, method, op, true]),
  ),
  ...PAGES.map(([path, op]): [string, string, Operation, boolean] => [path, 'get', op, false]),
];
const statusesPerRoute: Record<string, Record<number, number>> = {};
// Rendering images is the slow part: fewer runs there keep the whole file within a minute.
const runsFor = (path: string) => (path.includes('{file}') && path.startsWith('/infographics') ? 12 : 30);

beforeAll(async () => {
  for (const scope of ['admin', 'ingest', 'staff', 'partner'] as const) {
    const minted = await mintToken();
    await insertToken(testEnv.DB, { id: minted.id, scope, name: 'no-5xx', hash: minted.hash, referralCode: CODE });
    seeded.tokens[scope] = minted.token;
  }
  const ingest = await createProcess(SLUG);
  const rows = ['05', '15'].flatMap((entity, e) =>
    Array.from({ length: 15 }, (_, i) => row(`P${e}-${i}`, { entity, country: i % 3 ? 'US' : 'CA', age: 20 + i })),
  );
  expect((await postBatch(SLUG, csv(rows), ingest)).status).toBe(200);
  const cut = await call(`/api/v1/registrations/${SLUG}/cuts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seeded.tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ date: CUT }),
  });
  expect(cut.status, await cut.clone().text()).toBe(201);
});

afterAll(() => {
  const counts = Object.values(statusesPerRoute).flatMap((seen) => Object.values(seen));
  const total = counts.reduce((a, b) => a + b, 0);
  console.log(`no-5xx: ${Object.keys(statusesPerRoute).length} routes, ${total} requests`);
  for (const [route, seen] of Object.entries(statusesPerRoute)) console.log(`  ${route} ${JSON.stringify(seen)}`);
});

describe('no input produces a 5xx', () => {
  it('has a checker that can fail: a 5xx, an undocumented status, a bare error, a 2xx off its schema', async () => {
    const route = '/registrations/{process}/summary';
    const op = doc.paths[route]?.get as Operation;
    const sent = { method: 'GET', path: `/api/v1/registrations/${SLUG}/summary`, headers: {} };
    const json = (body: unknown, status: number) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const error = { error: { code: 'not_found', message: 'x', details: [] } };
    expect(await answerProblem(route, op, true, sent, json(error, 500))).toMatch(/^500/);
    expect(await answerProblem(route, op, true, sent, json(error, 401))).toMatch(/not documented/);
    expect(await answerProblem(route, op, true, sent, json({ message: 'x' }, 404))).toMatch(/error/);
    expect(await answerProblem(route, op, true, sent, json({ total: 'many' }, 200))).toMatch(/required|must/);
    expect(await answerProblem(route, op, true, sent, json(error, 404))).toBeNull();
  });

  it.each(routes)('%s %s', async (path, method, op, documented) => {
    const prefix = documented ? '/api/v1' : '';
    const found: string[] = [];
    await fc.assert(
      fc.asyncProperty(requestsFor(prefix, path, method.toUpperCase(), op, seeded), async (sent) => {
        const answer = await call(sent.path, { ...sent, redirect: 'manual' });
        const seen = statusesPerRoute[`${method} ${path}`] ?? {};
        seen[answer.status] = (seen[answer.status] ?? 0) + 1;
        statusesPerRoute[`${method} ${path}`] = seen;
        // A wrong method is judged by the operation of that method on the path, if there is one.
        const asked = sent.method === 'HEAD' ? 'get' : sent.method.toLowerCase();
        const actual = sent.method.toLowerCase() === method ? op : doc.paths[path]?.[asked];
        const problem = await answerProblem(path, actual ?? { responses: {} }, documented, sent, answer);
        if (problem)
          found.push(`${sent.method} ${sent.path.slice(0, 300)} [${Object.keys(sent.headers)}] → ${problem}`);
      }),
      { seed: SEED, numRuns: runsFor(path) },
    );
    for (const f of found) console.log(`VIOLATION ${f}`);
    expect(found).toEqual([]);
  });
});
