import type { ChosenProcess } from '../../processes/visible-process.ts';
import { requireEntityInProcess } from '../../shared/problems.ts';
import { readRecentChanges } from '../changes.ts';
import { cumulativeByDay, previousProcess } from '../pace.ts';
import { isSmallGroup } from '../small-groups.ts';
import { readSummary } from '../summary.ts';
import { buildModel, type DashboardModel, windowState } from './model.ts';
import type { DashboardQuery } from './params.ts';

/** A cache key part that changes whenever anything the view shows can change (a cut's view never does). */
export function viewVersion(chosen: ChosenProcess, today: string): string {
  const { process, processes, cut } = chosen;
  if (cut) return `${process.slug}.cut-${cut.date}`;
  const previous = previousProcess(processes, process);
  return `${process.slug}.v${process.data_version}.${previous ? `${previous.slug}.v${previous.data_version}` : 'none'}.${today}`;
}

/** Reads the figures (from the rollups) and builds the model of a dashboard view. */
export async function loadModel(
  db: D1Database,
  query: DashboardQuery,
  chosen: ChosenProcess,
  today: string,
  withChanges = false,
): Promise<DashboardModel> {
  const { process, processes, cut } = chosen;
  requireEntityInProcess(process, query.entity);
  const filters = { entity: query.entity ?? null, country: query.country ?? null };
  const { value: summary } = await readSummary(db, process, query.scope, filters, cut?.date ?? null);
  const window = windowState(process, summary, today);
  const previous = previousProcess(processes, process);
  // The pace is a count of another population (the previous process by this day): never for a small group.
  const eligible = previous && window.day > 0 && window.state !== 'upcoming' && !summary.suppressed;
  const count = eligible ? await cumulativeByDay(db, previous, window.day, query.scope, filters) : null;
  const pace = previous && count !== null && !isSmallGroup(count) ? { previous, day: window.day, count } : null;
  const changes = withChanges ? await readRecentChanges(db, process, cut, query.scope, filters) : undefined;
  return buildModel({ lang: query.lang, query, process, processes, summary, pace, today, cut, changes });
}
