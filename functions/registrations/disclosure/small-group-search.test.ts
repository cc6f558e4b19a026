// The search for small groups over hand-reduced rows: atoms are columns 0..3, populations the columns after them.
import { describe, expect, it } from 'vitest';
import type { ReducedRow } from './echelon.ts';
import { ENTRY_LIMIT } from './integer-rows.ts';
import { searchSmallGroups } from './small-group-search.ts';

const ATOMS = 4;
const row = (pivot: number, values: number[]): ReducedRow => ({ pivot, values: Float64Array.from(values) });
const search = (rows: ReducedRow[], counts: number[], nodeBudget = 1_000) => {
  const { groups, undecided } = searchSmallGroups(rows, counts, ATOMS, { minGroup: 10, nodeBudget });
  return { groups: groups.map((g) => ({ ...g, combination: Object.fromEntries(g.combination) })), undecided };
};

describe('the small-group search', () => {
  it('finds an atom a combination isolates when it holds 1 to 9, and not when it holds 10', () => {
    const rows = [row(0, [1, 0, 0, 0, 1, -1])];
    expect(search(rows, [3, 50, 50, 50])).toEqual({
      groups: [{ atoms: [0], count: 3, combination: { 0: 1, 1: -1 }, denominator: 1 }],
      undecided: [],
    });
    expect(search(rows, [10, 50, 50, 50])).toEqual({ groups: [], undecided: [] });
  });

  it('adds the free atoms a chosen row covers whole, and skips a row that covers one only partly', () => {
    // r0 = a0 + a2 (population 0); r1 = a1 − a2 (population 1): r0 alone isolates {a0, a2}, r0 + r1 {a0, a1};
    // r1 alone would need a2 at −1. r2 = a3 alone, in a block of its own, is too big.
    const rows = [row(0, [1, 0, 1, 0, 1, 0, 0]), row(1, [0, 1, -1, 0, 0, 1, 0]), row(3, [0, 0, 0, 1, 0, 0, 1])];
    expect(search(rows, [2, 3, 4, 20])).toEqual({
      groups: [
        { atoms: [0, 2], count: 6, combination: { 0: 1 }, denominator: 1 },
        { atoms: [0, 1], count: 5, combination: { 0: 1, 1: 1 }, denominator: 1 },
      ],
      undecided: [],
    });
    // With a2 at 4 and a0 at 6 the first group holds 10: only {a0, a1} (9) is small.
    expect(search(rows, [6, 3, 4, 20]).groups.map((g) => g.atoms)).toEqual([[0, 1]]);
  });

  it('scales rows to their common pivot and drops populations that cancel', () => {
    // 2·a0 + a2 = p0 + p1 and 2·a1 + a2 = p0 − p1: their sum, 2·(a0 + a1 + a2) = 2·p0.
    const rows = [row(0, [2, 0, 1, 0, 1, 1]), row(1, [0, 2, 1, 0, 1, -1])];
    expect(search(rows, [1, 1, 1, 50])).toEqual({
      groups: [{ atoms: [0, 1, 2], count: 3, combination: { 0: 2 }, denominator: 2 }],
      undecided: [],
    });
  });

  it('gives up on a block, naming its atoms and populations, past its node budget or the exact range', () => {
    const rows = [row(0, [1, 0, 1, 0, 1, 0]), row(1, [0, 1, -1, 0, 0, 1])];
    expect(search(rows, [2, 3, 4, 50], 1)).toEqual({
      groups: [],
      undecided: [{ atoms: [0, 1, 2], populations: [0, 1] }],
    });
    // Pivots 8191 and 8209 (primes): their common multiple is past 2^26.
    const wide = [row(0, [8191, 0, 1, 0, 1, 0]), row(1, [0, 8209, 1, 0, 0, 1])];
    expect(search(wide, [1, 1, 1, 50]).undecided).toEqual([{ atoms: [0, 1, 2], populations: [0, 1] }]);
    const huge = [row(0, [1, 0, ENTRY_LIMIT, 0, 0, 1])];
    expect(search(huge, [1, 50, 1, 50])).toEqual({ groups: [], undecided: [{ atoms: [0, 2], populations: [1] }] });
  });
});
