import { addDays } from '../domain/dates.ts';
import type { Scope } from '../domain/registration.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { type ChosenProcess, resolveProcess } from '../processes/visible-process.ts';
import { buildModel, type DashboardModel } from '../registrations/dashboard/model.ts';
import { readSummary } from '../registrations/summary.ts';
import { LANGS, type Lang } from '../shared/i18n.ts';
import { requireEntityInProcess } from '../shared/problems.ts';
import type { ImageContext } from './templates/types.ts';

/** The filters a figures template takes (the summary endpoint's own). */
export interface FigureFilters {
  scope: Scope;
  entity?: string;
  country?: string;
  /** A cut's date: its frozen figures instead of the live ones. */
  cut?: string;
}

/** The figures of one image: the summary endpoint's numbers, labelled in both languages. */
export interface Figures {
  process: ProcessRecord;
  models: Record<Lang, DashboardModel>;
  /** Applications in the 7 days up to the window's reference day, and how many there were before them. */
  /** Applications in the 7 days to the figures' day; null when the daily series is withheld (a small group). */
  growth: { count: number; before: number; to: string } | null;
}

/** The process an image is about (the one asked for, else the latest published), as the request's viewer may see it. */
export async function imageProcess(ctx: ImageContext, slug: string | undefined, filters?: FigureFilters) {
  const chosen = await resolveProcess(ctx.db, ctx.viewer, slug, filters?.cut);
  if (filters) requireEntityInProcess(chosen.process, filters.entity);
  return chosen;
}

/**
 * Reads the figures with the same code as `GET …/summary` (one read of the rollups), so an image and the API
 * never disagree, and builds the dashboard's labelled model in each language from them.
 */
export async function loadFigures(
  db: D1Database,
  chosen: ChosenProcess,
  filters: FigureFilters,
  today: string,
): Promise<{ figures: Figures; rowsRead: number }> {
  const entity = filters.entity ?? null;
  const country = filters.country ?? null;
  const { value: summary, rowsRead } = await readSummary(
    db,
    chosen.process,
    filters.scope,
    { entity, country },
    chosen.cut?.date ?? null,
  );
  const models = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      buildModel({
        lang,
        query: {
          process: chosen.process.slug,
          lang,
          scope: filters.scope,
          entity: filters.entity as DashboardModel['query']['entity'],
          country: filters.country,
          cut: filters.cut,
          view: 'summary',
          theme: 'light',
        },
        process: chosen.process,
        processes: chosen.processes,
        summary,
        pace: null,
        today,
        cut: chosen.cut,
      }),
    ]),
  ) as Record<Lang, DashboardModel>;
  const to = models.es.window.reference;
  const from = addDays(to, -6);
  const recent = summary.daily?.filter((d) => d.date >= from && d.date <= to);
  const count = recent?.reduce((sum, d) => sum + d.count, 0) ?? 0;
  const growth = recent ? { count, before: summary.total - count, to } : null;
  return {
    figures: { process: chosen.process, models, growth },
    rowsRead,
  };
}

/**
 * What "today" changes in an image that shows the registration window: before it opens and while it is open the
 * day matters; once closed nothing does. Part of the cache key, so images change daily only while that shows.
 */
export function windowKey(process: ProcessRecord, today: string): string {
  if (today < process.registration_opens) return `upcoming-${today}`;
  if (today <= process.registration_closes) return `open-${today}`;
  return 'closed';
}
