import type { MiddlewareHandler } from 'hono';
import { type Framing, framingFor, securityHeaders } from '../domain/security-policy.ts';

// The two sets of headers as [name, value] lists, worked out once per isolate: every answer needs one.
const BY_FRAMING: Record<Framing, [string, string][]> = {
  any: Object.entries(securityHeaders('any')),
  deny: Object.entries(securityHeaders('deny')),
};

/** The security headers of an answer at `pathname`, for an answer whose headers are put together ahead (a cached one). */
export function securityHeaderList(pathname: string): readonly [string, string][] {
  return BY_FRAMING[framingFor(pathname)];
}

/** Middleware that adds the security headers to a Worker response unless a route already set them. */
export function withSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const missing = securityHeaderList(c.req.path).filter(([name]) => !c.res.headers.has(name));
    if (missing.length === 0) return;
    // A response straight from fetch() (the home page's static fallback) has immutable headers: set them on a copy.
    const response = new Response(c.res.body, c.res);
    for (const [name, value] of missing) response.headers.set(name, value);
    c.res = response;
  };
}
