import type { MiddlewareHandler } from 'hono';

/**
 * Appends the Worker's own handling time to `Server-Timing`, so a client (or a benchmark) can tell the
 * Worker's cost from the network's. In workerd the clock advances only across I/O, so this counts the
 * waits on D1 and the cache, which is what varies.
 */
export const serverTiming: MiddlewareHandler = async (c, next) => {
  const started = performance.now();
  await next();
  try {
    c.res.headers.append('Server-Timing', `worker;dur=${(performance.now() - started).toFixed(2)}`);
  } catch {
    // Immutable headers (a passed-through asset response): nothing to add.
  }
};
