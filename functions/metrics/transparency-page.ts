import { Hono } from 'hono';
import { todayUtc } from '../domain/dates.ts';
import type { AppEnv } from '../env.ts';
import { cacheName } from '../shared/cache-key.ts';
import { htmlErrors } from '../shared/html-errors.ts';
import { serveVersioned } from '../shared/http-cache.ts';
import { problemsHtml } from '../shared/problem-html.ts';
import { LANG_SEGMENT, pageLang, renderInShell, wholePage } from '../shared/shell.ts';
import { PUBLIC_SLOT_MS, readPublicTraffic } from './public-traffic.ts';
import { trafficHtml } from './traffic-html.ts';

/** `/es/transparencia/` and `/en/transparencia/`: the static page with the public traffic rendered into it. */
export const transparencyRoutes = new Hono<AppEnv>()
  .get(`${LANG_SEGMENT}/transparencia/`, async (c) => {
    const lang = pageLang(c);
    const slot = Math.floor(Date.now() / PUBLIC_SLOT_MS);
    return serveVersioned(
      c,
      {
        name: cacheName('transparency', String(slot), { lang }),
        cors: false,
        build: async () => {
          const traffic = await readPublicTraffic(c.env.DB, 30, todayUtc());
          const page = await renderInShell(c, lang, 'transparencia', {
            selector: '#transparency-traffic',
            markup: trafficHtml(traffic, lang),
          });
          return {
            response: await wholePage(page),
            rowsRead: 0,
          };
        },
      },
      0,
    );
  })
  // The page takes no parameters: its one error is a rate limit, said in its own sentence where the figures go.
  .onError(
    htmlErrors((c, error, lang) =>
      renderInShell(c, lang, 'transparencia', {
        selector: '#transparency-traffic',
        markup: problemsHtml(error, error.message),
        status: error.status,
      }),
    ),
  );
