import type { MiddlewareHandler } from 'hono';
import { todayUtc } from '../domain/dates.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../shared/errors.ts';
import { accessOf, requireSameOrigin, signedInPerson } from './access.ts';
import type { TokenScope } from './scopes.ts';
import { findActiveToken, markTokenUsed, type StoredToken } from './token-store.ts';
import { constantTimeEqual, hashToken, tokenId } from './tokens.ts';

// Compared against when the id is unknown, so unknown and wrong tokens take the same time.
const DUMMY_HASH = '0'.repeat(64);

/** The secret of the request's `Authorization: Bearer <token>` header, or null without one. */
export function bearerSecret(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;
}

/** The active stored token a secret names, or null (unknown, expired, revoked or wrong: all take the same time). */
export async function activeToken(db: D1Database, token: string): Promise<StoredToken | null> {
  const id = tokenId(token);
  const stored = id ? await findActiveToken(db, id) : null;
  const matches = constantTimeEqual(await hashToken(token), stored?.token_hash ?? DUMMY_HASH);
  return stored && matches ? stored : null;
}

/**
 * Middleware: the request must carry `Authorization: Bearer <token>` of `scope` (401 missing/unknown, 403 wrong
 * scope), or, for people, a Cloudflare Access sign-in whose roles include `scope` (401 when it does not
 * verify, 403 without the role; changes only from this site's own pages). A token wins over a sign-in.
 */
export function requireScope(scope: TokenScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerSecret(c.req.header('authorization'));
    if (!token) {
      const person = await signedInPerson(c);
      if (person) {
        if (!person.scopes.includes(scope)) {
          throw new ApiError(
            'forbidden',
            scope === 'ingest'
              ? 'Registration batches come from the feed with an ingest token, never from a sign-in.'
              : `You are signed in as ${person.email}, who is not listed for '${scope}'. Ask an administrator to add you.`,
          );
        }
        requireSameOrigin(c);
        c.set('tokenScope', scope);
        c.set('referralCode', person.referralCode);
        c.set('personEmail', person.email);
        return next();
      }
      throw new ApiError(
        'unauthorized',
        `This endpoint needs an API token of scope '${scope}': send it as 'Authorization: Bearer <token>'${accessOf(c) ? ', or sign in through Cloudflare Access' : ''}.`,
        [],
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const stored = await activeToken(c.env.DB, token);
    if (!stored) {
      throw new ApiError(
        'unauthorized',
        'This API token is not recognised, has expired or has been revoked. Ask for a new one (npm run -s token -- create).',
        [],
        {
          'WWW-Authenticate': 'Bearer error="invalid_token"',
        },
      );
    }
    if (stored.scope !== scope) {
      throw new ApiError(
        'forbidden',
        `This token has scope '${stored.scope}', but this endpoint needs scope '${scope}'.`,
      );
    }
    // Kept to the day: at most one write a day per token, after the answer.
    const today = todayUtc();
    if (stored.last_used_on !== today) {
      const mark = markTokenUsed(c.env.DB, stored.id, today).catch(() => undefined);
      try {
        c.executionCtx.waitUntil(mark);
      } catch {
        await mark;
      }
    }
    c.set('tokenScope', stored.scope);
    c.set('tokenId', stored.id);
    c.set('referralCode', stored.referral_code);
    await next();
  };
}
