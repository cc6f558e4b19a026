import { forgetFrontAnswers } from '../shared/front-answers.ts';
import { type CutRecord, cutDates, getCut } from './cut-store.ts';
import { listProcesses, type ProcessRecord } from './store.ts';

// Per-isolate memo: repeated reads skip D1 entirely for a few seconds. Short enough that figures
// still reflect an ingest within the contract's 60 seconds (memo + Cache-Control max-age).
const MEMO_MS = 10_000;

let listMemo: { at: number; processes: ProcessRecord[] } | undefined;

/** Every process from memory when recent, else from D1 (then `rowsRead` is how many rows the list read). */
async function processList(db: D1Database, now: number): Promise<{ processes: ProcessRecord[]; rowsRead: number }> {
  if (listMemo && now - listMemo.at < MEMO_MS) return { processes: listMemo.processes, rowsRead: 0 };
  const processes = await listProcesses(db);
  listMemo = { at: now, processes };
  return { processes, rowsRead: processes.length };
}

/**
 * The process with its current data version, from memory when recent; `rowsRead` is 0 on a memo hit. Taken from
 * the list (the same rows, read at most MEMO_MS ago): after a change, one D1 read answers both, and a slug the list
 * does not have is unknown without a read of its own (1,000 made-up slugs cost nothing each).
 */
export async function currentProcess(
  db: D1Database,
  slug: string,
  now = Date.now(),
): Promise<{ process: ProcessRecord | null; rowsRead: number }> {
  const { processes, rowsRead } = await processList(db, now);
  return { process: processes.find((one) => one.slug === slug) ?? null, rowsRead };
}

/** Every process, from memory when recent: embeds and dashboards list them on every view. */
export async function currentProcesses(db: D1Database, now = Date.now()): Promise<ProcessRecord[]> {
  return (await processList(db, now)).processes;
}

/** Forgets the memo for a process after this isolate changed (or deleted) it: its own writes show at once. */
export function forgetProcess(slug: string): void {
  listMemo = undefined;
  forgetFrontAnswers();
  datesMemo.delete(slug);
  for (const key of cutMemo.keys()) if (key.startsWith(`${slug}/`)) cutMemo.delete(key);
}

// A cut of a published process never changes, so once read it is kept for the isolate's life (bounded); a cut not
// found, or one of an unpublished process (which may be deleted and its slug reused, unseen by this isolate), is
// asked again after the usual memo time.
const cutMemo = new Map<string, { at: number; cut: CutRecord | null; forGood: boolean }>();
// The dates of each process's cuts, for the usual memo time: a date not among them is no cut, without a read.
const datesMemo = new Map<string, { at: number; dates: Set<string> }>();

/** A cut of a process, from memory when known: a cached cut embed costs no D1 read. */
export async function currentCut(
  db: D1Database,
  process: ProcessRecord,
  date: string,
  now = Date.now(),
): Promise<{ cut: CutRecord | null; rowsRead: number }> {
  const slug = process.slug;
  const key = `${slug}/${date}`;
  const hit = cutMemo.get(key);
  // A cut read while its process was unpublished is never served once it is published: it may be a deleted one's.
  if (hit && ((hit.cut && hit.forGood) || (now - hit.at < MEMO_MS && hit.forGood === process.published))) {
    return { cut: hit.cut, rowsRead: 0 };
  }
  let dates = datesMemo.get(slug);
  let listed = 0;
  if (!dates || now - dates.at >= MEMO_MS) {
    dates = { at: now, dates: new Set(await cutDates(db, slug)) };
    datesMemo.set(slug, dates);
    if (datesMemo.size > 1_000) datesMemo.delete(datesMemo.keys().next().value as string);
    listed = 1;
  }
  if (!dates.dates.has(date)) return { cut: null, rowsRead: listed };
  const cut = await getCut(db, slug, date);
  cutMemo.set(key, { at: now, cut, forGood: process.published });
  if (cutMemo.size > 1_000) cutMemo.delete(cutMemo.keys().next().value as string);
  return { cut, rowsRead: listed + 1 };
}

/** Forgets what this isolate knew of a cut after taking it (so a "not found" it remembered ends at once). */
export function forgetCut(slug: string, date: string): void {
  cutMemo.delete(`${slug}/${date}`);
  datesMemo.delete(slug);
  forgetFrontAnswers();
}
