import type { MiddlewareHandler } from 'hono';
import { framingFor, securityHeaders } from '../domain/security-policy.ts';

/** Middleware that adds the security headers to a Worker response unless a route already set them. */
export function withSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const missing = Object.entries(securityHeaders(framingFor(new URL(c.req.url).pathname))).filter(
      ([name]) => !c.res.headers.has(name),
    );
    if (missing.length === 0) return;
    // A response straight from fetch() (the home page's static fallback) has immutable headers: set them on a copy.
    const response = new Response(c.res.body, c.res);
    for (const [name, value] of missing) response.headers.set(name, value);
    c.res = response;
  };
}
