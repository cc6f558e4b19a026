import type { z } from '@hono/zod-openapi';
import type { Scope } from '../domain/registration.ts';
import { type CutRecord, listCuts, previousCut, processAtCut } from '../processes/cut-store.ts';
import type { ProcessRecord } from '../processes/store.ts';
import type { CutChangesAnswer } from './answers.ts';
import { compareSides } from './compare.ts';
import { type Measured, readSummary } from './summary.ts';

/**
 * `…/cuts/{date}/changes` (the documented answer's type), or what the dashboard's panel shows: `to` is null there
 * when the live figures are compared with the latest cut.
 */
export type CutChanges = Omit<z.output<typeof CutChangesAnswer>, 'to'> & { to: string | null };

/** Reads a cut and the cut before it with the summary's own code (so the small-group rule holds on both sides). */
export async function readCutChanges(
  db: D1Database,
  live: ProcessRecord,
  cut: CutRecord,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
): Promise<Measured<z.output<typeof CutChangesAnswer>>> {
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

/**
 * What the dashboard's "since the last cut" panel shows: for a cut, what changed since the cut before it; for the
 * live figures, what changed since the latest cut (null when the process has none).
 */
export async function readRecentChanges(
  db: D1Database,
  process: ProcessRecord,
  cut: CutRecord | null,
  scope: Scope,
  filters: { entity: string | null; country: string | null },
): Promise<CutChanges | null> {
  if (cut) return (await readCutChanges(db, process, cut, scope, filters)).value;
  const [latest] = await listCuts(db, process.slug);
  if (!latest) return null;
  const before = await readSummary(db, processAtCut(process, latest), scope, filters, latest.date);
  const after = await readSummary(db, process, scope, filters);
  return {
    process: process.slug,
    from: latest.date,
    to: null,
    scope,
    filters,
    ...compareSides(before.value, after.value),
  };
}
