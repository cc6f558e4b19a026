import { forgetFrontAnswers } from '../shared/front-answers.ts';
import { type CutRecord, cutDates, getCut } from './cut-store.ts';
import { getProcess, listProcesses, type ProcessRecord } from './store.ts';

// Per-isolate memo: repeated reads skip D1 entirely for a few seconds. Short enough that figures
// still reflect an ingest within the contract's 60 seconds (memo + Cache-Control max-age).
const MEMO_MS = 10_000;
const memo = new Map<string, { at: number; process: ProcessRecord | null }>();

/** The process with its current data version, from memory when recent; `rowsRead` is 0 on a memo hit. */
export async function currentProcess(
  db: D1Database,
  slug: string,
  now = Date.now(),
): Promise<{ process: ProcessRecord | null; rowsRead: number }> {
  const hit = memo.get(slug);
  if (hit && now - hit.at < MEMO_MS) return { process: hit.process, rowsRead: 0 };
  // A slug the (memoised) list does not have is unknown: 1,000 made-up slugs cost no D1 read each.
  if (!(await currentProcesses(db, now)).some((one) => one.slug === slug)) return { process: null, rowsRead: 0 };
  const process = await getProcess(db, slug);
  memo.set(slug, { at: now, process });
  if (memo.size > 1_000) memo.delete(memo.keys().next().value as string);
  return { process, rowsRead: 1 };
}

let listMemo: { at: number; processes: ProcessRecord[] } | undefined;

/** Every process, from memory when recent: embeds and dashboards list them on every view. */
export async function currentProcesses(db: D1Database, now = Date.now()): Promise<ProcessRecord[]> {
  if (listMemo && now - listMemo.at < MEMO_MS) return listMemo.processes;
  const processes = await listProcesses(db);
  listMemo = { at: now, processes };
  return processes;
}

/** Forgets the memo for a process after this isolate changed (or deleted) it: its own writes show at once. */
export function forgetProcess(slug: string): void {
  memo.delete(slug);
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
