import { Hono } from 'hono';
import { timing } from 'hono/timing';
import { apiRoutes } from './api.ts';
import { cutReportRoutes } from './cuts/report-page.ts';
import type { AppEnv, Env } from './env.ts';
import { infographicPageRoutes } from './infographics/page.ts';
import { consumeEvents } from './metrics/consumer.ts';
import { transparencyRoutes } from './metrics/transparency-page.ts';
import { keysRoutes } from './publications/keys-route.ts';
import { verifyRoutes } from './publications/verify-page.ts';
import { dashboardRoutes } from './registrations/dashboard/dashboard-page.ts';
import { embedRoutes } from './registrations/dashboard/embed-page.ts';
import { oembedRoutes } from './registrations/dashboard/oembed.ts';
import { homeRoutes } from './registrations/home-page.ts';
import { runScheduled } from './scheduled.ts';
import { ApiError } from './shared/errors.ts';
import { frontAnswer, keepFront } from './shared/front-answers.ts';
import { onError } from './shared/on-error.ts';
import { rootRoutes } from './shared/root-page.ts';
import { withSecurityHeaders } from './shared/security-headers.ts';

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
app.route('/', oembedRoutes);
app.route('/', cutReportRoutes);
app.route('/', dashboardRoutes);
app.route('/', infographicPageRoutes);
app.route('/', transparencyRoutes);
app.route('/', verifyRoutes);
app.route('/', keysRoutes);
app.all('/api/*', (c) => {
  throw new ApiError('not_found', `There is no API endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`);
});
// Anything else that reaches the Worker is a static path: let the assets (and their 404 pages) answer.
app.all('*', (c) => c.env.ASSETS.fetch(c.req.raw));
app.onError(onError);

/** The Worker's handlers: HTTP (Hono), the engagement-events queue consumer and the retention cron. */
export default {
  // A repeat of a public cached read is answered from memory before routing; any other request is routed.
  fetch: async (request: Request, env: Env, ctx: ExecutionContext) => {
    const kept = frontAnswer(request);
    if (kept) return kept;
    const response = await app.fetch(request, env, ctx);
    keepFront(request, response);
    return response;
  },
  queue: consumeEvents,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env>;
