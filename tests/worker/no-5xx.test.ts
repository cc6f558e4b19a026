// No input produces a 5xx (public contract, "Errors"): seeded fast-check requests for every route of the
// OpenAPI document the Worker serves, and for the public pages outside /api, against the real Worker. Every
// answer is below 500; an /api answer has a status the route documents (or a generic 4xx of the contract),
// errors have the one error shape, and 2xx JSON validates against the documented schema.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../functions/auth/tokens.ts';
import { insertToken } from '../../functions/data/tokens.ts';
import { EVENT_NAMES } from '../../functions/domain/metrics.ts';
import { call, testEnv } from './helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row } from './registration-helpers.ts';
import { type Generated, maybeTruncated, type Operation, requestsFor, type Seeded } from './request-arbitraries.ts';

const SEED = 20_261_206;
const SLUG = 'no-5xx';
const CUT = '2024-01-15';
const CODE = 'PROP1';
// Statuses any /api route may answer though it does not list them: a malformed request, an unknown path or
// method, a body too large or of the wrong type (the contract's "Errors" list).
const GENERIC = new Set([400, 404, 405, 413, 415]);

type Document = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };
const doc = (await (await call('/api/v1/openapi.json')).json()) as Document;
const templates = ((await (await call('/api/v1/infographics')).json()) as { id: string }[]).map((t) => t.id);

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

const odd = fc.constantFrom('2023-02-30', '', '\u0000', '😀', 'x'.repeat(300), '15', 'US');
const field = <T>(...valid: T[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...valid) }, odd);
const batchRow = fc.record({
  folio: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), odd),
  received_on: field('2023-10-02', '2024-02-25', '2023-08-31'),
  country: field('US', 'CA', 'ES'),
  entity: field('05', '15', '09'),
  sex: field('H', 'M', 'X'),
  age: field('18', '130', '17', '34'),
  modality: field('postal', 'internet', 'presencial'),
  channel: field('srve', 'inetel'),
  credential: field('cpve', 'cpv'),
  status: field('revision', 'cumple', 'subsane', 'improcedente'),
});
seeded.bodies = {
  'put /processes/{slug}': maybeTruncated(
    fc
      .record({
        registration_opens: field('2023-09-01', '2024-02-29'),
        registration_closes: field('2024-02-25', '2023-02-30'),
        entities: fc.oneof(fc.constant(PROCESS_BODY.entities), fc.constant([]), fc.constant(['99'])),
        published: fc.boolean(),
      })
      .map((tweak) => JSON.stringify({ ...PROCESS_BODY, ...tweak })),
  ),
  'post /registrations/{process}/cuts': maybeTruncated(
    field(CUT, '2024-01-20').map((date) => JSON.stringify({ date })),
  ),
  'post /events': maybeTruncated(
    fc
      .record({
        name: field(...EVENT_NAMES, 'purchase'),
        url: field('https://voto.test/es/', 'https://voto.test/es/guias/?ref=PROP1', 'javascript:alert(1)'),
        props: fc.dictionary(fc.string({ maxLength: 50 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
      })
      .map((event) => JSON.stringify(event)),
  ),
  'post /registrations/{process}/batches': maybeTruncated(
    fc
      .array(batchRow, { minLength: 1, maxLength: 5 })
      .chain((rows) => fc.constantFrom(csv(rows), rows.map((r) => JSON.stringify(r)).join('\n'))),
  ),
  'post /outreach/figures': maybeTruncated(fc.constant('period,channel,metric,value\n2024-01,facebook,reach,10')),
  'post /outreach/inetel': maybeTruncated(fc.constant('date,calls,contacts\n2024-01-02,5,3')),
};

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const DOC_ID = 'https://voto.test/api/v1/openapi.json';
ajv.addSchema({ $id: DOC_ID, components: doc.components });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validate(key: string, schema: unknown, value: unknown): string | null {
  let check = validators.get(key);
  if (!check) {
    check = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`)));
    validators.set(key, check);
  }
  return check(value) ? null : ajv.errorsText(check.errors);
}

/** Why an answer breaks the contract, or null. */
async function problemWith(
  route: string,
  op: Operation,
  documented: boolean,
  sent: Generated,
  answer: Response,
): Promise<string | null> {
  if (answer.status >= 500) return `${answer.status}: ${(await answer.text()).slice(0, 200)}`;
  if (!sent.path.startsWith('/api/')) return null;
  const status = String(answer.status);
  const described = documented ? op.responses[status] : undefined;
  if (!described && !GENERIC.has(answer.status) && !(sent.method === 'OPTIONS' && answer.status === 204)) {
    return `status ${status} is not documented for this route`;
  }
  const type = answer.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (answer.status >= 400) {
    if (type !== 'application/json') return `error answer of type ${type}`;
    if (sent.method === 'HEAD') return null;
    return validate('Error', { $ref: '#/components/schemas/Error' }, await answer.json());
  }
  const contents = described?.content;
  if (!contents || sent.method === 'HEAD' || answer.status < 200 || answer.status >= 300) return null;
  if (!(type in contents)) return `answer of type ${type}, documented ${Object.keys(contents).join(', ')}`;
  const schema = contents[type]?.schema;
  return type === 'application/json' && schema
    ? validate(`${route} ${sent.method} ${status}`, schema, await answer.json())
    : null;
}

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
  const ingest = await createProcess(SLUG); // publish: add "published": true once processes start unpublished
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
        const problem = await problemWith(path, actual ?? { responses: {} }, documented, sent, answer);
        if (problem)
          found.push(`${sent.method} ${sent.path.slice(0, 300)} [${Object.keys(sent.headers)}] → ${problem}`);
      }),
      { seed: SEED, numRuns: runsFor(path) },
    );
    for (const f of found) console.log(`VIOLATION ${f}`);
    expect(found).toEqual([]);
  });
});
