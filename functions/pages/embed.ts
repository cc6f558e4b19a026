import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { dashboardQuerySchema } from '../dashboard/params.ts';
import { serveFiguresView } from '../dashboard/serve-view.ts';
import { DASHBOARD_CSS } from '../dashboard/styles.ts';
import type { AppEnv } from '../env.ts';
import { parseOrThrow } from '../lib/validate.ts';
import { embedDocument, embedErrorDocument } from './embed-document.ts';
import { htmlErrors } from './html-errors.ts';

/** `/embed/*`: frame-able dashboard views for partners' sites, and their stylesheet. */
export const embedRoutes = new Hono<AppEnv>()
  .get('/registrations', async (c) => {
    const query = parseOrThrow(dashboardQuerySchema, c.req.query(), 'query');
    const origin = new URL(c.req.url).origin;
    return serveFiguresView(c, query, {
      kind: 'embed',
      variant: [
        query.lang,
        query.scope,
        query.entity,
        query.country,
        query.view,
        query.theme,
        encodeURIComponent(origin),
      ],
      changes: query.view === 'changes',
      render: async (model) =>
        new Response(String(embedDocument(model, query.view, origin)), {
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        }),
    });
  })
  .get('/dashboard.css', etag(), (c) =>
    c.body(DASHBOARD_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
    }),
  )
  .onError(htmlErrors((c, error, lang) => c.html(embedErrorDocument(lang, error), error.status)));
