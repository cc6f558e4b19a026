import type { Context } from 'hono';
import type { Viewer } from '../auth/viewer.ts';
import type { AppEnv } from '../env.ts';
import { cacheName } from '../shared/cache-key.ts';
import { serveVersioned } from '../shared/http-cache.ts';
import type { CutRecord } from './cut-store.ts';
import type { ProcessRecord } from './store.ts';
import { resolveProcess } from './visible-process.ts';

/** The figures a request asks for: the live ones of a process, or one of its cuts (frozen, cached for a year). */
export interface FigureSource {
  /** The process as the figures show it (at a cut: its definition and `as_of` then). */
  process: ProcessRecord;
  cut: CutRecord | null;
  /** The processes this viewer may see. */
  processes: ProcessRecord[];
  /** Names the cache entries of these figures: the data version when live, the cut's date when frozen. */
  version: string;
  /** True when the figures are of an unpublished process (or read by a viewer who sees one): never cached shared. */
  private: boolean;
  rowsRead: number;
}

/** The live figures of `slug`, or its cut of `cut`, as `viewer` may see them; 404 for an unknown process or cut. */
export async function figureSource(
  db: D1Database,
  viewer: Viewer,
  slug: string,
  cut: string | null | undefined,
): Promise<FigureSource> {
  const chosen = await resolveProcess(db, viewer, slug, cut);
  const version = chosen.cut ? `cut-${chosen.cut.date}` : `v${chosen.process.data_version}`;
  const { process, processes, private: isPrivate, rowsRead } = chosen;
  return { process, cut: chosen.cut, processes, version, private: isPrivate, rowsRead };
}

/**
 * Serves one read of these figures through the edge cache: named by its kind, the process, the figures' version and
 * the validated `inputs`; kept for a year when it is a cut's; never stored shared when it is private.
 */
export function serveFigures(
  c: Context<AppEnv>,
  source: FigureSource,
  kind: string,
  inputs: Readonly<Record<string, unknown>>,
  build: () => Promise<{ response: Response; rowsRead: number }>,
  options: {
    /** The route's answer depends on the URL and viewer only: repeats may be answered before routing. */
    front?: boolean;
  } = {},
): Promise<Response> {
  return serveVersioned(
    c,
    {
      name: cacheName(kind, `${source.process.slug}.${source.version}`, inputs),
      immutable: source.cut !== null,
      private: source.private,
      build,
      front: options.front ?? false,
    },
    source.rowsRead,
  );
}
