import { Hono } from 'hono';
import { liveUrl } from '../dashboard/cut-notice.ts';
import { cutsList } from '../dashboard/cuts-list.ts';
import { dashboardHtml } from '../dashboard/page.ts';
import { dashboardQuerySchema } from '../dashboard/params.ts';
import { serveFiguresView } from '../dashboard/serve-view.ts';
import { listCuts } from '../data/cuts.ts';
import { readSummary } from '../data/summary.ts';
import type { AppEnv } from '../env.ts';
import { parseOrThrow } from '../lib/validate.ts';
import { dashboardErrors } from './dashboard-errors.ts';
import { LANG_SEGMENT, pageLang, renderInShell, wholePage } from './shell.ts';

/** `/es/dashboard/` and `/en/dashboard/`: the static page shell with the live figures rendered into it. */
export const dashboardRoutes = new Hono<AppEnv>()
  .get(`${LANG_SEGMENT}/dashboard/`, async (c) => {
    const lang = pageLang(c);
    const query = parseOrThrow(dashboardQuerySchema, { ...c.req.query(), lang }, 'query');
    return serveFiguresView(c, query, {
      kind: 'dashboard',
      variant: [lang, query.scope, query.entity, query.country],
      cors: false,
      changes: true,
      render: async (model) => {
        // The country filter lists every country of the unfiltered figures, whatever is chosen now: one more
        // summary read when a filter is set (not a whole second model with its pace).
        const byCountry =
          query.country || query.entity
            ? (
                await readSummary(
                  c.env.DB,
                  model.process,
                  query.scope,
                  { entity: null, country: null },
                  model.cut?.date ?? null,
                )
              ).value.by_country
            : model.summary.by_country;
        const page = await renderInShell(c, lang, 'dashboard', {
          selector: '#dashboard-root',
          markup: dashboardHtml(model, Object.keys(byCountry), {
            live: liveUrl(c.req.url),
            after: cutsList(model, await listCuts(c.env.DB, model.process.slug)),
          }),
        });
        return wholePage(page);
      },
    });
  })
  .onError(dashboardErrors);
