import { Hono } from 'hono';
import { PUBLIC_VIEWER } from '../auth/viewer.ts';
import type { AppEnv } from '../env.ts';
import { type CutRecord, listCuts } from '../processes/cut-store.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { resolveProcess } from '../processes/visible-process.ts';
import { cacheName } from '../shared/cache-key.ts';
import { html } from '../shared/html.ts';
import { serveVersioned } from '../shared/http-cache.ts';
import { fill, formatters, type Lang, useTranslations } from '../shared/i18n.ts';
import { LANG_SEGMENT, pageLang, renderInShell, wholePage } from '../shared/shell.ts';
import { readSummary, type Summary } from './summary.ts';

/** The latest figure in words: the process, its total, the moment the figures describe and its latest cut. */
function liveFigureHtml(process: ProcessRecord, summary: Summary, latestCut: CutRecord | undefined, lang: Lang) {
  const t = useTranslations(lang);
  const fmt = formatters(lang);
  const asOf = summary.as_of;
  return html`<p class="live-figure"><strong class="live-total">${fmt.number(summary.total)}</strong> ${fill(
    t('home.live.figure'),
    { process: process.name[lang] },
  )}</p>${
    asOf
      ? html`<p class="as-of">${t('dash.asOf')} <time datetime="${asOf}">${fmt.date(asOf.slice(0, 10))}</time></p>`
      : ''
  }${
    latestCut
      ? html`<p class="latest-cut">${t('home.live.cut')} <a href="/${lang}/dashboard/cortes/${process.slug}/${latestCut.date}/">${fill(
          t('dash.cuts.report'),
          { date: fmt.date(latestCut.date) },
        )}</a></p>`
      : ''
  }<p><a href="/${lang}/dashboard/">${t('home.live.more')}</a> · <a href="/api/v1/processes">${t('home.live.api')}</a></p>`;
}

/**
 * `/es/` and `/en/`: the built home page with the latest registration figure (and a link to its latest cut, the
 * citable copy) rendered into it, so it reads
 * without JavaScript. The home page must always answer: without figures (no process yet, a database
 * problem, a client past its limit) it is the static page as built, which links to the dashboard.
 */
export const homeRoutes = new Hono<AppEnv>().get(`${LANG_SEGMENT}/`, async (c) => {
  const lang = pageLang(c);
  try {
    // The same page for everyone: the latest published process, never a rehearsal, whoever is signed in.
    const { process } = await resolveProcess(c.env.DB, PUBLIC_VIEWER, undefined);
    const version = `${process.slug}.v${process.data_version}`;
    return await serveVersioned(
      c,
      {
        name: cacheName('home', version, { lang }),
        cors: false,
        build: async () => {
          const [{ value: summary, rowsRead }, cuts] = await Promise.all([
            readSummary(c.env.DB, process, 'received', { entity: null, country: null }),
            listCuts(c.env.DB, process.slug),
          ]);
          const page = await renderInShell(c, lang, '', {
            selector: '#home-live',
            markup: liveFigureHtml(process, summary, cuts[0], lang),
          });
          return { response: await wholePage(page), rowsRead };
        },
      },
      0,
    );
  } catch (error) {
    console.warn(`home: served without the live figure (${error instanceof Error ? error.name : 'error'})`);
    return c.env.ASSETS.fetch(new Request(new URL(`/${lang}/`, c.req.url)));
  }
});
