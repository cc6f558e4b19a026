import { ApiError } from '../shared/errors.ts';
import { normaliseCode } from './code.ts';
import { findPublication, type Publication } from './store.ts';

/** The reason a code finds nothing: it cannot be a code, or no publication has it. */
export type Miss = 'malformed' | 'unknown';

/** The publication of a typed code, or why there is none. */
export async function lookUp(db: D1Database, typed: string): Promise<Publication | Miss> {
  const code = normaliseCode(typed);
  if (!code) return 'malformed';
  return (await findPublication(db, code)) ?? 'unknown';
}

/** The publication of a typed code, or the contract's 400 (not a code) or 404 (no such publication). */
export async function publicationOrThrow(db: D1Database, typed: string): Promise<Publication> {
  const found = await lookUp(db, typed);
  if (found === 'malformed') {
    throw new ApiError(
      'bad_request',
      `'${typed.slice(0, 30)}' is not a verification code: a code is 10 characters written XXXXX-XXXXX (digits and letters but I, L, O and U).`,
    );
  }
  if (found === 'unknown') {
    throw new ApiError('not_found', `No publication has the code ${normaliseCode(typed)}: check each character.`);
  }
  return found;
}
