import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { listCuts } from '../../processes/cut-store.ts';
import { html } from '../../shared/html.ts';
import { LANG_SEGMENT, pageLang, renderInShell, wholePage } from '../../shared/shell.ts';
import { parseOrThrow } from '../../shared/validate.ts';
import { readSummary } from '../summary.ts';
import { dashboardUrl } from './cut-notice.ts';
import { cutsList } from './cuts-list.ts';
import { dashboardHtml } from './dashboard-html.ts';
import { canonicalDashboardUrl, oembedLink } from './embed-url.ts';
import { dashboardErrors } from './errors-page.ts';
import { dashboardQuerySchema } from './params.ts';
import { serveFiguresView } from './serve-view.ts';

/** `/es/dashboard/` and `/en/dashboard/`: the static page shell with the live figures rendered into it. */
export const dashboardRoutes = new Hono<AppEnv>()
  .get(`${LANG_SEGMENT}/dashboard/`, async (c) => {
    const lang = pageLang(c);
    const query = parseOrThrow(dashboardQuerySchema, { ...c.req.query(), lang }, 'query');
    const origin = new URL(c.req.url).origin;
    return serveFiguresView(c, query, {
      kind: 'dashboard',
      // Its page holds absolute URLs (discovery links): one entry per origin that serves it.
      extra: { origin },
      cors: false,
      changes: true,
      render: async (model) => {
        const title = `${model.t('dash.title')} · ${model.process.name[lang]}`;
        const slug = model.process.slug;
        const feed = (path: string) =>
          `${origin}/api/v1/registrations/${path}cuts.atom${lang === 'es' ? '' : `?lang=${lang}`}`;
        const cutsTitle = model.t('dash.cuts');
        const discovery = html`${oembedLink(origin, canonicalDashboardUrl(origin, query, slug), title)}<link rel="alternate" type="application/atom+xml" href="${feed(`${slug}/`)}" title="${cutsTitle} · ${model.process.name[lang]}"><link rel="alternate" type="application/atom+xml" href="${feed('')}" title="${cutsTitle} · Voto Extranjero">`;
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
          rewrite: (rewriter) =>
            rewriter.on('head', { element: (head) => void head.append(String(discovery), { html: true }) }),
        });
        return wholePage(page);
      },
    });
  })
  .onError(dashboardErrors);
