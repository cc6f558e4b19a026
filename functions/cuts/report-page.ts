import { Hono } from 'hono';
import { viewerOf } from '../auth/viewer.ts';
import type { AppEnv } from '../env.ts';
import { resolveProcess } from '../processes/visible-process.ts';
import { dashboardErrors } from '../registrations/dashboard/errors-page.ts';
import { loadModel } from '../registrations/dashboard/load.ts';
import { dashboardQuerySchema } from '../registrations/dashboard/params.ts';
import { cacheName } from '../shared/cache-key.ts';
import { serveVersioned } from '../shared/http-cache.ts';
import { LANG_SEGMENT, pageLang } from '../shared/shell.ts';
import { parseOrThrow } from '../shared/validate.ts';
import { cutReportHtml } from './report.ts';

/** `/es/dashboard/cortes/{process}/{date}/` and `/en/…`: the printable report of a cut (immutable, like the cut). */
export const cutReportRoutes = new Hono<AppEnv>()
  .get(`${LANG_SEGMENT}/dashboard/cortes/:process/:date/`, async (c) => {
    const lang = pageLang(c);
    const origin = new URL(c.req.url).origin;
    const query = parseOrThrow(
      dashboardQuerySchema,
      { process: c.req.param('process'), cut: c.req.param('date'), lang },
      'path',
    );
    const chosen = await resolveProcess(c.env.DB, viewerOf(c), query.process, query.cut);
    const cut = chosen.cut;
    if (!cut) throw new Error('a cut report without a cut');
    return serveVersioned(
      c,
      {
        // The report holds absolute URLs (its oEmbed discovery link): one entry per origin that serves it.
        name: cacheName('cut-report', `${chosen.process.slug}.cut-${cut.date}`, { ...query, origin }),
        immutable: true,
        private: chosen.private,
        cors: false,
        build: async () => {
          const model = await loadModel(c.env.DB, query, chosen, cut.date, true);
          // A cut always has its changes (from zero before the first cut).
          if (!model.changes) throw new Error('a cut without its changes');
          const body = String(cutReportHtml(model, model.changes, origin));
          return {
            response: new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
            rowsRead: 0,
          };
        },
      },
      0,
    );
  })
  .onError(dashboardErrors);
