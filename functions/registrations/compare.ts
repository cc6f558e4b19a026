import { MIN_GROUP, type Suppressed, WITHHELD_FIELDS, type WithheldField } from './small-groups.ts';

/** The breakdowns `…/cuts/{date}/changes` compares: every summary breakdown but the daily series. */
export const CHANGE_BREAKDOWNS = [
  ...WITHHELD_FIELDS.filter((field): field is Exclude<WithheldField, 'daily'> => field !== 'daily'),
  'by_entity',
  'by_country',
] as const;

/** One breakdown name. */
export type ChangeBreakdown = (typeof CHANGE_BREAKDOWNS)[number];

/** One category's move between two cuts. */
export interface Change {
  code: string;
  before: number;
  after: number;
  change: number;
}

/** The figures of one side of a comparison (a summary, or nothing before the first cut). */
export type Side = { total: number; suppressed?: Suppressed } & Record<ChangeBreakdown, Record<string, number> | null>;

/** What changed between two cuts: the total and each breakdown, largest moves first. */
export type CutComparison = {
  total: { before: number; after: number; change: number };
  suppressed?: { min_group: number; fields: ChangeBreakdown[] };
} & Record<ChangeBreakdown, Change[] | null>;

/**
 * Compares two sides. A breakdown withheld on either side (the small-group rule) is withheld here too: its moves
 * would describe the group the rule protects. Moves are sorted by size, then by the later count, then by code.
 */
export function compareSides(before: Side | null, after: Side): CutComparison {
  const out = {
    total: { before: before?.total ?? 0, after: after.total, change: after.total - (before?.total ?? 0) },
  } as CutComparison;
  const withheld: ChangeBreakdown[] = [];
  for (const name of CHANGE_BREAKDOWNS) {
    const a = after[name];
    const b = before ? before[name] : {};
    if (!a || !b) {
      out[name] = null;
      withheld.push(name);
      continue;
    }
    const codes = new Set([...Object.keys(b), ...Object.keys(a)]);
    out[name] = [...codes]
      .map((code) => ({ code, before: b[code] ?? 0, after: a[code] ?? 0, change: (a[code] ?? 0) - (b[code] ?? 0) }))
      .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || y.after - x.after || x.code.localeCompare(y.code));
  }
  if (withheld.length) out.suppressed = { min_group: MIN_GROUP, fields: withheld };
  return out;
}
