import type { Context } from 'hono';
import { viewerOf } from '../../auth/viewer.ts';
import { todayUtc } from '../../domain/dates.ts';
import type { View } from '../../domain/views.ts';
import type { AppEnv } from '../../env.ts';
import { type ChosenProcess, resolveProcess } from '../../processes/visible-process.ts';
import { type NewPublication, recordPublication } from '../../publications/store.ts';
import { cacheName } from '../../shared/cache-key.ts';
import { serveVersioned } from '../../shared/http-cache.ts';
import { loadModel, viewVersion } from './load.ts';
import type { DashboardModel } from './model.ts';
import type { DashboardQuery } from './params.ts';
import { viewPublication } from './view-publication.ts';

/** What a figures view needs besides the query: its cache name, what varies its answer, how it renders. */
export interface FiguresView {
  /** Names the cache entries and ETags of this kind of answer (`embed`, `dashboard`, `view-csv`). */
  kind: string;
  /** Inputs besides the validated query that change the answer (the embed's origin, the CSV's view). */
  extra?: Readonly<Record<string, string>>;
  /** The answer for the model of the query, with its publication when it is one (`publishes`). */
  render: (model: DashboardModel, publication: NewPublication | null) => Promise<Response>;
  /** An embed or a view CSV publishes figures under a verification code: which, of which view, served where. */
  publishes?: { kind: 'embed' | 'csv'; view: View; path: (model: DashboardModel) => string };
  /** Whether other sites may read the answer (figures, yes; the site's own pages, no). */
  cors?: boolean;
  /** Whether the answer shows what changed since the last cut (two more summary reads). */
  changes?: boolean;
  /** The answer depends on the URL and viewer only: repeats may be answered before routing (front-answers.ts). */
  front?: boolean;
}

/**
 * The one way a figures view is answered (dashboard page, embed, view CSV): choose the process, name the
 * answer by the data version and the day (or by the cut, for a year), serve it from the edge cache or build it from the rollups.
 * Unknown processes and states not in the process throw the usual `ApiError`; the caller's error handler
 * chooses whether that becomes JSON or an HTML page.
 */
export async function serveFiguresView(
  c: Context<AppEnv>,
  query: DashboardQuery,
  view: FiguresView,
): Promise<Response> {
  const chosen: ChosenProcess = await resolveProcess(c.env.DB, viewerOf(c), query.process, query.cut);
  // A cut is seen as on its own day (the window's state then), so its view never changes afterwards.
  const day = chosen.cut?.date ?? todayUtc();
  const version = viewVersion(chosen, day);
  return serveVersioned(
    c,
    {
      name: cacheName(view.kind, version, { ...query, ...view.extra }),
      build: async () => {
        const model = await loadModel(c.env.DB, query, chosen, day, view.changes);
        const { publishes } = view;
        const publication = publishes
          ? await viewPublication(model, publishes.view, publishes.kind, publishes.path(model))
          : null;
        // Recorded before the answer is cached; never for an unpublished process (the record is public forever).
        if (publication && !chosen.private) await recordPublication(c.env.DB, publication);
        return { response: await view.render(model, publication), rowsRead: 0 };
      },
      cors: view.cors,
      front: view.front,
      immutable: chosen.cut !== null,
      private: chosen.private,
    },
    0,
  );
}
