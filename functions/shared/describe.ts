import { z } from '@hono/zod-openapi';
import { daysBetween } from '../domain/dates.ts';
import { ERROR_STATUS, type ErrorCode } from './errors.ts';

// What the OpenAPI document says about every route, written once: the error shape, the token scopes, bodies
// that the Worker reads itself. Routes use these in their `createRoute` declarations.

/** The one error shape of `/api/*` (the contract's "Errors"). */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().describe('A sentence a person can act on.'),
      details: z
        .array(z.unknown())
        .describe('For 422: one entry per problem, `{field, message}` or `{line, field, message}`.'),
    }),
  })
  .openapi('Error');

const WHY: Partial<Record<ErrorCode, string>> = {
  bad_request: 'Malformed request (a header, JSON that does not parse).',
  unauthorized: 'Missing, unknown, expired or revoked token.',
  forbidden: 'The token has another scope.',
  not_found: 'Unknown process, view, table, template or file.',
  conflict: 'Conflicts with what is stored (see the message).',
  payload_too_large: 'The body is over the limit.',
  unsupported_media_type: 'Wrong Content-Type.',
  validation_failed: 'A parameter or the body failed validation: `details` names every field.',
  rate_limited: 'Too many requests or a busy process: retry after `Retry-After` seconds.',
  service_unavailable: 'The database is not reachable: retry after `Retry-After` seconds.',
};

/** The error answers a route may give, each with the one error shape. */
export function errors(...codes: ErrorCode[]) {
  return Object.fromEntries(
    codes.map((code) => [
      ERROR_STATUS[code],
      { description: WHY[code] ?? code, content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

/** The error answers of a scoped route that reads a body it may refuse, and the route's own `more`. */
export function bodyErrors(...more: ErrorCode[]) {
  return errors(
    'bad_request',
    'unauthorized',
    'forbidden',
    'payload_too_large',
    'unsupported_media_type',
    'validation_failed',
    ...more,
  );
}

/** The `{process}` path parameter of the registrations routes. */
export const processParam = z.object({ process: z.string().describe('The process slug.') });

/** The security scheme the `scoped` requirements name. */
export const BEARER_SCHEME = {
  type: 'http' as const,
  scheme: 'bearer',
  description:
    'An API token from `npm run -s token -- create --scope SCOPE`, sent as `Authorization: Bearer <token>`. The role names in each requirement are the token scopes the route accepts.',
};

/** The sign-in scheme: a Cloudflare Access token for people, in the header Access adds (or its cookie). */
export const ACCESS_SCHEME = {
  type: 'apiKey' as const,
  in: 'header' as const,
  name: 'Cf-Access-Jwt-Assertion',
  description:
    'A person signed in through Cloudflare Access (the header Access adds on the paths it guards, or its `CF_Authorization` cookie). The role names are what the configuration lets that person do; changes need a same-origin request.',
};

/**
 * A body the route reads itself (to bound its size and name its problems), described by the same zod schema
 * that validates it. Given as JSON Schema, the OpenAPI layer documents it without reading the body first.
 */
export function bodyOf(schema: z.ZodType, mediaTypes: string[], description: string) {
  const jsonSchema = jsonSchemaOf(schema);
  return {
    required: true,
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: jsonSchema }])),
  };
}

/** The JSON Schema of what a zod schema accepts, for the OpenAPI document. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  return jsonSchema;
}

/**
 * A body sent as text (CSV, NDJSON, JSON posted as `text/plain`): on the wire it is a string, so that is its
 * schema (clients generated from the document send text, and validating proxies accept it); what the text holds
 * is said in words, in an example and, where it decodes to JSON, in `contentMediaType`/`contentSchema`.
 */
export function textContent(
  description: string,
  example: string,
  decoded?: { mediaType: string; schema: Record<string, unknown> },
) {
  return {
    schema: {
      type: 'string' as const,
      description,
      ...(decoded ? { contentMediaType: decoded.mediaType, contentSchema: decoded.schema } : {}),
    },
    example,
  };
}

/** A text answer (CSV, HTML-free formats) of the given media type. */
export function textAnswer(description: string, mediaType = 'text/csv') {
  return { description, content: { [mediaType]: { schema: { type: 'string' as const } } } };
}

/** A JSON answer described by a zod schema. */
export function jsonAnswer<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/** The rule of a period query (`from` to `to`, UTC days, at most two years), for every route that reads one. */
export function checkPeriod(p: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after from' });
  else if (daysBetween(p.from, p.to) > 731)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period covers at most two years' });
}
