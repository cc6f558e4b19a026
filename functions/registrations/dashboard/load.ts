import { type CutRecord, processAtCut } from '../../processes/cut-store.ts';
import type { ProcessRecord } from '../../processes/store.ts';
import { currentCut, currentProcess, currentProcesses } from '../../processes/versions.ts';
import { requireEntityInProcess, unknownCut, unknownProcess } from '../../shared/problems.ts';
import { readRecentChanges } from '../changes.ts';
import { cumulativeByDay, previousProcess } from '../pace.ts';
import { isSmallGroup } from '../small-groups.ts';
import { readSummary } from '../summary.ts';
import { buildModel, type DashboardModel, windowState } from './model.ts';
import type { DashboardQuery } from './params.ts';

/** The process a view shows, the list it was chosen from, and the cut it shows (null: the live figures). */
export interface ChosenProcess {
  process: ProcessRecord;
  processes: ProcessRecord[];
  cut: CutRecord | null;
}

/**
 * The process a dashboard shows: the one asked for, else the one whose registration opened last; with `cut`, as
 * that cut shows it (404 when the process has no such cut).
 */
export async function chooseProcess(
  db: D1Database,
  slug: string | undefined,
  cut?: string | null,
): Promise<ChosenProcess> {
  const processes = await currentProcesses(db);
  const process = slug ? (await currentProcess(db, slug)).process : processes[0];
  if (!process) throw unknownProcess(slug);
  if (!cut) return { process, processes, cut: null };
  const { cut: record } = await currentCut(db, process.slug, cut);
  if (!record) throw unknownCut(process.slug, cut);
  return { process: processAtCut(process, record), processes, cut: record };
}

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
