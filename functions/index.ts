import { Hono } from 'hono';
import { timing } from 'hono/timing';
import { apiRoutes } from './api/router.ts';
import type { AppEnv, Env } from './env.ts';
import { ApiError } from './lib/errors.ts';
import { onError } from './lib/on-error.ts';
import { withSecurityHeaders } from './lib/security-headers.ts';
import { consumeEvents } from './metrics/consumer.ts';
import { runScheduled } from './metrics/scheduled.ts';
import { cutReportRoutes } from './pages/cut-report.ts';
import { dashboardRoutes } from './pages/dashboard.ts';
import { embedRoutes } from './pages/embed.ts';
import { homeRoutes } from './pages/home.ts';
import { infographicPageRoutes } from './pages/infographics.ts';
import { rootRoutes } from './pages/root.ts';
import { transparencyRoutes } from './pages/transparency.ts';

/** The Worker: the static site is served by Workers Static Assets; these are the paths that need code. */
const app = new Hono<AppEnv>();
app.use('*', withSecurityHeaders());
// The Worker's own time in `Server-Timing` (total), beside the handlers' cache, D1 and render entries: in workerd
// the clock advances only across I/O, so this counts the waits on D1 and the cache, which is what varies.
app.use('/api/*', timing({ totalDescription: 'Worker' }));
app.route('/api/v1', apiRoutes);
app.route('/', rootRoutes);
app.route('/', homeRoutes);
app.route('/embed', embedRoutes);
app.route('/', cutReportRoutes);
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
