import { currentProcess, currentProcesses } from '../data/data-version.ts';
import { cumulativeByDay, previousProcess } from '../data/pace.ts';
import type { ProcessRecord } from '../data/processes.ts';
import { readSummary } from '../data/summary.ts';
import { isSmallGroup } from '../domain/small-groups.ts';
import { requireEntityInProcess, unknownProcess } from '../lib/problems.ts';
import { buildModel, type DashboardModel, windowState } from './model.ts';
import type { DashboardQuery } from './params.ts';

/** The process a dashboard shows: the one asked for, else the one whose registration opened last. */
export async function chooseProcess(
  db: D1Database,
  slug: string | undefined,
): Promise<{ process: ProcessRecord; processes: ProcessRecord[] }> {
  const processes = await currentProcesses(db);
  const process = slug ? (await currentProcess(db, slug)).process : processes[0];
  if (!process) throw unknownProcess(slug);
  return { process, processes };
}

/** A cache key part that changes whenever anything the view shows can change. */
export function viewVersion(process: ProcessRecord, processes: ProcessRecord[], today: string): string {
  const previous = previousProcess(processes, process);
  return `${process.slug}.v${process.data_version}.${previous ? `${previous.slug}.v${previous.data_version}` : 'none'}.${today}`;
}

/** Reads the figures (from the rollups) and builds the model of a dashboard view. */
export async function loadModel(
  db: D1Database,
  query: DashboardQuery,
  chosen: { process: ProcessRecord; processes: ProcessRecord[] },
  today: string,
): Promise<DashboardModel> {
  const { process, processes } = chosen;
  requireEntityInProcess(process, query.entity);
  const filters = { entity: query.entity ?? null, country: query.country ?? null };
  const { value: summary } = await readSummary(db, process, query.scope, filters);
  const window = windowState(process, summary, today);
  const previous = previousProcess(processes, process);
  // The pace is a count of another population (the previous process by this day): never for a small group.
  const eligible = previous && window.day > 0 && window.state !== 'upcoming' && !summary.suppressed;
  const count = eligible ? await cumulativeByDay(db, previous, window.day, query.scope, filters) : 0;
  const pace = eligible && !isSmallGroup(count) ? { previous, day: window.day, count } : null;
  return buildModel({ lang: query.lang, query, process, processes, summary, pace, today });
}
