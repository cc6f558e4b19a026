import type { z } from '@hono/zod-openapi';
import type { ComparisonAnswer, MoveAnswer } from './answers.ts';
import { changeSize } from './change-size.ts';
import {
  ATTRIBUTE_BREAKDOWNS,
  CHANGE_BREAKDOWNS,
  type ChangeBreakdown,
  isSmallGroup,
  MIN_GROUP,
} from './small-groups.ts';
import type { Summary } from './summary.ts';

/** One category's move between two cuts (its shape is the answer schema's). */
export type Change = z.output<typeof MoveAnswer>;

/** What compareSides reads of each side: a summary, or nothing before the first cut. */
export type Side = Pick<Summary, 'total' | 'suppressed'> & Record<ChangeBreakdown, Record<string, number> | null>;

/** What changed between two cuts: the total and each breakdown, largest moves first (the answer schema's shape). */
export type CutComparison = z.output<typeof ComparisonAnswer>;

/**
 * Compares two sides. A breakdown withheld on either side (the small-group rule) is withheld here too: its moves
 * would describe the group the rule protects. When the population changed by 1 to 9 applications (rule 3), the
 * attribute moves would describe those few people: only the counts (total, states, countries) are shown. Moves are
 * sorted by size, then by the later count, then by code.
 */
export function compareSides(before: Side | null, after: Side): CutComparison {
  const out = {
    total: { before: before?.total ?? 0, after: after.total, change: after.total - (before?.total ?? 0) },
  } as CutComparison;
  const withheld: ChangeBreakdown[] = [];
  const emptyBefore = Object.fromEntries(CHANGE_BREAKDOWNS.map((name) => [name, {}])) as Side;
  const earlier = before ?? { ...emptyBefore, total: 0 };
  const pick = (side: Side) => Object.fromEntries(ATTRIBUTE_BREAKDOWNS.map((name) => [name, side[name]]));
  const small = isSmallGroup(
    changeSize({ ...earlier, breakdowns: pick(earlier) }, { ...after, breakdowns: pick(after) }),
  );
  for (const name of CHANGE_BREAKDOWNS) {
    const a = after[name];
    const b = earlier[name];
    const hidden = small && (ATTRIBUTE_BREAKDOWNS as readonly string[]).includes(name);
    if (!a || !b || hidden) {
      out[name] = null;
      withheld.push(name);
      continue;
    }
    const codes = new Set([...Object.keys(b), ...Object.keys(a)]);
    out[name] = [...codes]
      .map((code) => ({ code, before: b[code] ?? 0, after: a[code] ?? 0, change: (a[code] ?? 0) - (b[code] ?? 0) }))
      .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || y.after - x.after || x.code.localeCompare(y.code));
  }
  if (withheld.length) {
    const reason = after.suppressed?.reason ?? before?.suppressed?.reason ?? 'small';
    out.suppressed = { min_group: MIN_GROUP, reason, fields: withheld };
  }
  return out;
}
