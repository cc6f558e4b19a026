import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** One entry of a 422's `details`: which field failed and why, in words a person can act on. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns zod issues into `details` entries (`field` is the dotted path, `""` for the whole value). */
function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
}

/** The 422 `validation_failed` for a value that failed its schema: every field in `details`, three in the message. */
function validationError(
  error: z.ZodError,
  what: string,
  code: 'validation_failed' | 'bad_request' = 'validation_failed',
): ApiError {
  const problems = zodProblems(error);
  const summary = problems
    .slice(0, 3)
    .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
    .join('; ');
  return new ApiError(code, `The ${what} is not valid: ${summary}.`, problems);
}

/**
 * The one validation path: parse `value` with `schema` or throw the 422 above (`code` is `bad_request` where a
 * contract answers every malformed input with 400, as the events endpoint does). `what` says what was being
 * validated, for the message. Routes declared with OpenAPI reach it through `validationHook`.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  code: 'validation_failed' | 'bad_request' = 'validation_failed',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error, what, code);
}

const TARGET_NAMES: Record<string, string> = {
  query: 'query',
  param: 'path',
  json: 'request body',
  header: 'request header',
};

/**
 * The hook of every OpenAPI route (`@hono/zod-openapi` validates its parameters with the route's zod
 * schemas): a failure throws the same 422 as `parseOrThrow`, named `what` or by the part of the request.
 */
export function validationHook(what?: string) {
  return (result: { success: boolean; error?: z.ZodError; target: string }, _c: Context): undefined => {
    if (!result.success && result.error)
      throw validationError(result.error, what ?? TARGET_NAMES[result.target] ?? result.target);
    return undefined;
  };
}
