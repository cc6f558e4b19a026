// The one rule that no figure describes fewer than 10 applicants beyond their number (contract: "Small groups
// are never described"). Every output (summary API, view CSVs, dashboard, embeds, images) reads a summary that
// this rule has already applied to, so a new view cannot forget it.

/** The smallest group whose breakdowns may be published (the disclosure audit reads it from here too). */
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

/**
 * Why breakdowns are withheld (contract rules 1 and 2): the population has 1 to 9 applications (`small`), it is
 * filtered by both state and country (`cross`), or the disclosure audit withholds it so that no combination of
 * published answers isolates a small group (`complementary`).
 */
export const WITHHELD_REASONS = ['small', 'cross', 'complementary'] as const;

/** One of the reasons above. */
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

/** The attribute breakdowns a comparison can withhold: every summary breakdown but the daily series. */
export const ATTRIBUTE_BREAKDOWNS = WITHHELD_FIELDS.filter(
  (field): field is Exclude<WithheldField, 'daily'> => field !== 'daily',
);

/** The breakdowns `…/cuts/{date}/changes` compares: the attribute breakdowns, then states and countries. */
export const CHANGE_BREAKDOWNS = [...ATTRIBUTE_BREAKDOWNS, 'by_entity', 'by_country'] as const;

/** One breakdown name. */
export type ChangeBreakdown = (typeof CHANGE_BREAKDOWNS)[number];

/** True when a count describes between 1 and 9 people. */
export function isSmallGroup(count: number): boolean {
  return count >= 1 && count < MIN_GROUP;
}

/**
 * The reason a population's breakdowns are withheld whatever the audit says, or null: rule 1 (a small population)
 * and rule 2's default (a state crossed with a country).
 */
export function ruleWithholds(total: number, filters: { entity: string | null; country: string | null }) {
  if (isSmallGroup(total)) return 'small' as const;
  if (filters.entity !== null && filters.country !== null) return 'cross' as const;
  return null;
}
