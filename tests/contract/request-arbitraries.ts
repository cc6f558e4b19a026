// Requests for the no-5xx property test, generated from the OpenAPI document: valid values (enums, the seeded
// process, its cut and a partner's code), boundaries, and malformed ones (wrong types, strings of a few KB,
// odd Unicode, lone surrogates percent-encoded, impossible dates, repeated and unknown parameters, wrong
// content types, truncated bodies), with and without a token of each scope.
import fc from 'fast-check';

/** The parts of an OpenAPI operation the generator reads. */
export interface Operation {
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
}
type Schema = { type?: string; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };

/** One generated request. */
export interface Generated {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What the generator knows of the seeded data: valid values by parameter name (or by `{path} {name}` where one
 * name means different things on different routes), the tokens, and a body generator per `{method} {path}`.
 */
export interface Seeded {
  valid: Record<string, string[]>;
  tokens: Record<string, string>;
  /** Well-formed bodies per `{method} {path}` (the generator also truncates and replaces them). */
  bodies: Record<string, fc.Arbitrary<string>>;
}

// Already percent-encoded, sent as they are: lone surrogates, an overlong slash, bytes that are never UTF-8,
// a NUL, a bare or broken escape.
const RAW = ['%ED%A0%80', '%ED%B0%80x', '%C0%AF', '%FF%FE', '%00', '%', '%zz', '%E2%80%AE%E2%80%8F', '%F0%9F%98'];
const ODD = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{"a":1}',
  '2023-02-30',
  '2023-13-01',
  '2024-02-29',
  '0000-00-00',
  '9999-12-31',
  '2023-1-1',
  '20230101',
  '\u0000',
  '\u200F\u202Eabc\u202C',
  '😀🇲🇽',
  'ñandú Ω',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'us',
  '5',
  'Mx',
];

/** A value as bytes on the wire: `raw` is sent verbatim, anything else is percent-encoded. */
type Wire = { raw: string } | { text: string };

/** Percent-encodes every byte but the unreserved ones (a lone surrogate becomes U+FFFD, as in a browser). */
export function encode(value: Wire): string {
  if ('raw' in value) return value.raw;
  return Array.from(new TextEncoder().encode(value.text), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

const text = (arb: fc.Arbitrary<string>): fc.Arbitrary<Wire> => arb.map((t) => ({ text: t }));

/** A malformed value: odd constants, random Unicode (surrogates included), a few KB, or raw bad escapes. */
export const malformed: fc.Arbitrary<Wire> = fc.oneof(
  text(fc.constantFrom(...ODD)),
  text(fc.string({ unit: 'binary', maxLength: 40 })),
  text(fc.string({ minLength: 1_000, maxLength: 4_000 })),
  fc.constantFrom(...RAW).map((raw) => ({ raw })),
);

/** Values for one parameter: valid ones (by name, enum or bounds), boundaries, and malformed ones. */
function valuesFor(
  path: string,
  param: NonNullable<Operation['parameters']>[number],
  seeded: Seeded,
  strict: boolean,
): fc.Arbitrary<Wire> {
  const schema = param.schema ?? {};
  // File names a description lists ("One of daily.csv, pages.csv, …") are valid values too.
  const listed = param.description?.match(/\b[a-z_]+\.csv\b/g) ?? [];
  const named = seeded.valid[`${path} ${param.name}`] ?? seeded.valid[param.name] ?? [];
  const good = [...named, ...(schema.enum ?? []), ...listed];
  if (schema.type === 'integer') {
    const low = schema.minimum ?? 0;
    const high = schema.maximum ?? 1_000;
    good.push(...[low, high, low - 1, high + 1, Math.floor((low + high) / 2)].map(String));
  }
  if (strict && good.length > 0) return text(fc.constantFrom(...good));
  return good.length > 0
    ? fc.oneof({ weight: 3, arbitrary: text(fc.constantFrom(...good)) }, { weight: 1, arbitrary: malformed })
    : malformed;
}

const pair = (name: string, value: Wire) => `${encode({ text: name })}=${encode(value)}`;

/** A query string: each documented parameter absent, valid or malformed, sometimes repeated; unknown ones too. */
function queryFor(path: string, op: Operation, seeded: Seeded, strict: boolean): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const each = params.map((p) =>
    fc
      .tuple(fc.integer({ min: 0, max: 9 }), valuesFor(path, p, seeded, strict), valuesFor(path, p, seeded, strict))
      .map(([roll, a, b]) =>
        roll < (strict ? 5 : 3) && !p.required
          ? []
          : roll === 9 && !strict
            ? [pair(p.name, a), pair(p.name, b)]
            : [pair(p.name, a)],
      ),
  );
  if (strict) return fc.tuple(...each).map((known) => known.flat().join('&'));
  const unknown = fc.array(
    fc.tuple(fc.constantFrom('foo', 'constructor', '__proto__', 'utm_source', 'lang[]', ''), malformed),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...each), unknown)
    .map(([known, extra]) => [...known.flat(), ...extra.map(([n, v]) => pair(n, v))].join('&'));
}

/** The Authorization header: none, a token of each scope, or a broken one; strict: the scope the route names. */
function authFor(op: Operation, seeded: Seeded, strict: boolean): fc.Arbitrary<Record<string, string>> {
  const scope = op.security?.find((s) => s.bearer)?.bearer?.[0];
  if (strict)
    return fc.constant<Record<string, string>>(scope ? { authorization: `Bearer ${seeded.tokens[scope]}` } : {});
  return fc.oneof(
    fc.constant({}),
    fc.constantFrom(...Object.values(seeded.tokens)).map((token) => ({ authorization: `Bearer ${token}` })),
    fc
      .constantFrom('Bearer vx_nope_nope', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer vx_x_y', 'Bearer vx_1_')
      .map((authorization) => ({ authorization })),
  );
}

const WRONG_TYPES = ['application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', ''];

/** Requests for one operation (`path` in OpenAPI form, under `prefix`): half well formed, half anything. */
export function requestsFor(
  prefix: string,
  path: string,
  method: string,
  op: Operation,
  seeded: Seeded,
): fc.Arbitrary<Generated> {
  return fc.oneof(
    requestsOf(prefix, path, method, op, seeded, true),
    requestsOf(prefix, path, method, op, seeded, false),
  );
}

function requestsOf(
  prefix: string,
  path: string,
  method: string,
  op: Operation,
  seeded: Seeded,
  strict: boolean,
): fc.Arbitrary<Generated> {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const segments = fc.tuple(...pathParams.map((p) => valuesFor(path, p, seeded, strict)));
  const types = Object.keys(op.requestBody?.content ?? {});
  const key = `${method.toLowerCase()} ${path}`;
  // Strict: the valid body for the content type sent, when there is one (`{method} {path} {type}`).
  const bodyFor = (type: string) => {
    const wellFormed = seeded.bodies[key] ?? fc.constant('');
    return strict ? (seeded.bodies[`${key} ${type}`] ?? wellFormed) : maybeTruncated(wellFormed);
  };
  const headerParams = (op.parameters ?? []).filter((p) => p.in === 'header');
  const headers = fc.tuple(
    ...headerParams.map((p) =>
      strict
        ? p.name === 'idempotency-key'
          ? fc.uuid()
          : fc.constant(null)
        : fc.option(fc.oneof(fc.uuid(), fc.constantFrom(...ODD, 'x'.repeat(200)))),
    ),
  );
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
  return fc
    .record({
      method: strict
        ? fc.constant(method)
        : fc.oneof(
            { weight: 9, arbitrary: fc.constant(method) },
            { weight: 1, arbitrary: fc.constantFrom(...methods) },
          ),
      segments,
      query: queryFor(path, op, seeded, strict),
      auth: authFor(op, seeded, strict),
      type: strict
        ? fc.constantFrom(...(types.length ? types : ['text/plain']))
        : fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...(types.length ? types : ['text/plain'])) },
            { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
          ),
      headers,
    })
    .chain((r) => bodyFor(r.type).map((body) => ({ ...r, body })))
    .map((r) => {
      let filled = path;
      pathParams.forEach((p, i) => {
        filled = filled.replace(`{${p.name}}`, encode(r.segments[i] as Wire));
      });
      const extra: Record<string, string> = {};
      headerParams.forEach((p, i) => {
        const value = r.headers[i];
        // Headers carry only ISO-8859-1 text; anything else is a client error before the Worker sees it.
        if (value !== null && value !== undefined && /^[\x20-\x7e]*$/.test(value)) extra[p.name] = value;
      });
      const hasBody = !['GET', 'HEAD'].includes(r.method) && types.length > 0;
      return {
        method: r.method,
        path: `${prefix}${filled}${r.query ? `?${r.query}` : ''}`,
        headers: { ...r.auth, ...extra, ...(hasBody && r.type ? { 'content-type': r.type } : {}) },
        body: hasBody ? r.body : undefined,
      };
    });
}

/** A valid text, or the same cut short at a random place (a truncated upload). */
export function maybeTruncated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    valid,
    fc.tuple(valid, fc.nat()).map(([t, n]) => t.slice(0, n % Math.max(1, t.length))),
    fc.json(),
    fc.constantFrom(...ODD),
    fc.string({ minLength: 1_000, maxLength: 4_000 }),
  );
}
