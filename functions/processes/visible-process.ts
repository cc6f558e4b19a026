import type { Viewer } from '../auth/viewer.ts';
import { unknownCut, unknownProcess } from '../shared/problems.ts';
import { type CutRecord, processAtCut } from './cut-store.ts';
import type { ProcessRecord } from './store.ts';
import { currentCut, currentProcess, currentProcesses } from './versions.ts';

/** The process a request names, as its viewer may see it, with the list it was chosen from. */
export interface ChosenProcess {
  /** The process as the figures show it (at a cut: its definition and `as_of` then). */
  process: ProcessRecord;
  /** The processes this viewer may see, the most recent registration window first. */
  processes: ProcessRecord[];
  /** The cut it shows (null: the live figures). */
  cut: CutRecord | null;
  /**
   * True when the answer shows something unpublished (the process, or one in the list): it is for this viewer
   * only, `Cache-Control: private, no-store`, and never enters the shared cache.
   */
  private: boolean;
  /** D1 rows read to find it (0 on a warm isolate). */
  rowsRead: number;
}

/** The processes a viewer may list: the published ones, and for admin and staff the unpublished ones too. */
export async function visibleProcesses(
  db: D1Database,
  viewer: Viewer,
): Promise<{ processes: ProcessRecord[]; private: boolean }> {
  const all = await currentProcesses(db);
  const published = all.filter((process) => process.published);
  if (published.length === all.length || !(await viewer.seesUnpublished())) {
    return { processes: published, private: false };
  }
  return { processes: all, private: true };
}

/**
 * The one place a request's process is resolved (figures, CSVs, cuts, dashboard, embeds, images, cut reports):
 * the one `slug` names, else the default, the published process whose registration opened last (never an
 * unpublished one, whoever asks). An unpublished process exists only for admin and staff; to anyone else it is
 * the same 404 as an unknown slug. With `cut`, the process as that cut shows it (404 when it has no such cut).
 */
export async function resolveProcess(
  db: D1Database,
  viewer: Viewer,
  slug: string | undefined,
  cut?: string | null,
): Promise<ChosenProcess> {
  // The slug's process first: when the memo is cold, its read of the list is the one counted (the list is then
  // taken from memory).
  const found = slug ? await currentProcess(db, slug) : null;
  const list = await visibleProcesses(db, viewer);
  let process: ProcessRecord | undefined;
  let rowsRead = 0;
  if (found) {
    rowsRead = found.rowsRead;
    if (found.process && (found.process.published || (await viewer.seesUnpublished()))) process = found.process;
  } else {
    process = list.processes.find((one) => one.published);
  }
  if (!process) throw unknownProcess(slug);
  const chosen = {
    process,
    processes: list.processes,
    cut: null,
    private: !process.published || list.private,
    rowsRead,
  };
  if (!cut) return chosen;
  const { cut: record, rowsRead: cutRows } = await currentCut(db, process, cut);
  if (!record) throw unknownCut(process.slug, cut);
  return { ...chosen, process: processAtCut(process, record), cut: record, rowsRead: rowsRead + cutRows };
}
