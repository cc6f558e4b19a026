import { mulberry32, type Random } from '../../functions/shared/prng.ts';

export { mulberry32, type Random };

/** A 32-bit seed derived from a label (FNV-1a), so each generation step gets its own stream. */
export function seedFrom(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A PRNG for one named step; independent labels keep one step's changes from reshuffling the others. */
export function streamFor(...labels: string[]): Random {
  return mulberry32(seedFrom(labels.join('/')));
}

/** An integer in [min, max], both included. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A Fisher-Yates shuffled copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** How many items get each category; the counts must add up to the number of items. */
export type Counts<T> = ReadonlyArray<readonly [T, number]>;

/**
 * Gives each item one category so that category counts are exact; within that constraint items are drawn at random,
 * favouring higher `weight(item, category)` (weighted sampling without replacement, Efraimidis-Spirakis).
 * Categories are filled in the given order and the last one takes the remainder, so put the ones whose weights
 * matter first.
 */
export function allocate<I, T>(
  random: Random,
  items: readonly I[],
  counts: Counts<T>,
  weight: (item: I, category: T) => number = () => 1,
): T[] {
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  if (total !== items.length) throw new Error(`allocate: counts add up to ${total} for ${items.length} items`);
  const out = new Array<T>(items.length);
  let remaining = items.map((_, i) => i);
  counts.forEach(([category, n], position) => {
    if (n < 0 || !Number.isInteger(n)) throw new Error(`allocate: bad count ${n}`);
    if (position === counts.length - 1) {
      for (const i of remaining) out[i] = category;
      return;
    }
    const keyed = remaining.map((i) => {
      const w = weight(items[i] as I, category);
      // 1 - u is in (0, 1], so the log is finite; a zero weight sorts last but can still be taken if needed.
      const u = 1 - random();
      return { i, key: w > 0 ? Math.log(u) / w : Number.NEGATIVE_INFINITY };
    });
    keyed.sort((a, b) => (a.key === b.key ? a.i - b.i : b.key > a.key ? 1 : -1));
    for (const { i } of keyed.slice(0, n)) out[i] = category;
    remaining = keyed
      .slice(n)
      .map(({ i }) => i)
      .sort((a, b) => a - b);
  });
  return out;
}
