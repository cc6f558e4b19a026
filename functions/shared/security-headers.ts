import type { MiddlewareHandler } from 'hono';
import { framingFor, securityHeaders } from '../domain/security-policy.ts';

/** Middleware that adds the security headers to a Worker response unless a route already set them. */
export function withSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders(framingFor(new URL(c.req.url).pathname)))) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}
