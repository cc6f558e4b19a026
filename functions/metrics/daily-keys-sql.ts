// SQL fragments the counting statements share (count.ts, admission.ts): which days are open and which free
// values have their own row.

/** True for a day whose visitor rows the retention has not deleted yet: its visitors and new values count. */
export const OPEN_DAY = (day: string): string => `${day} > (SELECT through FROM metric_closed)`;

/** True when a free value has its own row on that day (the row is the proof it was admitted). */
export const ADMITTED = (day: string, dimension: string, key: string): string =>
  `EXISTS (SELECT 1 FROM metric_daily_keys k WHERE k.day = ${day} AND k.dimension = ${dimension} AND k.key = ${key})`;
