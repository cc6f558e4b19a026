// The one rule that no figure describes fewer than 10 applicants beyond their number (contract: "Small groups
// are never described"). Every output (summary API, view CSVs, dashboard, embeds, images) reads a summary that
// this rule has already applied to, so a new view cannot forget it.

/** The smallest group whose breakdowns may be published. */
export const MIN_GROUP = 10;

/** The breakdowns withheld for a small population (its total, states and countries stay exact). */
export const WITHHELD_FIELDS = [
  'by_channel',
  'by_credential',
  'by_sex',
  'by_age_band',
  'by_modality',
  'by_status',
  'daily',
] as const;

/** One of the fields above. */
export type WithheldField = (typeof WITHHELD_FIELDS)[number];

/** What a summary says when it withholds its breakdowns. */
export interface Suppressed {
  min_group: number;
  fields: WithheldField[];
}

/** True when a count describes between 1 and 9 people. */
export function isSmallGroup(count: number): boolean {
  return count >= 1 && count < MIN_GROUP;
}

/**
 * Whether a population's breakdowns must be withheld: it is itself small, or one of the populations published
 * beside it (one filter fewer, or the other scope) differs from it by 1 to 9, which subtraction would isolate.
 */
export function mustWithhold(total: number, neighbours: readonly number[]): boolean {
  return isSmallGroup(total) || neighbours.some((other) => isSmallGroup(Math.abs(other - total)));
}
