import type { MiddlewareHandler } from 'hono';
import { findActiveToken } from '../data/tokens.ts';
import type { TokenScope } from '../domain/scopes.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { constantTimeEqual, hashToken, tokenId } from './tokens.ts';

// Compared against when the id is unknown, so unknown and wrong tokens take the same time.
const DUMMY_HASH = '0'.repeat(64);

/** Middleware: the request must carry `Authorization: Bearer <token>` of `scope` (401 missing/unknown, 403 wrong scope). */
export function requireScope(scope: TokenScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new ApiError(
        'unauthorized',
        `This endpoint needs an API token of scope '${scope}': send it as 'Authorization: Bearer <token>'.`,
        [],
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const token = match[1];
    const id = tokenId(token);
    const stored = id ? await findActiveToken(c.env.DB, id) : null;
    const matches = constantTimeEqual(await hashToken(token), stored?.token_hash ?? DUMMY_HASH);
    if (!stored || !matches) {
      throw new ApiError('unauthorized', 'This API token is not recognised or has been revoked.', [], {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    if (stored.scope !== scope) {
      throw new ApiError(
        'forbidden',
        `This token has scope '${stored.scope}', but this endpoint needs scope '${scope}'.`,
      );
    }
    c.set('tokenScope', stored.scope);
    c.set('tokenId', stored.id);
    c.set('referralCode', stored.referral_code);
    await next();
  };
}
