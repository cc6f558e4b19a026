import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { eventRoutes } from './api/events.ts';
import { healthRoutes } from './api/health.ts';
import { infographicRoutes } from './api/infographics.ts';
import { metricsRoutes } from './api/metrics.ts';
import { processRoutes } from './api/processes.ts';
import { registrationRoutes } from './api/registrations.ts';
import type { AppEnv, Env } from './env.ts';
import { ApiError } from './lib/errors.ts';
import { onError } from './lib/on-error.ts';
import { withSecurityHeaders } from './lib/security-headers.ts';
import { serverTiming } from './lib/server-timing.ts';
import { consumeEvents } from './metrics/consumer.ts';
import { runScheduled } from './metrics/scheduled.ts';
import { dashboardRoutes } from './pages/dashboard.ts';
import { embedRoutes } from './pages/embed.ts';
import { infographicPageRoutes } from './pages/infographics.ts';
import { rootRoutes } from './pages/root.ts';
import { transparencyRoutes } from './pages/transparency.ts';

const publicReadCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: ['If-None-Match'],
  exposeHeaders: ['ETag', 'Server-Timing', 'Content-Disposition'],
  maxAge: 86_400,
});

/** The API under /api/v1: one router per resource. */
const api = new Hono<AppEnv>()
  // Public figures are readable from any site; writes stay same-origin (no Authorization in CORS).
  .use('/processes/*', publicReadCors)
  .use('/registrations/*', publicReadCors)
  .use('/infographics/*', publicReadCors)
  .route('/health', healthRoutes)
  .route('/events', eventRoutes)
  .route('/metrics', metricsRoutes)
  .get('/ping', (c) => c.body(null, 204))
  .route('/processes', processRoutes)
  .route('/registrations', registrationRoutes)
  .route('/infographics', infographicRoutes);

/** The Worker: the static site is served by Workers Static Assets; these are the paths that need code. */
const app = new Hono<AppEnv>();
app.use('*', withSecurityHeaders());
app.use('/api/*', serverTiming);
app.route('/api/v1', api);
app.route('/', rootRoutes);
app.route('/embed', embedRoutes);
app.route('/', dashboardRoutes);
app.route('/', infographicPageRoutes);
app.route('/', transparencyRoutes);
app.all('/api/*', (c) => {
  throw new ApiError('not_found', `There is no API endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`);
});
// Anything else that reaches the Worker is a static path: let the assets (and their 404 pages) answer.
app.all('*', (c) => c.env.ASSETS.fetch(c.req.raw));
app.onError(onError);

/** The Worker's handlers: HTTP (Hono), the engagement-events queue consumer and the retention cron. */
export default {
  fetch: app.fetch,
  queue: consumeEvents,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env>;
