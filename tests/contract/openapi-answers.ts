// Checks an answer of the Worker against its OpenAPI document: the status is one the route documents (or a
// generic 4xx of the contract), an error has the one error shape, and 2xx JSON validates against the schema.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Generated, Operation } from './request-arbitraries.ts';

// Statuses any /api route may answer though it does not list them: a malformed request, an unknown path or
// method, a body too large or of the wrong type (the contract's "Errors" list).
const GENERIC = new Set([400, 404, 405, 413, 415]);
const DOC_ID = 'https://voto.test/api/v1/openapi.json';

/**
 * A checker for the document with these `components`: it says why an answer breaks the contract, or null.
 * `excused` names a 503 that does not depend on the request (a test Worker without a built site).
 */
export function answerChecker(components: unknown, excused: (said: string) => boolean) {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components });
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
  return async function problemWith(
    route: string,
    op: Operation,
    documented: boolean,
    sent: Generated,
    answer: Response,
  ): Promise<string | null> {
    if (answer.status >= 500) {
      const said = await answer.text();
      if (answer.status === 503 && excused(said)) return null;
      return `${answer.status}: ${said.slice(0, 200)}`;
    }
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
  };
}
