import { ApiError } from './errors.ts';

// The errors that more than one router or page answers with, written once so their words never drift.

/** What the state rule reads of a process (its record lives in processes/, which the shared room does not import). */
type ProcessStates = { entities: readonly string[] };

/** The 404 for a process slug nobody has created (or, without a slug, for an empty database). */
export function unknownProcess(slug: string | undefined): ApiError {
  return new ApiError(
    'not_found',
    slug
      ? `There is no electoral process '${slug}'. GET /api/v1/processes lists them.`
      : 'No electoral process has been loaded yet.',
  );
}

/** The 422 for a state filter that is not one of the process's states. */
function entityNotInProcess(process: ProcessStates, entity: string): ApiError {
  const allowed = process.entities.join(', ');
  return new ApiError('validation_failed', `State ${entity} is not part of this process; use one of ${allowed}.`, [
    { field: 'entity', message: `must be one of ${allowed}` },
  ]);
}

/** Throws the 422 above unless `entity` is empty or one of the process's states. */
export function requireEntityInProcess(process: ProcessStates, entity: string | null | undefined): void {
  if (entity && !process.entities.includes(entity)) throw entityNotInProcess(process, entity);
}

/** The 404 for a cut a process does not have. */
export function unknownCut(slug: string, date: string): ApiError {
  return new ApiError(
    'not_found',
    `The process '${slug}' has no cut of ${date}. GET /api/v1/registrations/${slug}/cuts lists them.`,
  );
}

/** What a file parser reports when it refuses a file: the problems it found (at most `limit` are listed). */
type Refused = { problems: { field: string; message: string; line?: number }[] };

/** The 422 for a file with problems: nothing was `done` (written, imported), and how many problems were listed. */
export function fileProblems(refused: Refused, limit: number, done: string, what: string): ApiError {
  const count = refused.problems.length;
  return new ApiError(
    'validation_failed',
    `Nothing was ${done}: ${count === limit ? 'at least ' : ''}${count} problem${count === 1 ? '' : 's'} in the ${what}. Fix the lines listed in details and send it again.`,
    refused.problems,
  );
}
