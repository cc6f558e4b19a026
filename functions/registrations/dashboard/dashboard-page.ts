import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { listCuts } from '../../processes/cut-store.ts';
import { LANG_SEGMENT, pageLang, renderInShell, wholePage } from '../../shared/shell.ts';
import { parseOrThrow } from '../../shared/validate.ts';
import { readSummary } from '../summary.ts';
import { dashboardUrl } from './cut-notice.ts';
import { cutsList } from './cuts-list.ts';
import { dashboardHtml } from './dashboard-html.ts';
import { dashboardErrors } from './errors-page.ts';
import { dashboardQuerySchema } from './params.ts';
import { serveFiguresView } from './serve-view.ts';

/** `/es/dashboard/` and `/en/dashboard/`: the static page shell with the live figures rendered into it. */
export const dashboardRoutes = new Hono<AppEnv>()
  .get(`${LANG_SEGMENT}/dashboard/`, async (c) => {
    const lang = pageLang(c);
    const query = parseOrThrow(dashboardQuerySchema, { ...c.req.query(), lang }, 'query');
    return serveFiguresView(c, query, {
      kind: 'dashboard',
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
            live: dashboardUrl(lang, query),
            after: cutsList(model, await listCuts(c.env.DB, model.process.slug)),
          }),
        });
        return wholePage(page);
      },
    });
  })
  .onError(dashboardErrors);
