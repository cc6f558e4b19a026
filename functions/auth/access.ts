import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../shared/errors.ts';
import { type AccessConfig, accessConfig, type PersonRoles, rolesOf } from './access-roles.ts';
import { identityEmail, tokenTimesProblem } from './identity.ts';

/** A person signed in through Cloudflare Access, verified, with what they may do. */
export interface Person extends PersonRoles {
  email: string;
}

/** Where a signed-in person signs out (Access's own logout, on this host). */
export const SIGN_OUT_PATH = '/cdn-cgi/access/logout';

// One key set per team, kept by the isolate: jose fetches it once and again only for an unknown key id.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySetOf(teamDomain: string) {
  let keys = keySets.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL('/cdn-cgi/access/certs', teamDomain));
    keySets.set(teamDomain, keys);
  }
  return keys;
}

/** The Access configuration of this deploy, or null (no Access: local runs and most tests). */
export function accessOf(c: Context<AppEnv>): AccessConfig | null {
  return accessConfig(c.env);
}

/**
 * The person this request was signed in as, or null when Access is off or the request carries no Access
 * token. Access puts its token in the `Cf-Access-Jwt-Assertion` header on the paths it guards and in the
 * `CF_Authorization` cookie for the whole host, so pages behind Access can call the API. A token that is
 * there but does not verify (signature, issuer, audience, expiry, no `exp` or `iat`, `iat` in the future) is a 401: it is never read as absent.
 */
export async function signedInPerson(c: Context<AppEnv>): Promise<Person | null> {
  const config = accessOf(c);
  if (!config) return null;
  const jwt = c.req.header('cf-access-jwt-assertion') || getCookie(c, 'CF_Authorization');
  if (!jwt) return null;
  let email: unknown;
  try {
    const { payload } = await jwtVerify(jwt, keySetOf(config.teamDomain), {
      issuer: config.teamDomain,
      audience: config.audiences,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'iat'],
    });
    const problem = tokenTimesProblem(payload, Math.floor(Date.now() / 1000));
    if (problem) throw new Error(problem);
    email = identityEmail(payload.email);
  } catch (error) {
    const expired = error instanceof joseErrors.JWTExpired;
    throw new ApiError(
      'unauthorized',
      expired
        ? 'Your Cloudflare Access sign-in has expired. Reload the page to sign in again.'
        : 'Your Cloudflare Access sign-in could not be verified. Sign out and sign in again; scripts send an API token instead.',
      [],
      { 'WWW-Authenticate': 'Bearer' },
    );
  }
  if (typeof email !== 'string') {
    throw new ApiError(
      'unauthorized',
      'This Cloudflare Access sign-in names no single plain e-mail address; sign in as a person.',
    );
  }
  return { email, ...rolesOf(email, config) };
}

/**
 * Refuses a change made with an Access sign-in from another site: the browser sends the Access cookie with
 * any request to this host, so a page elsewhere could otherwise act for a signed-in person. Reads are
 * safe (CORS keeps their answers from other sites); anything else must come from this origin.
 */
export function requireSameOrigin(c: Context<AppEnv>): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return;
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const own = new URL(c.req.url).origin;
  if (origin ? origin === own : site === 'same-origin') return;
  throw new ApiError(
    'forbidden',
    'Changes made with a Cloudflare Access sign-in must come from this site’s own pages. Scripts send an API token instead.',
  );
}
