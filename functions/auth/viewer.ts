import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { signedInPerson } from './access.ts';
import { activeToken, bearerSecret } from './require-scope.ts';

/** Who is reading, as far as unpublished processes go; asked only when one is involved (anonymous reads stay free). */
export interface Viewer {
  /** True for an `admin` or `staff` token and for signed-in staff. */
  seesUnpublished: () => Promise<boolean>;
}

/** A reader who sees only what is published (the home page, the same for everyone). */
export const PUBLIC_VIEWER: Viewer = { seesUnpublished: async () => false };

/**
 * The viewer of a request, asked at most once per request. A credential that does not verify makes a public
 * reader, never an error: a public path answers the same whoever asks, and an unpublished process is simply not there.
 */
export function viewerOf(c: Context<AppEnv>): Viewer {
  return {
    seesUnpublished: () => {
      let answer = c.get('seesUnpublished');
      if (!answer) {
        answer = privileged(c).catch(() => false);
        c.set('seesUnpublished', answer);
      }
      return answer;
    },
  };
}

// An admin or staff token, or a person signed in as staff (admins are staff too); a token wins over a sign-in.
async function privileged(c: Context<AppEnv>): Promise<boolean> {
  const token = bearerSecret(c.req.header('authorization'));
  if (token) {
    const stored = await activeToken(c.env.DB, token);
    return stored?.scope === 'admin' || stored?.scope === 'staff';
  }
  const person = await signedInPerson(c);
  return person?.scopes.includes('staff') ?? false;
}
