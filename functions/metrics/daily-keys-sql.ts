// SQL fragments the counting statements share (count.ts, admission.ts): which days are open, which free
// values have their own row, and where a visitor's scopes are counted and kept.

/** True for a day whose visitor rows the retention has not deleted yet: its visitors and new values count. */
export const OPEN_DAY = (day: string): string => `${day} > (SELECT through FROM metric_closed)`;

/** True when a free value has its own row on that day (the row is the proof it was admitted). */
export const ADMITTED = (day: string, dimension: string, key: string): string =>
  `EXISTS (SELECT 1 FROM metric_daily_keys k WHERE k.day = ${day} AND k.dimension = ${dimension} AND k.key = ${key})`;

/**
 * The row of metric_visitor_shards that holds a visitor of a day: the hash's first two characters and a
 * quarter of the third (1,024 rows a day at most), so closing a day deletes those rows, not one per visitor.
 */
export const VISITOR_SHARD = (visitor: string): string =>
  `substr(${visitor}, 1, 2) || substr('0000111122223333', instr('0123456789abcdef', substr(${visitor}, 3, 1)), 1)`;

/** Visitor scopes counted in the rollup row of the same name ('site' in event/pageview's): all but free values'. */
export const ROLLUP_SCOPE = (scope: string): string =>
  `(${scope} = 'site' OR ${scope} LIKE 'lang:%' OR ${scope} LIKE 'page:%' OR ${scope} LIKE 'ref:%')`;

/** The dimension of a ROLLUP_SCOPE's row: 'site' is event/pageview's, 'page:/es/' is page's /es/, and so on. */
export const SCOPE_DIMENSION = (scope: string): string =>
  `CASE WHEN ${scope} = 'site' THEN 'event' ELSE substr(${scope}, 1, instr(${scope}, ':') - 1) END`;

/** The key of a ROLLUP_SCOPE's row. */
export const SCOPE_KEY = (scope: string): string =>
  `CASE WHEN ${scope} = 'site' THEN 'pageview' ELSE substr(${scope}, instr(${scope}, ':') + 1) END`;
