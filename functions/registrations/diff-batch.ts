// The batch pipeline's "diff" step (parse, validate, diff, write, invalidate): pure, so it is tested without D1.
import { APPLICATION_FIELDS, type Application } from '../domain/registration.ts';
import { type RollupDelta, RollupDeltas } from './rollup-keys.ts';

const FIELDS = APPLICATION_FIELDS.filter((f) => f !== 'folio');

/** What must be written for a batch, planned against the rows it replaces. */
export interface BatchPlan {
  changed: Application[];
  inserted: number;
  updated: number;
  unchanged: number;
  deltas: RollupDelta[];
}

/** Compares the batch with the stored rows and sums the rollup moves (old values out, new values in). */
export function planBatch(rows: readonly Application[], stored: ReadonlyMap<string, Application>): BatchPlan {
  const moves = new RollupDeltas();
  const plan: BatchPlan = { changed: [], inserted: 0, updated: 0, unchanged: 0, deltas: [] };
  for (const row of rows) {
    const old = stored.get(row.folio);
    if (old && FIELDS.every((f) => old[f] === row[f])) {
      plan.unchanged += 1;
      continue;
    }
    if (old) {
      plan.updated += 1;
      moves.add(old, -1);
    } else {
      plan.inserted += 1;
    }
    moves.add(row, 1);
    plan.changed.push(row);
  }
  plan.deltas = moves.entries();
  return plan;
}
