// Arithmetic on published counts: reading one dimension out of the printed cells, subtracting one scope from
// another and rounding a total into parts, each failing loudly when the published tables disagree.
import type { EntityCode } from '../../functions/domain/entities.ts';
import type { ByChannel } from './draft.ts';
import type { Counts } from './prng.ts';
import type { CategoryByDimension, Channel, CountCell, CountDimension, Scope } from './published.ts';

/** How many items the counts add up to. */
export function sumOf(counts: Counts<unknown>): number {
  return counts.reduce((sum, [, n]) => sum + n, 0);
}

/** The count of one category (zero when it is not listed). */
export function countOf<T>(counts: Counts<T>, category: T): number {
  return counts.find(([c]) => c === category)?.[1] ?? 0;
}

/** `n` itself when it is a possible count; otherwise the published tables contradict each other, so it throws. */
export function assertCount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`generate: ${what} would be ${n}; the published tables disagree`);
  return n;
}

/** Largest-remainder rounding of `total` in proportion to `weights` (ties go to the earlier index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('apportion: weights must add up to more than zero');
  const quotas = weights.map((w) => (total * w) / sum);
  const out = quotas.map(Math.floor);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/** Printed counts of one dimension in one scope, restricted to a state (null = all) and, if given, a channel. */
export function countsOf<D extends CountDimension>(
  cells: readonly CountCell[],
  dimension: D,
  scope: Scope,
  entity: EntityCode | null,
  channel?: Channel | null,
): Counts<CategoryByDimension[D]> {
  return cells
    .filter(
      (c) =>
        c.dimension === dimension &&
        c.scope === scope &&
        c.entity === entity &&
        (channel === undefined || c.channel === channel),
    )
    .map((c) => [c.category as CategoryByDimension[D], c.value] as const);
}

/** The counts of `all` that are not in `part` (received minus meets requirements), category by category. */
export function subtract<T>(all: Counts<T>, part: Counts<T>, what: string): Counts<T> {
  const missing = part.find(([c, n]) => n > 0 && !all.some(([a]) => a === c));
  if (missing !== undefined)
    throw new Error(`generate: ${what} ${String(missing[0])} meets requirements but was not received`);
  return all.map(
    ([c, n]) => [c, assertCount(n - countOf(part, c), `${what} ${String(c)} outside meets-requirements`)] as const,
  );
}

/** `subtract` for each channel separately. */
export function minusByChannel<T>(all: ByChannel<T>, part: ByChannel<T>, what: string): ByChannel<T> {
  return {
    inetel: subtract(all.inetel, part.inetel, `${what} inetel`),
    srve: subtract(all.srve, part.srve, `${what} srve`),
  };
}
