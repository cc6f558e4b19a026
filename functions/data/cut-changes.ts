import { type CutComparison, compareSides } from '../domain/cut-changes.ts';
import type { Scope } from '../domain/registration.ts';
import { type CutRecord, previousCut, processAtCut } from './cuts.ts';
import type { ProcessRecord } from './processes.ts';
import { type Measured, readSummary } from './summary.ts';

/** `…/cuts/{date}/changes`: a cut against the one before it (`from` null and zeros before the first cut). */
export type CutChanges = {
  process: string;
  from: string | null;
  to: string;
  scope: Scope;
  filters: { entity: string | null; country: string | null };
} & CutComparison;

/** Reads a cut and the cut before it with the summary's own code (so the small-group rule holds on both sides). */
export async function readCutChanges(
  db: D1Database,
  live: ProcessRecord,
  cut: CutRecord,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
): Promise<Measured<CutChanges>> {
  const previous = await previousCut(db, live.slug, cut.date);
  const after = await readSummary(db, processAtCut(live, cut), scope, filters, cut.date);
  const before = previous ? await readSummary(db, processAtCut(live, previous), scope, filters, previous.date) : null;
  return {
    value: {
      process: live.slug,
      from: previous?.date ?? null,
      to: cut.date,
      scope,
      filters,
      ...compareSides(before?.value ?? null, after.value),
    },
    rowsRead: 1 + after.rowsRead + (before?.rowsRead ?? 0),
  };
}
