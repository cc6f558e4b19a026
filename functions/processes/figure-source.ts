import { unknownCut, unknownProcess } from '../shared/problems.ts';
import { type CutRecord, processAtCut } from './cut-store.ts';
import type { ProcessRecord } from './store.ts';
import { currentCut, currentProcess } from './versions.ts';

/** The figures a request asks for: the live ones of a process, or one of its cuts (frozen, cached for a year). */
export interface FigureSource {
  /** The process as the figures show it (at a cut: its definition and `as_of` then). */
  process: ProcessRecord;
  cut: CutRecord | null;
  /** Names the cache entries of these figures: the data version when live, the cut's date when frozen. */
  version: string;
  rowsRead: number;
}

/** The live figures of `slug`, or its cut of `cut`; 404 for an unknown process or cut. */
export async function figureSource(
  db: D1Database,
  slug: string,
  cut: string | null | undefined,
): Promise<FigureSource> {
  const { process, rowsRead } = await currentProcess(db, slug);
  if (!process) throw unknownProcess(slug);
  if (!cut) return { process, cut: null, version: `v${process.data_version}`, rowsRead };
  const { cut: record, rowsRead: cutRows } = await currentCut(db, slug, cut);
  if (!record) throw unknownCut(slug, cut);
  return { process: processAtCut(process, record), cut: record, version: `cut-${cut}`, rowsRead: rowsRead + cutRows };
}
