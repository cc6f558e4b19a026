import { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../../env.ts';
import { ApiError } from '../../shared/errors.ts';
import { htmlErrors } from '../../shared/html-errors.ts';
import { IMMUTABLE_CACHE_CONTROL } from '../../shared/http-cache.ts';
import { parseOrThrow } from '../../shared/validate.ts';
import { embedAssets } from './embed-assets.ts';
import { embedDocument, embedErrorDocument } from './embed-document.ts';
import { embedUrl } from './embed-url.ts';
import { dashboardQuerySchema } from './params.ts';
import { serveFiguresView } from './serve-view.ts';
import { DASHBOARD_CSS } from './styles.ts';

/** `/embed/*`: frame-able dashboard views for partners' sites, their shared stylesheet and script. */
export const embedRoutes = new Hono<AppEnv>()
  .get('/registrations', async (c) => {
    const query = parseOrThrow(dashboardQuerySchema, c.req.query(), 'query');
    const origin = new URL(c.req.url).origin;
    return serveFiguresView(c, query, {
      kind: 'embed',
      extra: { origin },
      front: true,
      changes: query.view === 'changes',
      publishes: {
        kind: 'embed',
        view: query.view,
        path: (model) => embedUrl('', query, model.process.slug),
      },
      render: async (model, publication) =>
        new Response(
          String(embedDocument(model, query.view, origin, await embedAssets(c.env.ASSETS, origin), publication?.code)),
          { headers: { 'Content-Type': 'text/html; charset=utf-8' } },
        ),
    });
  })
  .get('/dashboard.css', etag(), (c) =>
    c.body(DASHBOARD_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
    }),
  )
  // The embeds' shared stylesheet and script: a year in every cache under the current name; under another
  // deploy's name (a page cached before a deploy), today's file for five minutes only.
  .get('/assets/:file', async (c) => {
    const { css, js } = await embedAssets(c.env.ASSETS, new URL(c.req.url).origin);
    const asked = c.req.path;
    const extension = asked.endsWith('.css') ? css : asked.endsWith('.js') ? js : undefined;
    if (!extension || !/^\/embed\/assets\/embed\.[0-9a-f]{12}\.(css|js)$/.test(asked)) {
      throw new ApiError('not_found', 'No such embed file: the embed page names the current ones.');
    }
    return c.body(extension.body, 200, {
      'Content-Type': extension.type,
      'Cache-Control': asked === extension.path ? IMMUTABLE_CACHE_CONTROL : 'public, max-age=300',
    });
  })
  .onError(htmlErrors((c, error, lang) => c.html(embedErrorDocument(lang, error), error.status)));
