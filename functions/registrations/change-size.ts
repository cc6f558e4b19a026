// How many applications a change between two versions of a population describes (contract rule 3).
//
// "Changed by n" is the least number of applications whose arrival, departure or reclassification explains the
// difference between the two answers: for the total and for each breakdown, the arrivals must cover the sum of the
// positive moves and the departures the sum of the negative ones, so the change is the largest, over the total and
// every breakdown, of max(sum of positive moves, sum of negative moves). One applicant whose status moves from
// "revision" to "cumple" changes by_status by +1 and -1: a change of 1, not 0 and not 2.

/** One side of a comparison: the total and any breakdowns (category -> count, or a daily series). */
export interface Figures {
  total: number;
  breakdowns: Record<string, Record<string, number> | null>;
}

/** The least number of applications that explains the move from `before` to `after` (see above). */
export function changeSize(before: Figures, after: Figures): number {
  let size = Math.abs(after.total - before.total);
  for (const [name, counts] of Object.entries(after.breakdowns)) {
    const earlier = before.breakdowns[name];
    if (!counts || !earlier) continue;
    let up = 0;
    let down = 0;
    for (const code of new Set([...Object.keys(counts), ...Object.keys(earlier)])) {
      const move = (counts[code] ?? 0) - (earlier[code] ?? 0);
      if (move > 0) up += move;
      else down -= move;
    }
    size = Math.max(size, up, down);
  }
  return size;
}

/** A daily series as category -> count, so `changeSize` can compare it like any breakdown. */
export function dailyCounts(daily: readonly { date: string; count: number }[] | null): Record<string, number> | null {
  return daily ? Object.fromEntries(daily.map((day) => [day.date, day.count])) : null;
}
