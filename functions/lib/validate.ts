import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** One entry of a 422's `details`: which field failed and why, in words a person can act on. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns zod issues into `details` entries (`field` is the dotted path, `""` for the whole value). */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
}

/**
 * The one validation path of the API: parse `value` with `schema` or throw a 422 `validation_failed`
 * naming every field that failed. `what` says what was being validated, for the message.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = zodProblems(result.error);
  const summary = problems
    .slice(0, 3)
    .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
    .join('; ');
  throw new ApiError('validation_failed', `The ${what} is not valid: ${summary}.`, problems);
}
