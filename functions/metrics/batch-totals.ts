// A queue batch summed in memory before any SQL: one entry per distinct key, not one per event, so counting a
// thousand events writes a few hundred rows.
import { BREADTH_DIMENSIONS, CAPPED_DIMENSIONS } from '../domain/metrics.ts';
import type { NetworkCount } from './admission.ts';
import type { EventMessage } from './event.ts';

/** A batch reduced to what D1 must change: one entry per distinct key, not one per event. */
export interface BatchTotals {
  /** [hour, dimension, key, count] for the hourly dimensions (known sets) */
  rollups: [string, string, string, number][];
  /** [day, dimension, key, count] for the dimensions capped per day (free values), first come first admitted */
  daily: [string, string, string, number][];
  /** [day, dimension, key, count, network] for the free values admitted by breadth (admission.ts) */
  networks: NetworkCount[];
  /** [day, visitor, [scope, hour of the first event that brought it][]] */
  visits: [string, string, [string, string][]][];
  /** [hour, day, visitor, register clicks] */
  clicks: [string, string, string, number][];
  /** [minute sent, ids of the events sent that minute] */
  buckets: [string, string[]][];
}

const CAPPED_SET: ReadonlySet<string> = new Set(CAPPED_DIMENSIONS);
const BREADTH_SET: ReadonlySet<string> = new Set(BREADTH_DIMENSIONS);

/** The minute an event was sent, which files it for the redelivery check (the hour for messages of older deploys). */
export const bucketOf = (m: EventMessage): string => m.minute ?? m.hour;

/** Sums a batch in memory: the hourly counts, each visitor's scopes of the day, and its register clicks. */
export function totalBatch(messages: readonly EventMessage[]): BatchTotals {
  const rollups = new Map<string, [string, string, string, number]>();
  const daily = new Map<string, [string, string, string, number]>();
  const networks = new Map<string, NetworkCount>();
  const visits = new Map<string, [string, string, Map<string, string>]>();
  const clicks = new Map<string, [string, string, string, number]>();
  const buckets = new Map<string, string[]>();
  for (const m of messages) {
    const bucket = buckets.get(bucketOf(m)) ?? [];
    bucket.push(m.id);
    buckets.set(bucketOf(m), bucket);
    for (const [dimension, key] of m.counts) {
      // Messages without a network (no client address: Worker tests; older deploys) keep first come, first admitted.
      if (m.network && BREADTH_SET.has(dimension)) {
        const id = JSON.stringify([m.day, dimension, key, m.network]);
        const row = networks.get(id) ?? [m.day, dimension, key, 0, m.network];
        row[3] += 1;
        networks.set(id, row);
        continue;
      }
      const [table, when] = CAPPED_SET.has(dimension) ? [daily, m.day] : [rollups, m.hour];
      const id = JSON.stringify([when, dimension, key]);
      const row = table.get(id) ?? [when, dimension, key, 0];
      row[3] += 1;
      table.set(id, row);
    }
    if (!m.visitor) continue;
    if (m.scopes.length) {
      const id = JSON.stringify([m.day, m.visitor]);
      const row = visits.get(id) ?? [m.day, m.visitor, new Map<string, string>()];
      for (const scope of m.scopes) if (!row[2].has(scope)) row[2].set(scope, m.hour);
      visits.set(id, row);
    }
    if (m.counts.some(([dimension, key]) => dimension === 'event' && key === 'cta_click')) {
      const id = JSON.stringify([m.hour, m.visitor]);
      const row = clicks.get(id) ?? [m.hour, m.day, m.visitor, 0];
      row[3] += 1;
      clicks.set(id, row);
    }
  }
  return {
    rollups: [...rollups.values()],
    daily: [...daily.values()],
    networks: [...networks.values()],
    visits: [...visits.values()].map(([day, visitor, scopes]) => [day, visitor, [...scopes]]),
    clicks: [...clicks.values()],
    buckets: [...buckets],
  };
}
