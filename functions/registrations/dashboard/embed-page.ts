import { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../../env.ts';
import { htmlErrors } from '../../shared/html-errors.ts';
import { parseOrThrow } from '../../shared/validate.ts';
import { embedDocument, embedErrorDocument } from './embed-document.ts';
import { embedUrl } from './embed-url.ts';
import { dashboardQuerySchema } from './params.ts';
import { serveFiguresView } from './serve-view.ts';
import { DASHBOARD_CSS } from './styles.ts';

/** `/embed/*`: frame-able dashboard views for partners' sites, and their stylesheet. */
export const embedRoutes = new Hono<AppEnv>()
  .get('/registrations', async (c) => {
    const query = parseOrThrow(dashboardQuerySchema, c.req.query(), 'query');
    const origin = new URL(c.req.url).origin;
    return serveFiguresView(c, query, {
      kind: 'embed',
      extra: { origin },
      changes: query.view === 'changes',
      publishes: {
        kind: 'embed',
        view: query.view,
        path: (model) => embedUrl('', query, model.process.slug),
      },
      render: async (model, publication) =>
        new Response(String(embedDocument(model, query.view, origin, publication?.code)), {
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
